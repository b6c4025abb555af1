import assert from 'node:assert/strict';
import { HostEndpoint, type Handlers } from '../../../src/protocol/hostEndpoint';
import type { HostMessage, PlayerInit, RequestMessage } from '../../../src/protocol/messages';
import { PageClient, type Timers } from '../../../src/protocol/pageClient';
import { decodeMessage, encodeMessage } from '../../../src/protocol/wire';

const INIT: PlayerInit = {
  stream: { title: 't', sources: [{ kind: 'edge', url: 'http://d1.localhost:1/playlist.m3u8' }], preferred: 'edge' },
  strings: {},
  canOpenExternal: false,
};

/** Timers the test fires by hand. */
class ManualTimers implements Timers {
  private next = 1;
  readonly armed = new Map<number, () => void>();
  setTimeout(callback: () => void): unknown {
    const id = this.next++;
    this.armed.set(id, callback);
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.armed.delete(handle as number);
  }
  fireAll(): void {
    const callbacks = [...this.armed.values()];
    this.armed.clear();
    callbacks.forEach((callback) => callback());
  }
}

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    ready: () => INIT,
    fetch: async ({ url }) => ({ status: 200, url, text: url }),
    openExternal: () => ({ opened: false }),
    stats: () => null,
    dom: () => null,
    ...overrides,
  };
}

/** Page and host joined through JSON text, as the loopback transport carries them. */
function pair(hostHandlers: Handlers, timers?: Timers) {
  const toPage: HostMessage[] = [];
  const page: { client?: PageClient } = {};
  const host = new HostEndpoint(hostHandlers, (message) => {
    toPage.push(message);
    page.client!.receive(decodeMessage(encodeMessage(message)));
  });
  const client = new PageClient((message: RequestMessage) => void host.receive(decodeMessage(encodeMessage(message))), timers);
  page.client = client;
  return { host, client, toPage };
}

describe('protocol between the player page and the host', () => {
  it('matches replies to their request ids when they come back out of order', async () => {
    const release = new Map<string, () => void>();
    const { client } = pair(handlers({
      fetch: ({ url }) => new Promise((resolve) => release.set(url, () => resolve({ status: 200, url, text: `body of ${url}` }))),
    }));
    const first = client.request('fetch', { url: 'a', responseType: 'text' });
    const second = client.request('fetch', { url: 'b', responseType: 'text' });
    await new Promise((resolve) => setImmediate(resolve));
    release.get('b')!();
    assert.equal((await second).text, 'body of b');
    release.get('a')!();
    assert.equal((await first).text, 'body of a');
    assert.equal(client.inFlight, 0);
  });

  it('turns a handler failure into an error for that request only', async () => {
    const { client } = pair(handlers({
      fetch: async ({ url }) => {
        if (url === 'bad') throw new Error('origin refused');
        return { status: 200, url, text: 'ok' };
      },
    }));
    const bad = client.request('fetch', { url: 'bad', responseType: 'text' });
    const good = client.request('fetch', { url: 'good', responseType: 'text' });
    await assert.rejects(bad, { name: 'ProtocolError', code: 'failed', message: 'origin refused' });
    assert.equal((await good).text, 'ok');
  });

  it('answers an unknown command with unknown-command, and ignores what is not a request', async () => {
    const posted: HostMessage[] = [];
    const host = new HostEndpoint(handlers(), (message) => posted.push(message));
    await host.receive({ req: 7, command: 'toString', args: {} });
    await host.receive({ req: 8, command: 'launchMissiles', args: {} });
    await host.receive({ hello: 'world' });
    await host.receive(null);
    assert.deepEqual(posted.map((m) => ('err' in m ? [m.seq, m.err.code] : m)), [[7, 'unknown-command'], [8, 'unknown-command']]);

    const client = new PageClient((message) => void host.receive(message).then(() => client.receive(posted.at(-1))));
    await assert.rejects(client.request('nope' as 'ready', {}), { code: 'unknown-command' });
  });

  it('rejects a request the host never answers on timeout, and ignores the late reply', async () => {
    const timers = new ManualTimers();
    const sent: RequestMessage[] = [];
    const client = new PageClient((message) => sent.push(message), timers);
    const pending = client.request('fetch', { url: 'slow', responseType: 'text' }, 500);
    timers.fireAll();
    await assert.rejects(pending, { code: 'timeout' });
    assert.equal(client.inFlight, 0);
    client.receive({ seq: sent[0].req, res: { status: 200, url: 'slow' } });
    assert.equal(client.inFlight, 0);
  });

  it('answered requests leave no timer armed', async () => {
    const timers = new ManualTimers();
    const { client } = pair(handlers(), timers);
    await client.request('fetch', { url: 'x', responseType: 'text' });
    assert.equal(timers.armed.size, 0);
  });

  it('holds events until the page is ready, keeping the newest of each name', async () => {
    const { host, client, toPage } = pair(handlers());
    const seen: string[] = [];
    client.on('inspector', (view) => seen.push(view.url));
    host.push('inspector', { url: 'first', renditions: [], history: [], counts: {} });
    host.push('inspector', { url: 'second', renditions: [], history: [], counts: {} });
    assert.deepEqual(toPage, []);
    const init = await client.request('ready', {});
    assert.deepEqual(init, INIT);
    assert.deepEqual(seen, ['second']);
    host.push('inspector', { url: 'third', renditions: [], history: [], counts: {} });
    assert.deepEqual(seen, ['second', 'third']);
    host.unready();
    host.push('inspector', { url: 'hidden', renditions: [], history: [], counts: {} });
    assert.deepEqual(seen, ['second', 'third']);
  });

  it('rejects what is pending when either side closes', async () => {
    const client = new PageClient(() => undefined, new ManualTimers());
    const pending = client.request('ready', {});
    client.dispose();
    await assert.rejects(pending, { code: 'closed' });
    await assert.rejects(client.request('ready', {}), { code: 'closed' });

    const posted: HostMessage[] = [];
    const host = new HostEndpoint(handlers(), (message) => posted.push(message));
    host.dispose();
    await host.receive({ req: 1, command: 'ready', args: {} });
    host.push('dumpDom', {});
    assert.deepEqual(posted, []);
  });

  it('carries bytes through JSON, a Node Buffer included', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);
    const decoded = decodeMessage(encodeMessage({ seq: 1, res: { status: 200, url: 'u', bytes: Buffer.from(bytes) } })) as { res: { bytes: Uint8Array } };
    assert.ok(decoded.res.bytes instanceof Uint8Array);
    assert.deepEqual([...decoded.res.bytes], [...bytes]);
    assert.deepEqual(decodeMessage(encodeMessage({ a: { $bytes: 1 } })), { a: { $bytes: 1 } });
  });
});
