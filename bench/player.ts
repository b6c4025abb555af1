// The product's player page in the sandbox: the system-browser twin (loopback server + PlayerSession,
// as test/e2e/player.test.ts drives it) in headless Chromium, playing the ffmpeg channel from the
// origin through the host's loaders. Time to first frame (navigation start to the first `timeupdate`
// with currentTime > 0), then glass-to-glass latency (the page's own Date.now() - hls.playingDate,
// reported each second) and stalls over WINDOW_MS, once with the page's hls.js config and once, on
// the same page and stream in the same run, with hls.js defaults (only the loaders the page needs
// and enableWorker kept).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { LoopbackPlayerServer } from '../src/extension/player/loopbackServer';
import { pageStrings } from '../src/extension/player/pageStrings';
import { PlayerSession } from '../src/extension/player/playerSession';
import type { PlayerStats, StreamRef } from '../src/protocol/messages';
import { findRepoRoot, launchChromium } from '../test/runners/codeServer';

const WINDOW_MS = 60_000;
const START_TIMEOUT_MS = 40_000;
const WARM_UP_MS = 10_000;

export interface PlayerRun {
  config: 'product' | 'defaults' | 'override';
  /** Navigation start to the first frame shown (timeupdate with currentTime > 0). */
  firstFrameMs: number;
  /** Navigation start to the video's first `playing` event. */
  playingEventMs: number;
  g2gMedianSeconds: number;
  g2gP95Seconds: number;
  samples: number;
  stalls: number;
  stallSeconds: number;
  /** Playhead advance over wall time in the window (1 = keeps pace). */
  pace: number;
  pageErrors: string[];
  /** Glass-to-glass each second of the window. */
  series: number[];
}

export interface PlayerBench {
  segmentSeconds: number;
  product: PlayerRun;
  defaults: PlayerRun;
  tried?: PlayerRun;
}

/**
 * Runs before the page's scripts: marks the first `playing` and the first frame, and with
 * `defaults` hands hls.js its default config instead of the page's (keeping the loaders).
 */
function pageHooks(mode: { defaults: boolean; override?: Record<string, unknown> }): void {
  // No DOM types in this project's Node build: the page's globals, as loosely as they are used.
  interface Listener { addEventListener(type: string, listener: (event: { target: { currentTime: number } }) => void, capture: boolean): void }
  const scope = globalThis as unknown as { document: Listener; performance: { now(): number }; benchMarks: { playing?: number; firstFrame?: number } };
  const marks: { playing?: number; firstFrame?: number } = {};
  scope.benchMarks = marks;
  scope.document.addEventListener('playing', () => { marks.playing ??= scope.performance.now(); }, true);
  scope.document.addEventListener('timeupdate', (event) => {
    if (marks.firstFrame === undefined && event.target.currentTime > 0) marks.firstFrame = scope.performance.now();
  }, true);
  if (!mode.defaults && !mode.override) return;
  type Ctor = new (config?: Record<string, unknown>) => object;
  let wrapped: Ctor | undefined;
  Object.defineProperty(globalThis, 'Hls', {
    configurable: true,
    get: () => wrapped,
    set: (Hls: Ctor) => {
      wrapped = class extends Hls {
        constructor(config: Record<string, unknown> = {}) {
          const kept: Record<string, unknown> = mode.defaults ? {} : { ...config };
          if (mode.defaults) for (const key of ['loader', 'pLoader', 'fLoader', 'enableWorker']) if (key in config) kept[key] = config[key];
          // A null in the override removes the page's setting (hls.js refuses liveSyncDuration beside liveSyncDurationCount).
          for (const [key, value] of Object.entries(mode.override ?? {})) if (value === null) delete kept[key]; else kept[key] = value;
          super(kept);
        }
      };
    },
  });
}

