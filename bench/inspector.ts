// One inspector refresh of a 24-hour variant (43,200 segments of 2 s with program date time) against
// a bare m3u8-parser parse of the same text, in the same run. A refresh is what the inspector does
// on each reload: decode the body, read the playlist (only what changed since the last reload),
// compare it with the last one, and run the playlist's checks; the network is left out.
import { Parser } from 'm3u8-parser';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../src/live/clock';
import { FindingLog } from '../src/live/findingLog';
import { LIVE_LIMITS } from '../src/live/limits';
import { RenditionTracker } from '../src/live/rendition';
import { time, type Timing } from './stats';

const SEGMENTS = 43_200;
const REFRESHES = 25;

export interface InspectorBench {
  segments: number;
  /** Median of one refresh, each reload one segment newer than the last. */
  refresh: Timing;
  /** The first load, read in full. */
  firstLoadMs: number;
  m3u8Parser: Timing;
  /** refresh median / m3u8-parser median. */
  ratio: number;
}

/** The variant as MediaLive writes it, its window slid by `step` segments. */
function variantText(step: number): string {
  const first = 1000 + step;
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2', `#EXT-X-MEDIA-SEQUENCE:${first}`];
  const start = Date.UTC(2026, 10, 21) + step * 2000;
  for (let i = 0; i < SEGMENTS; i++) {
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(start + i * 2000).toISOString()}`, '#EXTINF:2.00000,', `playlist_480p30_${String(first + i).padStart(6, '0')}.ts`);
  }
  return `${lines.join('\n')}\n`;
}

/** The body as the fetch returns it: bytes, decoded by the refresh. */
function variantAt(step: number): Uint8Array {
  return new TextEncoder().encode(variantText(step));
}

export async function benchInspector(): Promise<InspectorBench> {
  let body = variantAt(0);
  const log = new FindingLog(LIVE_LIMITS.maxHistory, () => Date.now());
  const fetch = async () => ({ status: 200, headers: { get: () => null }, body });
  const tracker = new RenditionTracker('https://origin.test/cache/live-origin/playlist_480p30.m3u8', undefined, {
    fetch, clock: systemClock, limits: LIVE_LIMITS, log, probeSegments: false,
  });
  const signal = new AbortController().signal;

  let started = performance.now();
  await tracker.reload(signal);
  const firstLoadMs = performance.now() - started;

  const samples: number[] = [];
  for (let step = 1; step <= REFRESHES; step++) {
    body = variantAt(step);
    started = performance.now();
    await tracker.reload(signal);
    samples.push(performance.now() - started);
  }
  if (log.history().length > 0) throw new Error(`the healthy 24-hour variant has findings: ${JSON.stringify(log.history()[0])}`);
  samples.sort((a, b) => a - b);
  const refresh: Timing = { median: samples[Math.floor(REFRESHES / 2)], p95: samples[Math.min(REFRESHES - 1, Math.floor(REFRESHES * 0.95))], runs: REFRESHES };

  const text = variantText(0);
  const m3u8Parser = time(15, () => {
    const parser = new Parser();
    parser.push(text);
    parser.end();
    return parser.manifest;
  });
  return { segments: SEGMENTS, refresh, firstLoadMs, m3u8Parser, ratio: refresh.median / m3u8Parser.median };
}

if (require.main === module) {
  benchInspector().then((result) => {
    console.log(`inspector refresh of a ${result.segments}-segment variant: median ${result.refresh.median.toFixed(2)} ms (p95 ${result.refresh.p95.toFixed(2)}), first load ${result.firstLoadMs.toFixed(1)} ms; m3u8-parser parse: median ${result.m3u8Parser.median.toFixed(1)} ms; ratio ${result.ratio.toFixed(3)} (target <= 0.3)`);
  }, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
