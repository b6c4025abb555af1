// `live-origin list namespaces|channels|distributions --target aws|sandbox`: what the explorer's
// views show, for scripts. AWS credentials come from the SDK's provider chain (AWS_PROFILE,
// AWS_REGION, ...), the Momento account key from MOMENTO_API_KEY only; the sandbox is found by its
// state file.
import { namespaceOfPath } from '../audit/momentoAddress';
import { parseDestinationUrl } from '../config/destinationUrl';
import { readSandboxState } from '../cloud/sandboxState';
import { awsTarget, parseTargetKind, sandboxTarget, TargetError, type CloudTarget, type TargetKind } from '../cloud/target';
import { CliFailure } from './failure';

export const ACCOUNT_KEY_ENV = 'MOMENTO_API_KEY';
const RESOURCES = ['namespaces', 'channels', 'distributions'] as const;
type Resource = (typeof RESOURCES)[number];
const PAGE_SIZE = 100;
/** Past this many pages a listing is not an account anyone browses; stop rather than loop. */
const MAX_PAGES = 1000;

export const LIST_USAGE = `  live-origin list namespaces|channels|distributions [--target aws|sandbox] [--format text|json]
                                                   what exists in Momento, MediaLive and CloudFront
                                                   (Momento account key from ${ACCOUNT_KEY_ENV})`;

export interface ListArgs {
  resource: Resource;
  target: TargetKind;
  format: 'text' | 'json';
}

export function parseListArgs(args: string[], usageError: (message: string) => Error): ListArgs {
  let format = 'text';
  let target: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format' || arg === '--target') {
      const value = args[++i];
      if (value === undefined) throw usageError(`${arg} needs a value.`);
      if (arg === '--format') format = value;
      else target = value;
    } else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg.startsWith('--target=')) target = arg.slice('--target='.length);
    else if (arg.startsWith('-')) throw usageError(`Unknown option ${arg}.`);
    else positional.push(arg);
  }
  if (positional.length !== 1 || !(RESOURCES as readonly string[]).includes(positional[0])) throw usageError(`list takes one of ${RESOURCES.join(', ')}.`);
  if (format !== 'text' && format !== 'json') throw usageError(`--format must be text or json, not "${format}".`);
  try {
    return { resource: positional[0] as Resource, target: parseTargetKind(target), format };
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

async function resolveTarget(kind: TargetKind): Promise<CloudTarget> {
  try {
    if (kind === 'sandbox') return sandboxTarget(readSandboxState());
    const { awsCredentialProvider, resolveRegion } = await import('../cloud/runtime');
    const profile = process.env.AWS_PROFILE || undefined;
    return awsTarget({ profile, region: await resolveRegion(profile), credentials: awsCredentialProvider(profile) });
  } catch (error) {
    if (error instanceof TargetError) throw new CliFailure(error.message);
    throw error;
  }
}

type Row = Record<string, string | boolean | undefined>;

async function rows(resource: Resource, target: CloudTarget): Promise<Row[]> {
  const runtime = await import('../cloud/runtime');
  if (resource === 'namespaces') {
    const key = process.env[ACCOUNT_KEY_ENV];
    if (!key) throw new CliFailure(`Listing namespaces needs the Momento account key: set ${ACCOUNT_KEY_ENV} in the environment.`);
    return (await runtime.listNamespaces(target, key)).map((namespace) => ({ name: namespace.name }));
  }
  const all: Row[] = [];
  let next: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    if (resource === 'channels') {
      const listed = await runtime.listChannels(target, PAGE_SIZE, next);
      all.push(...listed.items.map((channel) => ({
        id: channel.id, name: channel.name, state: channel.state, channelClass: channel.channelClass,
        namespace: namespaceOf(channel.destinationUrl),
      })));
      next = listed.next;
    } else {
      const listed = await runtime.listDistributions(target, PAGE_SIZE, next);
      all.push(...listed.items.map((distribution) => ({ ...distribution })));
      next = listed.next;
    }
    if (next === undefined) break;
  }
  return all;
}

function namespaceOf(url: string | undefined): string | undefined {
  const path = url ? parseDestinationUrl(url)?.url.pathname : undefined;
  return path ? namespaceOfPath(path) : undefined;
}

export async function runList(args: ListArgs): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const target = await resolveTarget(args.target);
  let listed: Row[];
  try {
    listed = await rows(args.resource, target);
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    const { describeAwsFailure, MomentoFailure } = await import('../cloud/runtime');
    if (error instanceof MomentoFailure) throw new CliFailure(`Momento refused the request (${error.code}): ${error.message} Check ${ACCOUNT_KEY_ENV}.`);
    const described = describeAwsFailure(error, target.profile);
    if (described) throw new CliFailure(described);
    if (target.kind === 'sandbox' && /ECONNREFUSED/.test(String((error as { cause?: unknown }).cause ?? error))) {
      throw new CliFailure('The local sandbox does not answer: start it again with `live-origin sandbox`.');
    }
    throw error;
  }
  if (args.format === 'json') {
    process.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
  } else {
    const lines = listed.map((row) => Object.values(row).filter((value) => value !== undefined && value !== '').join('  '));
    process.stdout.write(`${[`# ${args.resource} in ${target.label}`, ...lines].join('\n')}\n`);
  }
  return 0;
}
