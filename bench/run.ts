// `npm run bench`: every measurement in one run, each next to its target as a ratio.
import { join } from 'node:path';
import { benchActivation } from './activation';
import { benchBundle } from './bundle';
import { benchPlaylists } from './playlists';
import { benchRules } from './rules';
import { ms } from './stats';

const root = join(__dirname, '..', '..');

interface Row {
  what: string;
  value: string;
  target: string;
  /** value / target: below 1 meets a "less than" target. */
  ratio: number;
}

function row(what: string, value: number, unit: string, target: number): Row {
  return { what, value: `${value.toFixed(value < 10 ? 3 : 1)} ${unit}`, target: `< ${target} ${unit}`, ratio: value / target };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const notes: string[] = [];

  const bundle = benchBundle(root);
  rows.push(row('activation bundle (dist/extension.js)', bundle.bytes / 1024, 'kB', 200));
  notes.push(bundle.sdksInside.length === 0 ? 'no SDK in the activation bundle' : `SDKs inside the activation bundle: ${bundle.sdksInside.join(', ')}`);

  const rules = benchRules();
  rows.push(row('rules, scaffolded file, median', rules.scaffolded.median, 'ms', 2));
  rows.push(row('rules, scaffolded file, p95', rules.scaffolded.p95, 'ms', 2));
  rows.push(row('rules, 50-rendition stress file, median', rules.stress.median, 'ms', 2));
  rows.push(row('rules, 50-rendition stress file, p95', rules.stress.p95, 'ms', 2));

  const playlists = benchPlaylists();
  notes.push(`playlist lint vs m3u8-parser on ${playlists.segments} segments: ${ms(playlists.linter.median)} vs ${ms(playlists.m3u8Parser.median)} (ratio ${(playlists.linter.median / playlists.m3u8Parser.median).toFixed(2)}; the linter also checks every line)`);

  const activation = benchActivation(root);
  rows.push(row('activation in the extension host, median', activation.medianMs, 'ms', 20));
  rows.push(row('  of which the activate() function', activation.activateFunctionMedianMs, 'ms', 20));
  notes.push(`activation samples: ${activation.samples.map((s) => s.toFixed(1)).join(', ')} ms`);

  const width = Math.max(...rows.map((r) => r.what.length));
  console.log(`${'measurement'.padEnd(width)}  ${'value'.padStart(12)}  ${'target'.padStart(10)}  ratio`);
  for (const r of rows) console.log(`${r.what.padEnd(width)}  ${r.value.padStart(12)}  ${r.target.padStart(10)}  ${r.ratio.toFixed(2)}`);
  for (const note of notes) console.log(`- ${note}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
