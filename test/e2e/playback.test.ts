// A viewer's view of the sandbox: headless Chromium plays the demo stream with hls.js through the
// distribution, and never holds a Momento key while doing it.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startDemoStream, type DemoStream } from '../../src/sandbox/demoStream';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/sandbox';
import { CHROMIUM_PATH, launchChromium } from '../runners/codeServer';

const PLAY_TIMEOUT_MS = 40_000;
const WINDOW_MS = 10_000;
/** A live player keeps up with the clock: the playhead moves at least this share of wall time. */
const MIN_PLAYBACK_RATE = 0.8;

interface PlayerState {
  /** Read from the video element at the moment of the sample. */
  currentTime: number;
  stalls: number;
  latency?: number;
  level: number;
  fragments: number;
  errors: string[];
  /** The hls.js error that stopped playback, if one did. */
  fatal?: string;
  mediaError?: number;
}

interface SeenRequest { url: string; headers: Promise<Record<string, string>> }

// Tests compile without the DOM library: these are the few browser shapes the page code touches.
interface PageGlobals {
  sandboxPlayer?: Omit<PlayerState, 'mediaError' | 'currentTime'>;
  document: { querySelector(selector: string): { currentTime: number; error: { code: number } | null } | null };
}

async function playerState(page: Page): Promise<PlayerState | undefined> {
  return page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    const state = page.sandboxPlayer;
    if (!state) return undefined;
    const video = page.document.querySelector('video');
    return { ...state, errors: [...state.errors], currentTime: video?.currentTime ?? 0, mediaError: video?.error?.code };
  });
}

describe('sandbox playback in Chromium (hls.js through the distribution)', function () {
  let dir: string | undefined;
  let sandbox: RunningSandbox | undefined;
  let browser: BrowserContext | undefined;
  let stream: DemoStream;
  let page: Page;
  const requests: SeenRequest[] = [];

  before(async function () {
    this.timeout(60_000);
    assert.ok(existsSync(CHROMIUM_PATH), `Chromium is not installed at ${CHROMIUM_PATH}: run scripts/setup-system.sh`);
    dir = await mkdtemp(path.join(os.tmpdir(), 'live-origin-e2e-'));
    sandbox = await startSandbox({ dir: path.join(dir, 'workspace') });
    stream = await startDemoStream(sandbox);
    assert.ok(stream.playerUrl, 'the sandbox published no player page (is hls.js installed?)');
    browser = await launchChromium(dir);
    browser.on('request', (request) => {
      requests.push({ url: request.url(), headers: request.allHeaders().catch(() => ({})) });
    });
    page = browser.pages()[0] ?? await browser.newPage();
  });

  after(async function () {
    this.timeout(30_000);
    await browser?.close().catch(() => undefined);
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('plays live: currentTime keeps pace with the clock over 10 s, with no stall and no fatal error', async function () {
    this.timeout(PLAY_TIMEOUT_MS + WINDOW_MS + 15_000);
    const response = await page.goto(stream.playerUrl!, { waitUntil: 'load', timeout: 10_000 });
    assert.equal(response?.status(), 200);

    const healthy = (state: PlayerState | undefined) => {
      assert.equal(state?.fatal, undefined, `hls.js failed: ${JSON.stringify(state)}`);
      assert.equal(state?.mediaError, undefined, `the video element failed: ${JSON.stringify(state)}`);
    };
    const deadline = Date.now() + PLAY_TIMEOUT_MS;
    let start = await playerState(page);
    while (!(start?.currentTime && start.currentTime > 0)) {
      healthy(start);
      if (Date.now() > deadline) assert.fail(`playback did not start within ${PLAY_TIMEOUT_MS} ms: ${JSON.stringify(start)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      start = await playerState(page);
    }
    const startedAt = Date.now();
    let end = start;
    while (Date.now() - startedAt < WINDOW_MS) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      end = (await playerState(page))!;
      healthy(end);
    }
    const wallSeconds = (Date.now() - startedAt) / 1000;
    const played = end.currentTime - start.currentTime;
    assert.ok(played >= MIN_PLAYBACK_RATE * wallSeconds,
      `the playhead moved ${played.toFixed(2)} s in ${wallSeconds.toFixed(2)} s of wall time (at least ${MIN_PLAYBACK_RATE} of it expected)`);
    assert.equal(end.stalls, start.stalls, `the video stalled during the window: ${JSON.stringify(end)}`);
    assert.deepEqual(end.errors.filter((error) => error === 'bufferStalledError').length, start.errors.filter((error) => error === 'bufferStalledError').length,
      `hls.js reported a stall: ${JSON.stringify(end.errors)}`);
    assert.ok(Number.isFinite(end.latency) && end.latency! > 0, `latency ${end.latency}`);
    assert.ok(end.level >= 0, 'hls.js switched to a rendition');
    console.log(`      played ${played.toFixed(2)} s in ${wallSeconds.toFixed(2)} s of wall time; hls.js live latency ${end.latency!.toFixed(2)} s (${end.fragments} fragments, rendition ${end.level})`);
  });

  it('never sends a key: no Authorization header and no token in any URL', async function () {
    this.timeout(10_000);
    const edgeOrigin = new URL(stream.playerUrl!).origin;
    const segments = requests.filter(({ url }) => new URL(url).pathname.endsWith('.ts'));
    assert.ok(segments.length >= 2, `the page loaded ${segments.length} segments`);
    for (const { url, headers } of requests) {
      assert.equal(new URL(url).origin, edgeOrigin, `request outside the distribution: ${url}`);
      assert.doesNotMatch(url, /token=/i, url);
      const sent = await headers;
      assert.equal(Object.keys(sent).find((name) => name.toLowerCase() === 'authorization'), undefined, `${url} carried an Authorization header`);
    }
  });
});
