// `live-origin verify`: the guide's troubleshooting steps against the configured target, for CI:
// the origin with the player key from the environment, then CloudFront (the distribution that
// fronts the namespace, or the sandbox edge) without a key. Exit 0 when every step passes, 1 when
// one fails.
import { readFile, stat } from 'node:fs/promises';
import { readSandboxState } from '../cloud/sandboxState';
import { parseTargetKind, type TargetKind } from '../cloud/target';
import { cdnTargetFor } from '../verify/distribution';
import { formatReport, formatStep } from '../verify/format';
import { exitCodeOf } from '../verify/report';
import { originMasterUrl, playbackUrlFromOption, readVerifyConfig, type VerifyConfig } from '../verify/target';
import { verify, type CdnTarget } from '../verify/verify';
import { cliCloudFailure, resolveCliTarget } from './cliTarget';
import { CliFailure } from './failure';
import { PLAYER_KEY_ENV } from './inspectCommand';
import { liveHttpFetch } from '../net/liveHttpFetch';

const DEFAULT_FILE = 'live-origin.json';
const MAX_CONFIG_BYTES = 1024 * 1024;
const PAGE_SIZE = 100;

export const VERIFY_USAGE = `  live-origin verify [file] [--target aws|sandbox] [--distribution ID | --playback-url URL] [--format text|json]
                                                   run the guide's troubleshooting steps: master, variants
                                                   and live point from the origin (player key from
                                                   ${PLAYER_KEY_ENV}), then through CloudFront`;

export interface VerifyArgs {
  file: string;
  target: TargetKind;
  format: 'text' | 'json';
  distributionId?: string;
  playbackUrl?: string;
}

export function parseVerifyArgs(args: string[], usageError: (message: string) => Error): VerifyArgs {
  const values: Record<string, string | undefined> = {};
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const option = /^--(format|target|distribution|playback-url)(?:=(.*))?$/.exec(arg);
    if (option) {
      const value = option[2] ?? args[++i];
      if (value === undefined) throw usageError(`--${option[1]} needs a value.`);
      values[option[1]] = value;
    } else if (arg.startsWith('-')) throw usageError(`Unknown option ${arg}.`);
    else files.push(arg);
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw usageError(`--format must be text or json, not "${format}".`);
  if (files.length > 1) throw usageError('verify takes at most one live-origin.json.');
  if (values.distribution !== undefined && values['playback-url'] !== undefined) throw usageError('Give --distribution or --playback-url, not both.');
  const playbackUrl = values['playback-url'];
  if (playbackUrl !== undefined && playbackUrlFromOption(playbackUrl, 'playlist') === undefined) throw usageError(`--playback-url takes an http(s) URL, not "${playbackUrl}".`);
  let target: TargetKind;
  try {
    target = parseTargetKind(values.target);
  } catch (error) {
    throw usageError((error as Error).message);
  }
  return { file: files[0] ?? DEFAULT_FILE, target, format, distributionId: values.distribution, playbackUrl };
}

async function readConfig(file: string): Promise<VerifyConfig> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new CliFailure(`Cannot read ${file}: no such file. Give the path of live-origin.json (create one with the editor's "Create live-origin.json").`);
  if (info.size > MAX_CONFIG_BYTES) throw new CliFailure(`Cannot read ${file}: ${info.size} bytes is over the ${MAX_CONFIG_BYTES}-byte limit.`);
  const read = readVerifyConfig((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  if (!read.ok) throw new CliFailure(`${file}: ${read.problem}`);
  return read.config;
}

/** The distribution to go through; a listing CloudFront refuses is reported as the first CloudFront step's failure. */
async function cdnTarget(args: VerifyArgs, config: VerifyConfig): Promise<CdnTarget> {
  if (args.playbackUrl !== undefined) return { masterUrl: playbackUrlFromOption(args.playbackUrl, config.manifestName)!, findings: [] };
  const target = await resolveCliTarget(args.target);
  const sandboxEdge = target.kind === 'sandbox' ? readSandboxState()?.edge : undefined;
  const runtime = await import('../cloud/runtime');
  try {
    return await cdnTargetFor({
      list: (next) => runtime.listDistributions(target, PAGE_SIZE, next),
      config: (id) => runtime.distributionConfig(target, id),
    }, config, { distributionId: args.distributionId, sandboxEdge });
  } catch (error) {
    const failure = await cliCloudFailure(error, target);
    if (!(failure instanceof CliFailure)) throw failure;
    return { problem: `Could not read the CloudFront distributions of ${target.label}: ${failure.message}`, causes: [] };
  }
}

export async function runVerify(args: VerifyArgs, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const key = env[PLAYER_KEY_ENV]?.trim();
  if (!key) throw new CliFailure(`verify reads the origin with the player key: set ${PLAYER_KEY_ENV} to the read-only key of the namespace.`);
  const config = await readConfig(args.file);
  const masterUrl = originMasterUrl(config);
  const scrub = (text: string) => text.split(key).join('<redacted>');
  let shown = 0;
  const report = await verify({ ...config, originMasterUrl: masterUrl, cdn: await cdnTarget(args, config) }, {
    originFetch: liveHttpFetch({ authorization: { origin: new URL(masterUrl).origin, value: key } }),
    cdnFetch: liveHttpFetch(),
    replacePlayerKey: `Set ${PLAYER_KEY_ENV} to a valid read-only key for the namespace "${config.namespace}" (in the editor: Momento Live: Set Player Key, or Mint Encoder and Player Keys).`,
    // Steps are printed as they end: the live point steps wait up to two target durations.
    onStep: (step) => {
      if (args.format === 'text') process.stdout.write(scrub(`${formatStep(step, shown++)}\n\n`));
    },
  });
  const summary = formatReport(report).split('\n\n').pop()!;
  process.stdout.write(scrub(args.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : summary));
  return exitCodeOf(report);
}