async function playOnce(browser: BrowserContext, dist: string, stream: StreamRef, playerKey: string, config: PlayerRun['config'], override?: Record<string, unknown>): Promise<PlayerRun> {
  const samples: { at: number; stats: PlayerStats }[] = [];
  const sessions: PlayerSession[] = [];
  const server = await LoopbackPlayerServer.start({
    distDir: dist,
    title: stream.title,
    lang: 'en',
    connect: [],
    createSession: (post) => {
      const session = new PlayerSession({ stream, playerKey, strings: pageStrings(), post, onStats: (stats) => samples.push({ at: Date.now(), stats }) });
      sessions.push(session);
      return { receive: (m) => session.receive(m), pageGone: () => session.endpoint.unready(), dispose: () => session.dispose() };
    },
  });
  const page = await browser.newPage();
  try {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.addInitScript(pageHooks, { defaults: config === 'defaults', override });
    await page.goto(server.url, { waitUntil: 'load', timeout: 10_000 });
    const marks = async () => page.evaluate(() => (globalThis as unknown as { benchMarks: { playing?: number; firstFrame?: number } }).benchMarks);
    let first: { playing?: number; firstFrame?: number } = {};
    for (const deadline = Date.now() + START_TIMEOUT_MS; first.firstFrame === undefined; await page.waitForTimeout(100)) {
      const state = samples.at(-1)?.stats.state;
      if (state === 'failed' || state === 'unsupported') throw new Error(`the player (${config}) ${state}: ${samples.at(-1)?.stats.problem}`);
      if (Date.now() > deadline) throw new Error(`the player (${config}) showed no frame within ${START_TIMEOUT_MS} ms`);
      first = await marks();
    }
    const from = samples.length;
    await page.waitForTimeout(WINDOW_MS);
    const window = samples.slice(from);
    if (window.length < 2) throw new Error(`the page (${config}) sent ${window.length} stats in ${WINDOW_MS} ms`);
    const g2g = window.map((s) => s.stats.glassToGlassSeconds).filter((v): v is number => v !== undefined && Number.isFinite(v)).sort((a, b) => a - b);
    if (g2g.length === 0) throw new Error(`the page (${config}) reported no glass-to-glass latency: no program date time?`);
    const head = window[0];
    const last = window.at(-1)!;
    return {
      config,
      firstFrameMs: first.firstFrame!,
      playingEventMs: first.playing ?? first.firstFrame!,
      g2gMedianSeconds: g2g[Math.floor(g2g.length / 2)],
      g2gP95Seconds: g2g[Math.min(g2g.length - 1, Math.floor(g2g.length * 0.95))],
      samples: g2g.length,
      stalls: last.stats.stalls,
      stallSeconds: last.stats.stallSeconds,
      pace: (last.stats.currentTime - head.stats.currentTime) / ((last.at - head.at) / 1000),
      pageErrors,
      series: window.map((s) => Math.round((s.stats.glassToGlassSeconds ?? NaN) * 100) / 100),
    };
  } finally {
    await page.close().catch(() => undefined);
    await server.close();
    for (const session of sessions) session.dispose();
  }
}

export async function benchPlayer(): Promise<PlayerBench> {
  const { startSandbox } = await import('../src/sandbox/sandbox');
  const { startDemoStream } = await import('../src/sandbox/demoStream');
  const dist = join(findRepoRoot(process.cwd()), 'dist');
  const dir = await mkdtemp(join(tmpdir(), 'live-origin-pbench-'));
  const sandbox = await startSandbox({ dir: join(dir, 'sandbox') });
  let browser: BrowserContext | undefined;
  try {
    const demo = await startDemoStream(sandbox);
    const { httpEndpoint, namespace, playerKey } = sandbox.info.momento;
    const stream: StreamRef = {
      title: `${namespace} (bench)`,
      sources: [{ kind: 'origin', url: `${httpEndpoint}/cache/${namespace}/${sandbox.config.medialive.manifestName}.m3u8` }, { kind: 'edge', url: demo.playbackUrl }],
      preferred: 'origin',
    };
    browser = await launchChromium(dir);
    // Both configs join a stream that has been up for a while (the first would otherwise start on a shorter window).
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
    const product = await playOnce(browser, dist, stream, playerKey, 'product');
    const defaults = await playOnce(browser, dist, stream, playerKey, 'defaults');
    // PBENCH_TRY='{"liveSyncDurationCount":null,"liveSyncDuration":2.5}': a candidate on the page's config, for exploring only.
    const tried = process.env.PBENCH_TRY ? await playOnce(browser, dist, stream, playerKey, 'override', JSON.parse(process.env.PBENCH_TRY) as Record<string, unknown>) : undefined;
    return { segmentSeconds: sandbox.config.stream.segmentLengthSeconds, product, defaults, tried };
  } finally {
    await browser?.close().catch(() => undefined);
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchPlayer().then((result) => console.log(JSON.stringify(result, null, 2)), (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
