// `live-origin inspect`: the live manifest inspector for CI and terminals, one snapshot or a watch
// of a given length, findings as text or JSON with the editor's codes.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LIVE_SEVERITIES, type LiveCode } from '../live/codes';
import type { LiveFinding } from '../live/findingLog';
import { LiveInspector, type InspectorView } from '../live/inspector';
import { REDACTED, redactTokens } from '../live/redact';
import type { RenditionView } from '../live/views';
import { liveHttpFetch } from '../net/liveHttpFetch';

export const PLAYER_KEY_ENV = 'LIVE_ORIGIN_PLAYER_KEY';
export const MAX_WATCH_SECONDS = 24 * 3600;
/** The command line keeps more history than a panel: its output is the history. */
const CLI_HISTORY = 5000;

export const INSPECT_USAGE = `  live-origin inspect <url|file> [--watch SECONDS] [--format text|json]
                                                   check a live stream's playlists: one snapshot, or
                                                   watch them for SECONDS (player key for origin URLs
                                                   from ${PLAYER_KEY_ENV})`;

export interface InspectArgs {
  target: string;
  watchSeconds?: number;
  format: 'text' | 'json';
}

export function parseInspectArgs(args: string[], usageError: (message: string) => Error): InspectArgs {
  let format = 'text';
  let watch: string | undefined;
  const targets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format') format = args[++i] ?? '';
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg === '--watch') watch = args[++i] ?? '';
    else if (arg.startsWith('--watch=')) watch = arg.slice('--watch='.length);
    else if (arg.startsWith('-')) throw usageError(`Unknown option ${arg}.`);
    else targets.push(arg);
  }
  if (format !== 'text' && format !== 'json') throw usageError(`--format must be text or json, not "${format}".`);
  if (targets.length !== 1) throw usageError('inspect takes exactly one URL or file.');
  const parsed: InspectArgs = { target: targets[0], format };
  if (watch !== undefined) {
    const seconds = /^\d+(?:\.\d+)?$/.test(watch) ? Number(watch) : Number.NaN;
    if (!(seconds > 0 && seconds <= MAX_WATCH_SECONDS)) throw usageError(`--watch takes a number of seconds from 1 to ${MAX_WATCH_SECONDS}, not "${watch}".`);
    parsed.watchSeconds = seconds;
  }
  return parsed;
}

function isUrl(target: string): boolean {
  return /^https?:\/\//i.test(target);
}

/** The Momento HTTP API serves a namespace under /cache/: that is where the player key goes. */
function originAuthorization(target: URL, key: string | undefined) {
  return key && target.pathname.startsWith('/cache/') ? { origin: target.origin, value: key } : undefined;
}

export async function runInspect(args: InspectArgs, usageError: (message: string) => Error, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const key = env[PLAYER_KEY_ENV] || undefined;
  let url: string;
  if (isUrl(args.target)) {
    try {
      url = new URL(args.target).href;
    } catch {
      throw usageError(`${redactTokens(args.target)} is not a valid URL.`);
    }
  } else {
    if (args.watchSeconds !== undefined) throw usageError('--watch needs a URL: a local file is inspected as one snapshot.');
    const info = await stat(args.target).catch(() => undefined);
    if (!info?.isFile()) throw usageError(`Cannot read ${args.target}: no such file.`);
    url = pathToFileURL(resolve(args.target)).href;
  }
  const local = url.startsWith('file:');
  const authorization = local ? undefined : originAuthorization(new URL(url), key);
  if (!local && !key && new URL(url).pathname.startsWith('/cache/')) {
    process.stderr.write(`live-origin: note: ${PLAYER_KEY_ENV} is not set, so the origin will likely refuse the requests (401).\n`);
  }
  const inspector = new LiveInspector({
    url,
    fetch: liveHttpFetch({ authorization, allowFiles: local }),
    probeSegments: !local,
    limits: { maxHistory: CLI_HISTORY },
  });
  if (args.watchSeconds === undefined) await inspector.snapshot();
  else await watchFor(inspector, args.watchSeconds * 1000);
  const view = inspector.view();
  const output = args.format === 'json' ? `${JSON.stringify(findingsJson(view.history), null, 2)}\n` : formatReport(view);
  process.stdout.write(scrub(output, key));
  return (Object.keys(view.counts) as LiveCode[]).some((code) => LIVE_SEVERITIES[code] === 'error') ? 1 : 0;
}

/** Watches for `ms`, or until Ctrl-C or SIGTERM, whichever comes first. */
async function watchFor(inspector: LiveInspector, ms: number): Promise<void> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  const timer = setTimeout(stop, ms);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await inspector.watch(controller.signal);
  } finally {
    clearTimeout(timer);
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}

/** Oldest first, as a log reads. */
function findingsJson(history: readonly LiveFinding[]) {
  return [...history].reverse().map(({ code, severity, playlist, message, time }) => ({ code, severity, playlist, message, time: new Date(time).toISOString() }));
}

function formatReport(view: InspectorView): string {
  const lines = view.renditions.map(describeRendition);
  const findings = findingsJson(view.history);
  for (const f of findings) lines.push(`${f.time} ${f.severity} ${f.code}: ${f.playlist}: ${f.message}`);
  const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
  lines.push(`${count('error')} error(s), ${count('warning')} warning(s)`);
  return `${lines.join('\n')}\n`;
}

function describeRendition(r: RenditionView): string {
  const parts = [r.url];
  if (r.problem) parts.push(`failing: ${r.problem}`);
  if (r.mediaSequence !== undefined) parts.push(`media sequence ${r.mediaSequence}`);
  if (r.targetDuration !== undefined) parts.push(`target ${r.targetDuration} s`);
  if (r.windowSegments !== undefined) parts.push(`window ${r.windowSeconds} s in ${r.windowSegments} segments`);
  if (r.livePoint) parts.push(`live point ${r.livePoint.sequence}${r.livePoint.programDateTime ? ` (${r.livePoint.programDateTime})` : ''}`);
  if (r.pdtOffsetMs !== undefined) parts.push(`program date time offset ${r.pdtOffsetMs} ms`);
  if (r.bandwidth !== undefined) parts.push(`BANDWIDTH ${Math.round(r.bandwidth / 1000)} kbps`);
  if (r.averageBandwidth !== undefined) parts.push(`AVERAGE-BANDWIDTH ${Math.round(r.averageBandwidth / 1000)} kbps`);
  if (r.measuredPeakKbps !== undefined) parts.push(`measured peak ${r.measuredPeakKbps} kbps over ${r.segmentsMeasured} segment(s)`);
  return parts.join('; ');
}

/** Nothing printed carries a key: token= values, nor the player key wherever it might appear. */
function scrub(text: string, key: string | undefined): string {
  const redacted = redactTokens(text);
  return key ? redacted.split(key).join(REDACTED) : redacted;
}
