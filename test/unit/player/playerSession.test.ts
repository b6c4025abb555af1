// The host side of a player page over real HTTP on loopback: what the page may fetch through the
// host, and that only the origin's namespace gets the player key.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PlayerSession } from '../../../src/extension/player/playerSession';
import type { FetchResult, HostMessage } from '../../../src/protocol/messages';

const KEY = 'player-key-0123456789abcdef';

describe('player session (host side) against a loopback origin', () => {
  let server: http.Server;
  let base: string;
  const seen: { path: string; authorization?: string; range?: string }[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization, range: req.headers.range });
      if (req.url?.endsWith('.ts')) res.writeHead(200).end(Buffer.from([0x47, 1, 2, 3]));
      else res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(`#EXTM3U\n# echo ${req.headers.authorization ?? ''}\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function withSession<T>(run: (request: (command: string, args: unknown) => Promise<HostMessage>) => Promise<T>): Promise<T> {
    const replies = new Map<number, (message: HostMessage) => void>();
    const session = new PlayerSession({
      stream: { title: 't', sources: [{ kind: 'origin', url: `${base}/cache/ns/playlist.m3u8` }, { kind: 'edge', url: `${base}/edge/playlist.m3u8` }], preferred: 'origin' },
      playerKey: KEY,
      strings: {},
      post: (message) => {
        if ('seq' in message) replies.get(message.seq)?.(message);
      },
    });
    let req = 0;
    try {
      return await run((command, args) => {
        const id = ++req;
        const reply = new Promise<HostMessage>((resolve) => replies.set(id, resolve));
        void session.receive({ req: id, command, args });
        return reply;
      });
    } finally {
      session.dispose();
    }
  }

  it('adds the key to the origin\'s namespace only, and never returns it to the page', async () => {
    await withSession(async (request) => {
      const playlist = await request('fetch', { url: `${base}/cache/ns/playlist_720p30.m3u8?ttl_seconds=3600`, responseType: 'text' });
      assert.ok('res' in playlist);
      const text = (playlist.res as FetchResult).text!;
      assert.match(text, /# echo <redacted>/, 'a body echoing the key reaches the page redacted');
      assert.ok(!JSON.stringify(playlist).includes(KEY));

      const segment = await request('fetch', { url: `${base}/cache/ns/playlist_720p30_00001.ts`, responseType: 'arraybuffer', rangeStart: 0, rangeEnd: 4 });
      assert.ok('res' in segment);
      assert.deepEqual([...(segment.res as FetchResult).bytes!], [0x47, 1, 2, 3]);

      const edge = await request('fetch', { url: `${base}/edge/playlist_720p30.m3u8`, responseType: 'text' });
      assert.ok('res' in edge);
    });
    const byPath = (path: string) => seen.filter((s) => s.path === path);
    assert.equal(byPath('/cache/ns/playlist_720p30.m3u8?ttl_seconds=3600')[0]?.authorization, KEY);
    assert.deepEqual(byPath('/cache/ns/playlist_720p30_00001.ts')[0], { path: '/cache/ns/playlist_720p30_00001.ts', authorization: KEY, range: 'bytes=0-3' });
    assert.equal(byPath('/edge/playlist_720p30.m3u8')[0]?.authorization, undefined, 'the edge gets no key');
  });

  it('refuses URLs outside the stream, however they are spelled', async () => {
    const before = seen.length;
    await withSession(async (request) => {
      for (const url of [`${base}/cache/other/playlist.m3u8`, `${base}/cache/ns/../other/x.ts`, `${base}/cache/ns2/x.ts`, 'http://example.invalid/cache/ns/x.ts', 'file:///etc/passwd', 42]) {
        const reply = await request('fetch', { url, responseType: 'text' });
        assert.ok('err' in reply && reply.err.code === 'bad-request', `${String(url)}: ${JSON.stringify(reply)}`);
      }
    });
    assert.equal(seen.slice(before).filter((s) => !s.path.startsWith('/cache/ns/playlist.m3u8')).length, 0, 'nothing outside was requested (only the inspector\'s master reloads)');
  });
});
