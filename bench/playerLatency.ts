// Live latency as a viewer sees it: hls.js in Chromium plays the sandbox stream through the
// distribution, and hls.js's own latency estimate is sampled once playback has settled.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../test/runners/codeServer';

const SETTLE_MS = 15_000;
const SAMPLE_MS = 10_000;

export async function benchPlayerLatency(): Promise<{ medianSeconds: number; samples: number; segmentSeconds: number }> {
  const { startSandbox } = await import('../src/sandbox/sandbox');
  const { startDemoStream } = await import('../src/sandbox/demoStream');
  const dir = await mkdtemp(join(tmpdir(), 'live-origin-player-bench-'));
  const sandbox = await startSandbox({ dir: join(dir, 'sandbox') });
  try {
    const stream = await startDemoStream(sandbox);
    if (!stream.playerUrl) throw new Error('the sandbox published no player page: is hls.js installed?');
    const browser = await launchChromium(dir);
    try {
      const page = browser.pages()[0] ?? await browser.newPage();
      await page.goto(stream.playerUrl, { timeout: 10_000 });
      await page.waitForTimeout(SETTLE_MS);
      const samples: number[] = [];
      for (const deadline = Date.now() + SAMPLE_MS; Date.now() < deadline;) {
        const latency = await page.evaluate(() => (globalThis as unknown as { sandboxPlayer?: { latency?: number } }).sandboxPlayer?.latency);
        if (typeof latency === 'number' && latency > 0) samples.push(latency);
        await page.waitForTimeout(500);
      }
      if (samples.length === 0) throw new Error('hls.js reported no latency: the stream did not play');
      samples.sort((a, b) => a - b);
      return { medianSeconds: samples[Math.floor(samples.length / 2)], samples: samples.length, segmentSeconds: sandbox.config.stream.segmentLengthSeconds };
    } finally {
      await browser.close();
    }
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}
