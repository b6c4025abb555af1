// `live-origin list namespaces|channels|distributions --target aws|sandbox`: what the explorer's
// views show, for scripts. AWS credentials come from the SDK's provider chain (AWS_PROFILE,
// AWS_REGION, ...), the Momento account key from MOMENTO_API_KEY only; the sandbox is found by its
// state file.
import { namespaceOfPath } from '../audit/momentoAddress';
import { parseDestinationUrl } from '../config/destinationUrl';
import type { CloudTarget, TargetKind } from '../cloud/target';
import { ACCOUNT_KEY_ENV, cliCloudFailure, resolveCliTarget } from './cliTarget';
import { CliFailure } from './failure';
import { parseServiceOptions } from './options';

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
  const { positional, target, format } = parseServiceOptions(args, [], usageError);
  if (positional.length !== 1 || !(RESOURCES as readonly string[]).includes(positional[0])) throw usageError(`list takes one of ${RESOURCES.join(', ')}.`);
  return { resource: positional[0] as Resource, target, format };
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
  const target = await resolveCliTarget(args.target);
  let listed: Row[];
  try {
    listed = await rows(args.resource, target);
  } catch (error) {
    throw await cliCloudFailure(error, target);
  }
  if (args.format === 'json') {
    process.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
  } else {
    const lines = listed.map((row) => Object.values(row).filter((value) => value !== undefined && value !== '').join('  '));
    process.stdout.write(`${[`# ${args.resource} in ${target.label}`, ...lines].join('\n')}\n`);
  }
  return 0;
}
