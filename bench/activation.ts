// Activation time in the real extension host (code-server), measured by the bench suite in
// test/integration/bench from a cold, not-yet-activated extension. Median of a few hosts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './stats';

export interface ActivationResult {
  /** extension.activate() as seen from another extension: loading the bundle, the host's set-up, activate(). */
  medianMs: number;
  samples: number[];
  /** The extension's own activate() function alone. */
  activateFunctionMedianMs: number;
}

export function benchActivation(root: string, hosts = 5): ActivationResult {
  const samples: number[] = [];
  const functionSamples: number[] = [];
  for (let i = 0; i < hosts; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'live-origin-activation-'));
    const out = join(dir, 'activation.json');
    try {
      const run = spawnSync(process.execPath, [join(root, 'out', 'test', 'runners', 'code-server.js')], {
        cwd: root,
        env: { ...process.env, LIVE_ORIGIN_TEST_SUITE: 'bench', LIVE_ORIGIN_TEST_GREP: 'activation', LIVE_ORIGIN_TEST_WORKSPACE: 'empty-workspace', LIVE_ORIGIN_BENCH_OUT: out },
        encoding: 'utf8',
        timeout: 180_000,
      });
      if (run.status !== 0) throw new Error(`activation benchmark host failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
      const result = JSON.parse(readFileSync(out, 'utf8')) as { activationMs: number; activateFunctionMs: number };
      samples.push(result.activationMs);
      functionSamples.push(result.activateFunctionMs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { medianMs: median(samples), samples, activateFunctionMedianMs: median(functionSamples) };
}
