// Runs the live-origin throughput benchmark alone: `npx tsc -p . && node out/bench/origin.js [players] [seconds]`.
import { benchOriginThroughput, type TargetResult } from './originThroughput';

const share = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(2));

function row(name: string, r: TargetResult): string[] {
  const kind = (k: keyof TargetResult['byKind']) => `${r.byKind[k].p50Ms} / ${r.byKind[k].p99Ms}`;
  return [name, String(r.requests), r.rps.toFixed(0), (r.bytesPerSecond / 1e6).toFixed(1), r.mbps.toFixed(0),
    `${r.p50Ms} / ${r.p99Ms}`, kind('master'), kind('playlist'), kind('segment'), String(r.errors),
    r.clientBusy.toFixed(2), share(r.clientCpu), share(r.serverCpu), String(r.serverUsPerRequest ?? '-')];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((cells) => cells[column].length)));
  return rows.map((cells) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const [players, seconds] = process.argv.slice(2).map(Number);
  const result = await benchOriginThroughput({ players: players || undefined, seconds: seconds || undefined });
  console.log(`Origin throughput: ${result.players} players, ${result.seconds} s per target, snapshot ${result.snapshot.files} files (${(result.snapshot.bytes / 1e6).toFixed(1)} MB)`);
  console.log(table([
    ['target', 'requests', 'req/s', 'MB/s', 'Mbit/s', 'all p50/p99 ms', 'master p50/p99', 'playlist p50/p99', 'segment p50/p99', 'errors', 'client loop', 'client cpu', 'server cpu', 'server us/req'],
    row('momento, back to back', result.momento),
    row('nginx, back to back', result.nginx),
    row(`momento, paced ${result.paced.periodMs / 1000} s`, result.paced.momento),
    row(`nginx, paced ${result.paced.periodMs / 1000} s`, result.paced.nginx),
  ]));
  for (const [name, r] of [['momento', result.momento], ['nginx', result.nginx]] as const) {
    if (r.errorSamples.length > 0) console.log(`${name} errors, e.g.: ${r.errorSamples.join('; ')}`);
  }
  if (result.momento.clientBusy > 0.9 || result.nginx.clientBusy > 0.9) {
    console.log('The client thread was saturated (loop > 0.9; cpu < loop means it also waited for a core): req/s and latency are bounded by the client on this machine, compare server us/req.');
  }
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(`ratio momento/nginx req/s: ${result.ratio} (target >= ${result.targets.ratio}: ${verdict(result.meetsTargets.ratio)})`);
  console.log(`momento p99, paced like players: ${result.paced.momento.p99Ms} ms (target < ${result.targets.p99Ms} ms: ${verdict(result.meetsTargets.p99)}); back to back: ${result.momento.p99Ms} ms`);
}

// Exit through process.exit so the 'exit' hooks kill nginx and ffmpeg even when interrupted.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
