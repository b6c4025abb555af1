// Which stream a player opens, from what the user pointed at: the workspace's live-origin.json
// (palette), a namespace, a channel or a distribution in the explorer. A stream has the origin
// (the Momento namespace, read with the player key) and, when a distribution fronts it, the edge.
import * as vscode from 'vscode';
import { channelPublishedStream, channelPublishTarget } from '../../audit/channelAudit';
import { distributionFronts } from '../../audit/distributionAudit';
import type { DistributionItem } from '../../cloud/cloudfront';
import type { CloudTarget } from '../../cloud/target';
import type { SourceKind, StreamRef, StreamSource } from '../../protocol/messages';
import { cloud } from '../cloud';
import { workspaceLiveOrigin } from '../workspaceConfig';

const DEFAULT_MANIFEST = 'playlist';
/** Distributions looked through for one fronting the namespace. */
const MAX_DISTRIBUTIONS = 50;

export interface StreamContext {
  target: CloudTarget;
  /** The sandbox edge ("http://127.0.0.1:PORT") when the target is the sandbox. */
  sandboxEdge?: string;
}

/** Where the namespace's objects are read over HTTP: the sandbox's Momento, or the REST endpoint over TLS. */
function momentoBase(context: StreamContext, host: string | undefined): string | undefined {
  if (context.target.kind === 'sandbox') return context.target.endpoints.momentoHttp;
  return host ? `https://${host}` : undefined;
}

export function originUrl(base: string, namespace: string, manifest: string): string {
  return `${base.replace(/\/+$/, '')}/cache/${encodeURIComponent(namespace)}/${manifest}.m3u8`;
}

/** A distribution's domain as viewers reach it; the sandbox edge answers for every domain on loopback. */
export function edgeUrl(context: StreamContext, domainName: string, manifest: string): string {
  if (context.target.kind === 'sandbox' && context.sandboxEdge) {
    const label = domainName.toLowerCase().split('.')[0];
    return `http://${label}.localhost:${new URL(context.sandboxEdge).port}/${manifest}.m3u8`;
  }
  return `https://${domainName}/${manifest}.m3u8`;
}

async function manifestName(): Promise<string> {
  const file = (await workspaceLiveOrigin())?.uri;
  if (!file) return DEFAULT_MANIFEST;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as { medialive?: { manifestName?: unknown } };
    const name = parsed.medialive?.manifestName;
    return typeof name === 'string' && /^[\w.-]+$/.test(name) ? name : DEFAULT_MANIFEST;
  } catch {
    return DEFAULT_MANIFEST;
  }
}

function stream(title: string, sources: StreamSource[], preferred: SourceKind): StreamRef {
  if (sources.length === 0) throw new Error(vscode.l10n.t('Nothing to play: no origin or distribution URL could be built.'));
  return { title, sources, preferred: sources.some((s) => s.kind === preferred) ? preferred : sources[0].kind };
}

/** The first distribution (of the first page) whose Momento origin reads `namespace`. */
async function frontingDistribution(context: StreamContext, namespace: string): Promise<DistributionItem | undefined> {
  const { listDistributions, distributionConfig } = await cloud();
  const { items } = await listDistributions(context.target, MAX_DISTRIBUTIONS);
  for (const item of items) {
    const config = await distributionConfig(context.target, item.id).catch(() => undefined);
    if (config && distributionFronts(config).namespace === namespace) return item;
  }
  return undefined;
}

export async function namespaceStream(context: StreamContext, namespace: string, host?: string): Promise<StreamRef> {
  const manifest = await manifestName();
  const base = momentoBase(context, host ?? (await workspaceLiveOrigin())?.restEndpoint);
  if (!base) throw new Error(vscode.l10n.t('The Momento REST endpoint of namespace {0} is unknown: set momento.restEndpoint in live-origin.json.', namespace));
  return stream(namespace, [{ kind: 'origin', url: originUrl(base, namespace, manifest) }], 'origin');
}

export async function channelStream(context: StreamContext, channelId: string, name: string): Promise<StreamRef> {
  const description = await (await cloud()).describeChannel(context.target, channelId);
  const { namespace, host } = channelPublishTarget(description);
  if (!namespace) throw new Error(vscode.l10n.t('Channel {0} publishes to no Momento namespace.', name));
  const manifest = channelPublishedStream(description).manifestName ?? await manifestName();
  const base = momentoBase(context, host);
  if (!base) throw new Error(vscode.l10n.t('The Momento REST endpoint of namespace {0} is unknown: set momento.restEndpoint in live-origin.json.', namespace));
  return stream(name, [{ kind: 'origin', url: originUrl(base, namespace, manifest) }], 'origin');
}

export async function distributionStream(context: StreamContext, distribution: DistributionItem): Promise<StreamRef> {
  const manifest = await manifestName();
  const sources: StreamSource[] = [{ kind: 'edge', url: edgeUrl(context, distribution.domainName, manifest) }];
  const config = await (await cloud()).distributionConfig(context.target, distribution.id).catch(() => undefined);
  const fronts = config ? distributionFronts(config) : {};
  const base = fronts.namespace ? momentoBase(context, fronts.host) : undefined;
  if (base && fronts.namespace) sources.unshift({ kind: 'origin', url: originUrl(base, fronts.namespace, manifest) });
  return stream(distribution.id, sources, 'edge');
}

/** The stream of live-origin.json on the configured target: its namespace's origin, and the edge of a distribution fronting it. */
export async function workspaceStream(context: StreamContext, knownEdge?: string): Promise<StreamRef> {
  const workspace = await workspaceLiveOrigin();
  const namespace = workspace?.namespace;
  if (!namespace) throw new Error(vscode.l10n.t('No live-origin.json with a momento.namespace in this workspace: create one, or open the player from the explorer.'));
  const origin = await namespaceStream(context, namespace, workspace.restEndpoint);
  const manifest = await manifestName();
  let edge = knownEdge;
  if (!edge) {
    const distribution = await frontingDistribution(context, namespace).catch(() => undefined);
    if (distribution) edge = edgeUrl(context, distribution.domainName, manifest);
  }
  return edge ? stream(namespace, [...origin.sources, { kind: 'edge', url: edge }], 'origin') : origin;
}
