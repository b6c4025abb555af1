// `live-origin inspect` on the command line (the built dist/cli.js against files and a loopback
// origin), and the fetch it gives the inspector.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseInspectArgs } from '../../../src/cli/inspectCommand';
import { liveHttpFetch } from '../../../src/net/liveHttpFetch';
import { bodyText } from '../../../src/live/liveFetch';

/** Compiled to out/test/unit/cli: the repository root is four levels up. */
const CLI = join(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');
const KEY = 'PLAYER-KEY-1234567890';

const usage = (message: string) => new Error(`usage: ${message}`);

const MEDIA = `#EXTM3U
#EXT-X-TARGETDURATION:2
#EXT-X-MEDIA-SEQUENCE:10
#EXT-X-PROGRAM-DATE-TIME:2026-11-21T12:00:00.000Z
#EXTINF:2.0,
seg_10.ts
#EXTINF:2.0,
seg_11.ts
#EXTINF:2.0,
seg_12.ts
`;

function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, LANG: 'C', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** A loopback origin that serves `routes` only to requests carrying the player key. */
async function origin(routes: Record<string, string | Buffer>) {
  const seen: { url: string; authorization?: string; host?: string }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization, host: req.headers.host });
    const body = routes[(req.url ?? '').split('?')[0]];
    if (req.headers.authorization !== KEY) res.writeHead(401).end('Unauthorized');
    else if (body === undefined) res.writeHead(404).end('Key Not Found');
    else res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('live-origin inspect', function () {
  this.timeout(30_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'live-origin-inspect-'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('parses its arguments, and refuses what it cannot use', () => {
    assert.deepEqual(parseInspectArgs(['https://x.test/p.m3u8'], usage), { target: 'https://x.test/p.m3u8', format: 'text' });
    assert.deepEqual(parseInspectArgs(['--watch', '30', 'u', '--format=json'], usage), { target: 'u', format: 'json', watchSeconds: 30 });
    assert.deepEqual(parseInspectArgs(['--watch=0.5', 'u'], usage).watchSeconds, 0.5);
    for (const args of [[], ['a', 'b'], ['u', '--format', 'xml'], ['u', '--watch', '0'], ['u', '--watch', '-3'], ['u', '--watch', 'soon'], ['u', '--watch', '86401'], ['u', '--watch'], ['u', '--live']]) {
      assert.throws(() => parseInspectArgs(args, usage), /^Error: usage: /, args.join(' '));
    }
  });

  it('inspects a local master and its variants as one snapshot, exit 1 on an error', async () => {
    writeFileSync(join(dir, 'master.m3u8'), '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000000\nvariant.m3u8?token=SECRET-ENCODER-KEY\n');
    writeFileSync(join(dir, 'variant.m3u8'), MEDIA.replace('#EXTINF:2.0,\nseg_12.ts', '#EXTINF:2.6,\nseg_12.ts'));
    const run = await runCli(['inspect', join(dir, 'master.m3u8'), '--format', 'json']);
    assert.equal(run.status, 1, run.stderr);
    const findings = JSON.parse(run.stdout) as { code: string; severity: string; playlist: string; message: string; time: string }[];
    assert.deepEqual(findings.map((finding) => finding.code), ['live-token-in-uri', 'live-extinf-over-target']);
    assert.ok(findings.every((finding) => !Number.isNaN(Date.parse(finding.time))));
    assert.equal(findings[1].playlist, `${pathToFileURL(join(dir, 'variant.m3u8')).href}?token=<redacted>`);
    assert.doesNotMatch(run.stdout + run.stderr, /SECRET-ENCODER-KEY/);
  });

  it('exits 0 on a clean local playlist and prints a text summary', async () => {
    writeFileSync(join(dir, 'clean.m3u8'), MEDIA);
    const run = await runCli(['inspect', join(dir, 'clean.m3u8')]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /media sequence 10; target 2 s; window 6 s in 3 segments; live point 12 \(2026-11-21T12:00:06\.000Z\)/);
    assert.match(run.stdout, /0 error\(s\), 0 warning\(s\)/);
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [['inspect'], ['inspect', join(dir, 'missing.m3u8')], ['inspect', join(dir, 'clean.m3u8'), '--watch', '5'], ['inspect', 'http://[bad/p.m3u8']]) {
      const run = await runCli(args);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /live-origin inspect <url\|file>/);
    }
  });

  it('sends the player key from the environment to the origin only, and never prints it', async () => {
    const server = await origin({
      '/cache/ns/playlist.m3u8': '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000000\nplaylist_a.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=1000000\nhttp://other.localhost:1/elsewhere.m3u8\n',
      '/cache/ns/playlist_a.m3u8': MEDIA,
      '/cache/ns/seg_12.ts': Buffer.alloc(188 * 4, 0x47),
    });
    try {
      const run = await runCli(['inspect', `${server.base}/cache/ns/playlist.m3u8`, '--format', 'json'], { LIVE_ORIGIN_PLAYER_KEY: KEY });
      const findings = JSON.parse(run.stdout) as { code: string; playlist: string }[];
      assert.deepEqual(findings.map((finding) => [finding.code, finding.playlist]), [['live-fetch-failed', 'http://other.localhost:1/elsewhere.m3u8']]);
      assert.equal(run.status, 1);
      assert.deepEqual(server.seen.map((request) => request.url), ['/cache/ns/playlist.m3u8', '/cache/ns/playlist_a.m3u8', '/cache/ns/seg_12.ts']);
      assert.ok(server.seen.every((request) => request.authorization === KEY));
      assert.ok(!run.stdout.includes(KEY) && !run.stderr.includes(KEY));

      const keyless = await runCli(['inspect', `${server.base}/cache/ns/playlist.m3u8`], { LIVE_ORIGIN_PLAYER_KEY: '' });
      assert.equal(keyless.status, 1);
      assert.match(keyless.stderr, /LIVE_ORIGIN_PLAYER_KEY is not set/);
      assert.match(keyless.stdout, /live-fetch-failed: .*HTTP 401: the key was refused/);
    } finally {
      await server.close();
    }
  });

  it('watches for the given time, bounded', async () => {
    const server = await origin({ '/cache/ns/playlist_a.m3u8': MEDIA, '/cache/ns/seg_12.ts': Buffer.alloc(188, 0x47) });
    try {
      const started = Date.now();
      const run = await runCli(['inspect', `${server.base}/cache/ns/playlist_a.m3u8`, '--watch', '3.5', '--format', 'json'], { LIVE_ORIGIN_PLAYER_KEY: KEY });
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 3500 && elapsed < 10_000, `${elapsed} ms`);
      assert.deepEqual((JSON.parse(run.stdout) as { code: string }[]).map((finding) => finding.code), ['live-stale-playlist']);
      assert.equal(run.status, 1);
      const reloads = server.seen.filter((request) => request.url === '/cache/ns/playlist_a.m3u8').length;
      // At 0 s, then one target duration later, then every half of one: 0, 2 and 3 s.
      assert.equal(reloads, 3, `${reloads} reloads in 3.5 s of a 2 s playlist that does not change`);
    } finally {
      await server.close();
    }
  });
});

