// Explorer load time against the sandbox, measured by test/integration/bench/explorer.test.ts in
// one real extension host: cold (cloud bundle and SDKs loaded on the way) and warm refreshes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ExplorerResult {
  coldMs: number;
  warmMedianMs: number;
  warmMs: number[];
}

export function benchExplorer(root: string): ExplorerResult {
  const dir = mkdtempSync(join(tmpdir(), 'live-origin-explorer-bench-'));
  const out = join(dir, 'explorer.json');
  try {
    const run = spawnSync(process.execPath, [join(root, 'out', 'test', 'runners', 'code-server.js')], {
      cwd: root,
      env: { ...process.env, LIVE_ORIGIN_TEST_SUITE: 'bench', LIVE_ORIGIN_TEST_GREP: 'explorer', LIVE_ORIGIN_BENCH_OUT: out },
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (run.status !== 0) throw new Error(`explorer benchmark host failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    const { coldMs, warmMs } = JSON.parse(readFileSync(out, 'utf8')) as { coldMs: number; warmMs: number[] };
    return { coldMs, warmMs, warmMedianMs: [...warmMs].sort((a, b) => a - b)[Math.floor(warmMs.length / 2)] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
