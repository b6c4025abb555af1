// Explorer load time against the sandbox, measured by test/integration/bench/explorer.test.ts in
// real extension hosts: cold (cloud bundle and SDKs loaded on the way) and warm refreshes. Cold is
// measured in pairs of editor sessions sharing one code cache directory: the first session of a
// pair starts with none (as after installing or updating the extension), the second finds the
// cache the first wrote (as every later window does).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './stats';

const PAIRS = 3;

export interface ExplorerResult {
  /** Each first session's cold load, without a code cache. */
  firstSessionMs: number[];
  /** Each later session's cold load, with the cache of the session before. */
  laterSessionMs: number[];
  warmMs: number[];
  firstSessionMedianMs: number;
  laterSessionMedianMs: number;
  warmMedianMs: number;
}

function session(root: string, cacheHome: string, out: string): { coldMs: number; warmMs: number[] } {
  const run = spawnSync(process.execPath, [join(root, 'out', 'test', 'runners', 'code-server.js')], {
    cwd: root,
    env: { ...process.env, LIVE_ORIGIN_TEST_SUITE: 'bench', LIVE_ORIGIN_TEST_GREP: 'explorer', LIVE_ORIGIN_BENCH_OUT: out, LIVE_ORIGIN_TEST_CACHE_HOME: cacheHome },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (run.status !== 0) throw new Error(`explorer benchmark host failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8')) as { coldMs: number; warmMs: number[] };
}

export function benchExplorer(root: string): ExplorerResult {
  const dir = mkdtempSync(join(tmpdir(), 'live-origin-explorer-bench-'));
  const firstSessionMs: number[] = [];
  const laterSessionMs: number[] = [];
  const warmMs: number[] = [];
  try {
    for (let pair = 0; pair < PAIRS; pair++) {
      const cacheHome = join(dir, `cache-${pair}`);
      const first = session(root, cacheHome, join(dir, `first-${pair}.json`));
      const later = session(root, cacheHome, join(dir, `later-${pair}.json`));
      firstSessionMs.push(first.coldMs);
      laterSessionMs.push(later.coldMs);
      warmMs.push(...first.warmMs, ...later.warmMs);
    }
    return {
      firstSessionMs, laterSessionMs, warmMs,
      firstSessionMedianMs: median(firstSessionMs), laterSessionMedianMs: median(laterSessionMs), warmMedianMs: median(warmMs),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
