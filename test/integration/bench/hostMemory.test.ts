// Extension host memory with the player and its inspector open on a 24-hour live playlist, in the
// real extension host: the panel opens through the player's serializer (restorePlayer, the session
// API the player suite uses) on the stream LIVE_ORIGIN_BENCH_STREAM names (bench/hostMemory.ts
// serves it from its own process), and process.memoryUsage() is sampled after a GC every
// SAMPLE_MS for LIVE_ORIGIN_BENCH_MEMORY_S seconds. The samples go to LIVE_ORIGIN_BENCH_OUT.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import { restorePlayer } from '../../../src/extension/player/playerPanel';
import { PlayerProbe } from '../../../src/extension/player/probe';
import { PLAYER_VIEW_TYPE } from '../../../src/extension/player/viewType';
import type { InspectorView } from '../../../src/live/inspector';

const SAMPLE_MS = 10_000;
const BASELINE_SAMPLES = 3;

interface MemorySample { atS: number; rssMb: number; heapUsedMb: number; externalMb: number }

/** A full GC where V8 allows one to be exposed after start (the extension host has no --expose-gc). */
function exposedGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? gc as () => void : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the numbers of the inspector's last snapshot to the page (the probe's own copy is cut at 4 kB). */
class InspectorProbe extends PlayerProbe {
  last: { windowSegments?: number; mediaSequence?: number; findings: string[] } | undefined;

  override record(direction: 'toPage' | 'fromPage', message: unknown): void {
    super.record(direction, message);
    const { event, data } = message as { event?: string; data?: InspectorView };
    if (event !== 'inspector' || !data) return;
    const rendition = data.renditions.find((r) => r.windowSegments !== undefined);
    this.last = { windowSegments: rendition?.windowSegments, mediaSequence: rendition?.mediaSequence, findings: Object.keys(data.counts) };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('extension host memory benchmark', function () {
  const seconds = Number(process.env.LIVE_ORIGIN_BENCH_MEMORY_S) || 300;
  this.timeout((seconds + 120) * 1000);

  it('keeps the player and its inspector open on a 24-hour playlist', async () => {
    const url = process.env.LIVE_ORIGIN_BENCH_STREAM;
    const out = process.env.LIVE_ORIGIN_BENCH_OUT;
    assert.ok(url && out, 'LIVE_ORIGIN_BENCH_STREAM and LIVE_ORIGIN_BENCH_OUT are set');
    const extension = vscode.extensions.getExtension('momento-live-origin.momento-live-origin')!;
    await extension.activate();
    const gc = exposedGc();
    const started = Date.now();
    const sample = (): MemorySample => {
      gc?.();
      const usage = process.memoryUsage();
      const mb = (bytes: number) => bytes / (1024 * 1024);
      return { atS: (Date.now() - started) / 1000, rssMb: mb(usage.rss), heapUsedMb: mb(usage.heapUsed), externalMb: mb(usage.external + usage.arrayBuffers) };
    };

    const baseline: MemorySample[] = [];
    for (let i = 0; i < BASELINE_SAMPLES; i++) {
      baseline.push(sample());
      await sleep(2000);
    }

    const probe = new InspectorProbe();
    const env = { extensionUri: extension.extensionUri, probe, playerKey: async () => 'bench-player-key-not-a-secret' };
    const panel = vscode.window.createWebviewPanel(PLAYER_VIEW_TYPE, '24 h', vscode.ViewColumn.Active);
    const opened = Date.now();
    await restorePlayer(env, panel, { stream: { title: '24 h', sources: [{ kind: 'origin', url }], preferred: 'origin' }, source: 'origin' });
    const samples: MemorySample[] = [];
    try {
      while (Date.now() - opened < seconds * 1000) {
        await sleep(SAMPLE_MS);
        samples.push(sample());
      }
      writeFileSync(out, JSON.stringify({
        gc: gc !== undefined,
        baseline,
        samples,
        inspector: probe.last,
        page: probe.lastStats()?.state,
        pageProblem: probe.lastStats()?.problem,
      }));
    } finally {
      panel.dispose();
    }
  });
});
