// The player page in headless Chromium against the sandbox's live stream, served by the
// system-browser twin (the loopback server) with the host side the editor uses: it plays through
// the CDN edge and from the origin through the host's loaders, keeps up with the clock without a
// stall, reports glass-to-glass latency, and never holds the player key.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { LIVE_SEVERITIES, type LiveCode } from '../../src/live/codes';
import type { InspectorView } from '../../src/live/inspector';
import { LoopbackPlayerServer } from '../../src/extension/player/loopbackServer';
import { pageStrings } from '../../src/extension/player/pageStrings';
import { PlayerSession } from '../../src/extension/player/playerSession';
import type { PlayerStats, SourceKind, StreamRef } from '../../src/protocol/messages';
import { encodeMessage } from '../../src/protocol/wire';
import { startDemoStream, type DemoStream } from '../../src/sandbox/demoStream';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/sandbox';
import { CHROMIUM_PATH, findRepoRoot, launchChromium } from '../runners/codeServer';

// The working directory: mocha runs from the checkout, wherever the compiled tests are.
const ROOT = findRepoRoot(process.cwd());
const DIST = path.join(ROOT, 'dist');
const RESULTS = path.join(ROOT, 'test-results');
const START_TIMEOUT_MS = 40_000;
/** The live window: 30 s of playback with no stall. */
const WINDOW_MS = 30_000;
/** Enough to see the video-only fallback keep pace. */
const SHORT_WINDOW_MS = 12_000;
const MIN_PLAYBACK_RATE = 0.8;

interface Sample { at: number; stats: PlayerStats }

interface Twin {
  server: LoopbackPlayerServer;
  samples: Sample[];
  traffic: string[];
  inspector: InspectorView[];
  session?: PlayerSession;
}

async function openTwin(stream: StreamRef, playerKey: string): Promise<Twin> {
  const twin = { samples: [], traffic: [], inspector: [] } as Omit<Twin, 'server'> as Twin;
  twin.server = await LoopbackPlayerServer.start({
    distDir: DIST,
    title: stream.title,
    lang: 'en',
    connect: stream.sources.filter((s) => s.kind === 'edge').map((s) => new URL(s.url).origin),
    createSession: (post) => {
      const session = new PlayerSession({
        stream,
        playerKey,
        strings: pageStrings(),
        post,
        onStats: (stats) => twin.samples.push({ at: Date.now(), stats }),
        onTraffic: (_direction, message) => {
          const text = encodeMessage(message);
          twin.traffic.push(text);
          if ((message as { event?: string }).event === 'inspector') twin.inspector.push((message as { data: InspectorView }).data);
        },
      });
      twin.session = session;
      return { receive: (m) => session.receive(m), pageGone: () => session.endpoint.unready(), dispose: () => session.dispose() };
    },
  });
  return twin;
}

/**
 * The sandbox edge as a distribution without a CORS response headers policy answers: the page (on
 * another origin, as a webview is) may not read it, and must go through the host.
 */