describe('the command line\'s fetch for the inspector', () => {
  it('adds the key only for its origin, caps the body, and resolves *.localhost to loopback', async () => {
    const server = await origin({ '/cache/ns/big': Buffer.alloc(100_000, 0x61) });
    try {
      const { port } = new URL(server.base);
      const fetch = liveHttpFetch({ authorization: { origin: server.base, value: KEY } });
      const capped = await fetch(`${server.base}/cache/ns/big`, { maxBytes: 1000 });
      assert.equal(capped.status, 200);
      assert.equal(bodyText(capped.body).length, 1000);
      const viaName = await fetch(`http://d111.localhost:${port}/cache/ns/big`);
      assert.equal(viaName.status, 401, 'another origin (by name) gets no key');
      assert.equal(server.seen[1].host, `d111.localhost:${port}`);
      assert.equal(server.seen[1].authorization, undefined);
    } finally {
      await server.close();
    }
  });

  it('reads file: URLs only when told to, and never other schemes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'live-origin-fetch-'));
    try {
      writeFileSync(join(dir, 'p.m3u8'), MEDIA);
      const url = pathToFileURL(join(dir, 'p.m3u8')).href;
      assert.equal(bodyText((await liveHttpFetch({ allowFiles: true })(url)).body), MEDIA);
      assert.equal((await liveHttpFetch({ allowFiles: true })(`${url}.missing`)).status, 404);
      await assert.rejects(liveHttpFetch()(url), /unsupported URL scheme file:/);
      await assert.rejects(liveHttpFetch({ allowFiles: true })('ftp://127.0.0.1/p.m3u8'), /unsupported URL scheme ftp:/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
