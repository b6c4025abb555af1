import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import * as vscode from 'vscode';
import { analysedDiagnostics, waitFor } from './wait';

interface Info {
  momento: { httpEndpoint: string; namespace: string; playerKey: string };
  medialive: { endpoint: string };
  cloudfront: { endpoint: string; edge: string };
  ssm: { endpoint: string };
  liveOriginJson: string;
  stream?: { domainName: string; playbackUrl: string };
}

interface Fetched { status: number; body: Buffer; cache?: string }

/** GET through the sandbox edge, addressing the distribution by Host header as CloudFront does. */
function getThroughEdge(edge: string, host: string, path: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${edge}${path}`, { headers: { host }, timeout: 5000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks), cache: response.headers['x-cache'] as string | undefined }));
    });
    request.on('error', reject).on('timeout', () => request.destroy(new Error('timeout')));
  });
}

const uris = (playlist: string) => playlist.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
/** The media sequence number of the newest segment: it grows with every segment the encoder adds. */
const livePoint = (playlist: string) => Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(playlist)?.[1] ?? 0) + uris(playlist).length - 1;

/** MPEG-TS: whole 188-byte packets, each starting with the sync byte 0x47. */
function isTransportStream(data: Buffer): boolean {
  if (data.length === 0 || data.length % 188 !== 0) return false;
  for (let offset = 0; offset < data.length; offset += 188) if (data[offset] !== 0x47) return false;
  return true;
}

/** ffmpeg processes below this extension host (the sandbox the command started runs them). */
function ffmpegsBelow(ancestor: number): number[] {
  const parents = new Map<number, { ppid: number; comm: string }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      parents.set(Number(entry), { comm: stat.slice(stat.indexOf('(') + 1, close), ppid: Number(stat.slice(close + 2).split(' ')[1]) });
    } catch {
      // The process ended while the table was read.
    }
  }
  const below = (pid: number): boolean => {
    for (let current = parents.get(pid)?.ppid, hops = 0; current && hops < 64; current = parents.get(current)?.ppid, hops++) {
      if (current === ancestor) return true;
    }
    return false;
  };
  return [...parents].filter(([pid, { comm }]) => comm === 'ffmpeg' && below(pid)).map(([pid]) => pid);
}

/** A zombie has exited; only its parent's bookkeeping is left. */
function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function refuses(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(3000) });
    return false;
  } catch (error) {
    return /ECONNREFUSED/.test(String((error as { cause?: unknown }).cause ?? error));
  }
}

describe('local sandbox commands', function () {
  this.timeout(120_000);
  let info: Info | undefined;

  after(async () => {
    await vscode.commands.executeCommand('momentoLive.sandbox.stop');
    await vscode.workspace.getConfiguration('momentoLive').update('target', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('starts the sandbox and opens a live-origin.json the checker finds clean', async () => {
    info = await vscode.commands.executeCommand<Info | undefined>('momentoLive.sandbox.start');
    assert.ok(info?.stream, 'the start command returns the running sandbox');
    assert.equal(vscode.workspace.getConfiguration('momentoLive').get('target'), 'sandbox');
    const config = vscode.Uri.file(info.liveOriginJson);
    await waitFor('live-origin.json to open', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.path === config.path));
    assert.deepEqual(await analysedDiagnostics(config), []);
  });

  it('streams through its distribution: the live playlist advances and its segments are MPEG-TS', async () => {
    assert.ok(info?.stream);
    const { edge } = info.cloudfront;
    const host = info.stream.domainName;
    const master = await waitFor('the master playlist at the edge', async () => {
      const response = await getThroughEdge(edge, host, '/playlist.m3u8');
      return response.status === 200 ? response : undefined;
    }, 30_000);
    const masterText = master.body.toString('utf8');
    assert.match(masterText, /#EXT-X-STREAM-INF/);
    assert.equal(master.cache, 'Miss from cloudfront', 'manifests are never cached');

    const variantPath = new URL(uris(masterText)[0], `http://${host}/playlist.m3u8`).pathname;
    const first = await getThroughEdge(edge, host, variantPath);
    assert.equal(first.status, 200, `GET ${variantPath}`);
    const firstLivePoint = livePoint(first.body.toString('utf8'));
    assert.ok(firstLivePoint >= 0, `no segment in ${variantPath}`);
    // Segments are 2 s long: a new one is listed within a few seconds.
    const later = await waitFor(`${variantPath} to list a segment after media sequence ${firstLivePoint}`, async () => {
      const response = await getThroughEdge(edge, host, variantPath);
      const text = response.body.toString('utf8');
      return response.status === 200 && livePoint(text) > firstLivePoint ? text : undefined;
    }, 20_000);

    const newest = uris(later).at(-1)!;
    const segment = await getThroughEdge(edge, host, new URL(newest, `http://${host}${variantPath}`).pathname);
    assert.equal(segment.status, 200, `GET ${newest}`);
    assert.ok(isTransportStream(segment.body), `${newest} (${segment.body.length} bytes) is not MPEG-TS`);
  });

  it('stops the sandbox and everything it started: ffmpeg and every port', async () => {
    assert.ok(info);
    const encoders = ffmpegsBelow(process.pid);
    assert.ok(encoders.length > 0, 'the running sandbox has an ffmpeg encoder');
    await vscode.commands.executeCommand('momentoLive.sandbox.stop');
    // By pid: an orphaned ffmpeg would leave this process tree but keep running.
    await waitFor(`ffmpeg ${encoders.join(', ')} to exit`, () => (encoders.every((pid) => !isRunning(pid)) ? true : undefined));
    const endpoints = {
      'Momento HTTP': `${info.momento.httpEndpoint}/cache/${info.momento.namespace}/playlist.m3u8`,
      MediaLive: `${info.medialive.endpoint}/prod/channels`,
      'CloudFront control plane': `${info.cloudfront.endpoint}/2020-05-31/distribution`,
      'CloudFront edge': `${info.cloudfront.edge}/playlist.m3u8`,
      SSM: info.ssm.endpoint,
    };
    for (const [service, url] of Object.entries(endpoints)) assert.ok(await refuses(url), `${service} still answers at ${url}`);
  });
});
