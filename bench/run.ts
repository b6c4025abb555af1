// `npm run bench`: every measurement in one run, each next to its target as a ratio.
import { join } from 'node:path';
import { benchActivation } from './activation';
import { benchBundle } from './bundle';
import { benchExplorer } from './explorer';
import { benchInspector } from './inspector';
import { benchOriginThroughput } from './originThroughput';
import { benchPlayerLatency } from './playerLatency';
import { benchPlaylists } from './playlists';
import { benchRules } from './rules';
import { ms } from './stats';

const root = join(__dirname, '..', '..');

interface Row {
  what: string;
  value: string;
  target: string;
  /** value / target for "less than" targets; the measured ratio itself for ratio targets. */
  ratio?: number;
  met?: boolean;
}

const format = (value: number, unit: string) => `${value.toFixed(value < 10 ? 3 : 1)} ${unit}`;

function row(what: string, value: number, unit: string, target: number): Row {
  return { what, value: format(value, unit), target: `< ${target} ${unit}`, ratio: value / target, met: value < target };
}

/** A measurement the issues set no target for, shown for context. */
function info(what: string, value: number, unit: string): Row {
  return { what, value: format(value, unit), target: '-' };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const notes: string[] = [];

  const bundle = benchBundle(root);
  rows.push(row('activation bundle (dist/extension.js)', bundle.bytes / 1024, 'kB', 200));
  notes.push(bundle.sdksInside.length === 0 ? 'no SDK in the activation bundle' : `SDKs inside the activation bundle: ${bundle.sdksInside.join(', ')}`);

  const rules = benchRules();
  rows.push(row('rules, scaffolded file, median', rules.scaffolded.median, 'ms', 2));
  rows.push(info('rules, scaffolded file, p95', rules.scaffolded.p95, 'ms'));
  rows.push(info('rules, 50-rendition stress file, median', rules.stress.median, 'ms'));
  rows.push(info('rules, 50-rendition stress file, p95', rules.stress.p95, 'ms'));

  const playlists = benchPlaylists();
  notes.push(`playlist lint vs m3u8-parser on ${playlists.segments} segments: ${ms(playlists.linter.median)} vs ${ms(playlists.m3u8Parser.median)} (ratio ${(playlists.linter.median / playlists.m3u8Parser.median).toFixed(2)}; the linter also checks every line)`);

  const inspector = await benchInspector();
  rows.push({
    what: `inspector refresh vs m3u8-parser parse, ${inspector.segments} segments`,
    value: `${ms(inspector.refresh.median)} / ${ms(inspector.m3u8Parser.median)}`,
    target: '<= 0.3',
    ratio: inspector.ratio,
    met: inspector.ratio <= 0.3,
  });
  notes.push(`inspector on a ${inspector.segments}-segment variant: first load (read in full) ${ms(inspector.firstLoadMs)}, refresh p95 ${ms(inspector.refresh.p95)}`);

  const activation = benchActivation(root);
  rows.push(row('activation in the extension host, median', activation.medianMs, 'ms', 20));
  rows.push(info('  of which the activate() function', activation.activateFunctionMedianMs, 'ms'));
  notes.push(`activation samples: ${activation.samples.map((s) => s.toFixed(1)).join(', ')} ms`);

  const explorer = benchExplorer(root);
  rows.push(row('explorer: first level of the 3 views, cold (SDKs loaded)', explorer.coldMs, 'ms', 400));
  rows.push(row('explorer: warm refresh of the 3 views, median', explorer.warmMedianMs, 'ms', 50));
  notes.push(`explorer warm refreshes: ${explorer.warmMs.map((s) => s.toFixed(1)).join(', ')} ms`);

  const origin = await benchOriginThroughput();
  rows.push(row(`origin p99, ${origin.players} players paced at the segment length`, origin.paced.momento.p99Ms, 'ms', 20));
  rows.push({
    what: `origin req/s vs nginx, ${origin.players} players back to back`,
    value: `${origin.momento.rps.toFixed(0)} / ${origin.nginx.rps.toFixed(0)}`,
    target: `>= ${origin.targets.ratio}`,
    ratio: origin.ratio,
    met: origin.meetsTargets.ratio,
  });
  notes.push(`origin server CPU per request: ${origin.momento.serverUsPerRequest ?? '?'} us (emulator) vs ${origin.nginx.serverUsPerRequest ?? '?'} us (nginx); back-to-back p99 ${origin.momento.p99Ms} ms vs ${origin.nginx.p99Ms} ms; client loop ${origin.momento.clientBusy} busy${origin.momento.clientBusy > 0.9 ? ' (the load client, not the origin, bounds req/s here)' : ''}`);

  const player = await benchPlayerLatency();
  notes.push(`hls.js live latency through the sandbox distribution: ${player.medianSeconds.toFixed(2)} s median over ${player.samples} samples (${(player.medianSeconds / player.segmentSeconds).toFixed(1)} segments of ${player.segmentSeconds} s)`);

  const width = Math.max(...rows.map((r) => r.what.length));
  console.log(`${'measurement'.padEnd(width)}  ${'value'.padStart(12)}  ${'target'.padStart(10)}  ratio  met`);
  for (const r of rows) {
    const verdict = r.met === undefined ? '' : r.met ? 'yes' : 'NO';
    console.log(`${r.what.padEnd(width)}  ${r.value.padStart(12)}  ${r.target.padStart(10)}  ${(r.ratio?.toFixed(2) ?? '').padStart(5)}  ${verdict}`);
  }
  for (const note of notes) console.log(`- ${note}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
