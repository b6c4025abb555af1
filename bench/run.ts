// `npm run bench`: every measurement in one run, each next to its target as a ratio.
import { join } from 'node:path';
import { benchActivation } from './activation';
import { benchBundle } from './bundle';
import { benchDeploy } from './deploy';
import { benchExplorer } from './explorer';
import { benchHostMemory } from './hostMemory';
import { benchInspector } from './inspector';
import { benchOriginThroughput } from './originThroughput';
import { benchPlayer, type PlayerRun } from './player';
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
  rows.push(row('explorer: first level of the 3 views, cold, a later session (code cache), median', explorer.laterSessionMedianMs, 'ms', 400));
  rows.push(row('explorer: first level of the 3 views, cold, first session (no code cache), median', explorer.firstSessionMedianMs, 'ms', 400));
  rows.push(row('explorer: warm refresh of the 3 views, median', explorer.warmMedianMs, 'ms', 50));
  const list = (values: number[]) => values.map((s) => s.toFixed(1)).join(', ');
  notes.push(`explorer cold, first sessions: ${list(explorer.firstSessionMs)} ms; later sessions: ${list(explorer.laterSessionMs)} ms`);
  notes.push(`explorer warm refreshes: ${list(explorer.warmMs)} ms`);

  const deploy = await benchDeploy();
  const calls = (c: { reads: number; mutating: number }) => `${c.reads} reads, ${c.mutating} mutating`;
  rows.push(info('plan against the sandbox, nothing exists yet', deploy.planEmpty.ms, 'ms'));
  rows.push(info('apply of that plan (5 resources, channel settled)', deploy.apply.ms, 'ms'));
  rows.push(info('plan of an unchanged setup', deploy.planUnchanged.ms, 'ms'));
  rows.push(row('AWS requests of a plan of an unchanged setup', deploy.planUnchanged.calls.reads + deploy.planUnchanged.calls.mutating, 'requests', 10));
  rows.push(row('mutating requests of an apply with no changes', deploy.applyUnchanged.calls.mutating, 'requests', 1));
  notes.push(`AWS requests (MediaLive, CloudFront, SSM; plus one Momento ListCaches each plan): plan from nothing ${calls(deploy.planEmpty.calls)}, apply ${calls(deploy.apply.calls)}, plan unchanged ${calls(deploy.planUnchanged.calls)}, apply unchanged ${calls(deploy.applyUnchanged.calls)}`);

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

  const page = await benchPlayer();
  const segs = (seconds: number) => `${(seconds / page.segmentSeconds).toFixed(2)} seg`;
  const g2gTarget = 2.5 * page.segmentSeconds;
  const runNote = (r: PlayerRun) => `median ${r.g2gMedianSeconds.toFixed(2)} s (${segs(r.g2gMedianSeconds)}), p95 ${r.g2gP95Seconds.toFixed(2)} s (${segs(r.g2gP95Seconds)}), ${r.stalls} stalls (${r.stallSeconds.toFixed(1)} s), first frame ${(r.firstFrameMs / 1000).toFixed(2)} s, playhead pace ${r.pace.toFixed(3)}`;
  rows.push({
    what: `player page g2g median, ${page.segmentSeconds} s segments, 60 s, 0 stalls`,
    value: `${page.product.g2gMedianSeconds.toFixed(2)} s, ${page.product.stalls} st`,
    target: `<= ${g2gTarget} s`,
    ratio: page.product.g2gMedianSeconds / g2gTarget,
    met: page.product.g2gMedianSeconds <= g2gTarget && page.product.stalls === 0,
  });
  rows.push(info('  g2g p95, the page\'s hls.js config', page.product.g2gP95Seconds, 's'));
  rows.push(info('  time to first frame (navigation start), page\'s config', page.product.firstFrameMs, 'ms'));
  rows.push(info('  g2g median, hls.js defaults, same page and stream', page.defaults.g2gMedianSeconds, 's'));
  notes.push(`player page (system-browser twin, from the origin through the host loaders), the page's hls.js config: ${runNote(page.product)}`);
  notes.push(`same page, hls.js defaults (loaders and enableWorker kept): ${runNote(page.defaults)}`);

  const memory = await benchHostMemory(root);
  rows.push(row(`extension host RSS added, player + inspector on a 24 h playlist, ${memory.runSeconds / 60} min`, memory.addedRssMb, 'MB', 60));
  rows.push(info('  heap used added (after GC)', memory.addedHeapMb, 'MB'));
  rows.push(info('  RSS slope over the last 3 min', memory.rssSlopeMbPerMin, 'MB/min'));
  notes.push(`extension host memory (code-server, ${memory.windowSegments}-segment window, ${memory.gc ? 'GC before each sample' : 'no GC available'}): baseline RSS ${memory.baseline.rssMb.toFixed(0)} MB, heap ${memory.baseline.heapUsedMb.toFixed(0)} MB; added RSS ${memory.addedRssMb.toFixed(1)} MB (peak ${memory.peakAddedRssMb.toFixed(1)}), heap ${memory.addedHeapMb.toFixed(1)} MB; slope over the last 3 min RSS ${memory.rssSlopeMbPerMin.toFixed(2)} MB/min, heap ${memory.heapSlopeMbPerMin.toFixed(2)} MB/min; the page's playback ${memory.page ?? '?'} (the served segments hold no picture); findings: ${memory.findings.join(', ') || 'none'}`);

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