async function edgeWithoutCors(edgeUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const edge = new URL(edgeUrl);
  const server = http.createServer((req, res) => {
    const upstream = http.request({ host: '127.0.0.1', port: edge.port, path: req.url, method: req.method, headers: { host: edge.host } }, (answer) => {
      const headers = { ...answer.headers };
      delete headers['access-control-allow-origin'];
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    upstream.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${edge.pathname}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function latest(twin: Twin): PlayerStats | undefined {
  return twin.samples.at(-1)?.stats;
}

/** Waits for playback, then watches it for `windowMs`; returns the first and last samples of the window. */
async function watchPlayback(twin: Twin, windowMs = WINDOW_MS): Promise<{ first: Sample; last: Sample }> {
  await until('the page to play', () => {
    const stats = latest(twin);
    if (stats?.state === 'failed' || stats?.state === 'unsupported') assert.fail(`the player ${stats.state}: ${stats.problem}`);
    return stats?.state === 'playing' && stats.currentTime > 0 ? true : undefined;
  }, START_TIMEOUT_MS);
  const first = twin.samples.at(-1)!;
  await until(`${windowMs} ms of playback`, () => (Date.now() - first.at >= windowMs ? true : undefined), windowMs + 5000);
  const last = twin.samples.at(-1)!;
  assert.ok(last.at - first.at >= windowMs - 1500, 'the page kept reporting its stats');
  return { first, last };
}

describe('player page in Chromium against the sandbox (system-browser twin)', function () {
  let dir: string | undefined;
  let sandbox: RunningSandbox | undefined;
  let browser: BrowserContext | undefined;
  let stream: DemoStream;
  let originUrl: string;
  let noCors: { url: string; close(): Promise<void> } | undefined;
  const twins: Twin[] = [];

  before(async function () {
    this.timeout(90_000);
    assert.ok(existsSync(CHROMIUM_PATH), `Chromium is not installed at ${CHROMIUM_PATH}`);
    assert.ok(existsSync(path.join(DIST, 'player.js')), 'dist/player.js is missing: run npm run build');
    dir = await mkdtemp(path.join(os.tmpdir(), 'live-origin-player-'));
    sandbox = await startSandbox({ dir: path.join(dir, 'workspace') });
    stream = await startDemoStream(sandbox);
    const { httpEndpoint, namespace } = sandbox.info.momento;
    originUrl = `${httpEndpoint}/cache/${namespace}/${sandbox.config.medialive.manifestName}.m3u8`;
    noCors = await edgeWithoutCors(stream.playbackUrl);
    browser = await launchChromium(dir);
    mkdirSync(RESULTS, { recursive: true });
  });

  after(async function () {
    this.timeout(30_000);
    for (const twin of twins) await twin.server.close();
    await noCors?.close();
    await browser?.close().catch(() => undefined);
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function streamRef(preferred: SourceKind, edgeUrl = stream.playbackUrl): StreamRef {
    return { title: `${sandbox!.info.momento.namespace} (e2e)`, sources: [{ kind: 'origin', url: originUrl }, { kind: 'edge', url: edgeUrl }], preferred };
  }

  async function play(preferred: SourceKind): Promise<{ twin: Twin; page: Page; requests: Request[]; window: { first: Sample; last: Sample } }> {
    const twin = await openTwin(streamRef(preferred), sandbox!.info.momento.playerKey);
    twins.push(twin);
    const page = await browser!.newPage();
    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(twin.server.url, { waitUntil: 'load', timeout: 10_000 });
    try {
      const window = await watchPlayback(twin);
      assert.deepEqual(errors, [], 'no script error on the page');
      return { twin, page, requests, window };
    } finally {
      await page.screenshot({ path: path.join(RESULTS, `player-${preferred}.png`) }).catch(() => undefined);
    }
  }

  function assertLive({ first, last }: { first: Sample; last: Sample }): void {
    const wall = (last.at - first.at) / 1000;
    const played = last.stats.currentTime - first.stats.currentTime;
    assert.ok(played >= MIN_PLAYBACK_RATE * wall, `the playhead moved ${played.toFixed(2)} s in ${wall.toFixed(2)} s of wall time`);
    assert.equal(last.stats.stalls, 0, `stalls: ${JSON.stringify(last.stats)}`);
    const g2g = last.stats.glassToGlassSeconds;
    assert.ok(g2g !== undefined && Number.isFinite(g2g) && g2g > 0 && g2g < 60, `glass-to-glass ${g2g}`);
    assert.ok(last.stats.bufferAheadSeconds > 0, 'something is buffered ahead');
    assert.ok((last.stats.measuredBitrate ?? 0) > 0, 'segments were measured');
    console.log(`      played ${played.toFixed(2)} s in ${wall.toFixed(2)} s; glass-to-glass ${g2g.toFixed(2)} s, live edge ${last.stats.liveEdgeSeconds?.toFixed(2)} s, buffer ${last.stats.bufferAheadSeconds.toFixed(2)} s`);
  }

  it('plays through the CDN edge directly: keeps pace with the clock, no stall, glass-to-glass reported; no key anywhere', async function () {
    this.timeout(START_TIMEOUT_MS + WINDOW_MS + 30_000);
    const { twin, requests, window } = await play('edge');
    assertLive(window);
    assert.equal(window.last.stats.via, 'direct');
    const edge = new URL(stream.playbackUrl).origin;
    const segments = requests.filter((r) => new URL(r.url()).pathname.endsWith('.ts'));
    assert.ok(segments.length >= 2, `the page loaded ${segments.length} segments itself`);
    for (const request of segments) assert.equal(new URL(request.url()).origin, edge, request.url());
    for (const request of requests) {
      const headers = await request.allHeaders();
      assert.equal(headers.authorization, undefined, `${request.url()} carried an Authorization header`);
    }
    assert.ok(!twin.traffic.some((text) => text.includes(sandbox!.info.momento.playerKey)), 'a message carried the player key');
  });

  it('plays from the origin through the host loader: the host fetches with the key, the page never sees it', async function () {
    this.timeout(START_TIMEOUT_MS + WINDOW_MS + 30_000);
    const { twin, page, requests, window } = await play('origin');
    assertLive(window);
    const pageOrigin = new URL(twin.server.url).origin;
    for (const request of requests) {
      assert.equal(new URL(request.url()).origin, pageOrigin, `the page went around the host: ${request.url()}`);
      assert.equal((await request.allHeaders()).authorization, undefined);
    }
    const fetchedSegments = twin.traffic.filter((text) => /"command":"fetch".*\.ts[?"]/.test(text));
    assert.ok(fetchedSegments.length >= 2, `segments fetched through the host: ${fetchedSegments.length} of ${twin.traffic.length} messages, such as ${twin.traffic.slice(0, 8).map((t) => t.slice(0, 200)).join('\n')}`);
    const key = sandbox!.info.momento.playerKey;
    assert.ok(!twin.traffic.some((text) => text.includes(key)), 'a message carried the player key');
    assert.ok(!(await page.content()).includes(key), 'the page\'s DOM holds the player key');

    const view = await until('an inspector snapshot of every rendition', () => [...twin.inspector].reverse().find((v) => v.renditions.length >= 3 && v.renditions.every((r) => r.mediaSequence !== undefined)), 15_000);
    const errors = (Object.keys(view.counts) as LiveCode[]).filter((code) => LIVE_SEVERITIES[code] === 'error');
    assert.deepEqual(errors, [], `the inspector found errors on the healthy stream: ${JSON.stringify(view.history.slice(0, 5))}`);
    const shown = await page.locator('#renditions .rendition').count();
    assert.ok(shown >= 3, `the inspector panel shows ${shown} renditions`);
  });

  it('says plainly when the browser cannot decode AAC, and then plays the video only', async function () {
    this.timeout(START_TIMEOUT_MS + SHORT_WINDOW_MS + 30_000);
    // An edge without a CORS policy: the page falls back to reading it through the host (no key).
    const twin = await openTwin(streamRef('edge', noCors!.url), sandbox!.info.momento.playerKey);
    twins.push(twin);
    const page = await browser!.newPage();
    // VS Code's desktop webviews: no AAC decoder, so MSE refuses mp4a.
    await page.addInitScript(() => {
      const scope = globalThis as unknown as { MediaSource: { isTypeSupported(type: string): boolean; prototype: { addSourceBuffer(type: string): unknown } } };
      const isTypeSupported = scope.MediaSource.isTypeSupported.bind(scope.MediaSource);
      scope.MediaSource.isTypeSupported = (type: string) => !/mp4a/i.test(type) && isTypeSupported(type);
      const addSourceBuffer = scope.MediaSource.prototype.addSourceBuffer;
      scope.MediaSource.prototype.addSourceBuffer = function (this: unknown, type: string) {
        if (/mp4a/i.test(type)) throw new Error(`NotSupportedError: ${type}`);
        return addSourceBuffer.call(this, type);
      };
    });
    await page.goto(twin.server.url, { waitUntil: 'load', timeout: 10_000 });
    const notice = page.locator('#notice');
    await notice.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await page.locator('#notice-text').innerText(), /cannot decode mp4a\.40\.2/);
    const stats = await until('the page to report it cannot play', () => (latest(twin)?.state === 'unsupported' ? latest(twin) : undefined), 5000);
    assert.match(stats.problem ?? '', /mp4a/);
    await page.screenshot({ path: path.join(RESULTS, 'player-no-aac.png') });
    await page.locator('#notice-video-only').click();
    twin.samples.length = 0;
    await until('the page to start over', () => (latest(twin) && latest(twin)!.state !== 'unsupported' ? true : undefined), 5000);
    const window = await watchPlayback(twin, SHORT_WINDOW_MS);
    const wall = (window.last.at - window.first.at) / 1000;
    assert.ok(window.last.stats.currentTime - window.first.stats.currentTime >= MIN_PLAYBACK_RATE * wall, 'the video alone plays live');
    assert.ok(await notice.isHidden(), 'the notice is gone once the video plays');
    assert.equal(window.last.stats.via, 'host', 'an edge without Access-Control-Allow-Origin is read through the host');
  });
});
