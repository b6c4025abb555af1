// Momento namespaces (caches) of a target with the account key: list, create, delete, and whether
// one holds a live stream. The SDK loads on first use.
import type { CacheClient } from '@gomomento/sdk';
import type { CloudTarget } from './target';

export interface NamespaceItem {
  name: string;
}

export interface LiveStatus {
  /** The master playlist key is present. */
  live: boolean;
  /** Seconds since the end of the newest segment of the first variant (from its program date-time). */
  newestSegmentAgeSeconds?: number;
}

/** A failure Momento reported, with its error code (AUTHENTICATION_ERROR, NOT_FOUND_ERROR, ...). */
export class MomentoFailure extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const MASTER_KEY = 'playlist.m3u8';
const clients = new WeakMap<CloudTarget, Map<string, Promise<CacheClient>>>();

function client(target: CloudTarget, apiKey: string): Promise<CacheClient> {
  const byKey = clients.get(target) ?? new Map<string, Promise<CacheClient>>();
  clients.set(target, byKey);
  let created = byKey.get(apiKey);
  if (!created) {
    created = import('@gomomento/sdk').then(({ CacheClient, Configurations, CredentialProvider }) => {
      const endpoint = target.endpoints.momentoGrpc;
      const credentialProvider = endpoint
        ? CredentialProvider.fromString({ apiKey, endpointOverrides: { controlEndpoint: endpoint, cacheEndpoint: endpoint, tokenEndpoint: endpoint, secureConnection: false } })
        : CredentialProvider.fromString({ apiKey });
      return CacheClient.create({ configuration: Configurations.Laptop.v1(), credentialProvider, defaultTtlSeconds: 60, eagerConnectTimeout: 0 });
    });
    byKey.set(apiKey, created);
  }
  return created;
}

function failure(error: { errorCode(): string; message(): string }): MomentoFailure {
  return new MomentoFailure(error.errorCode(), error.message());
}

export async function listNamespaces(target: CloudTarget, apiKey: string): Promise<NamespaceItem[]> {
  const { ListCaches } = await import('@gomomento/sdk');
  const answer = await (await client(target, apiKey)).listCaches();
  if (answer instanceof ListCaches.Error) throw failure(answer);
  if (!(answer instanceof ListCaches.Success)) return [];
  return answer.getCaches().map((cache) => ({ name: cache.getName() })).sort((a, b) => a.name.localeCompare(b.name));
}

export async function createNamespace(target: CloudTarget, apiKey: string, name: string): Promise<void> {
  const { CreateCache } = await import('@gomomento/sdk');
  const answer = await (await client(target, apiKey)).createCache(name);
  if (answer instanceof CreateCache.Error) throw failure(answer);
}

export async function deleteNamespace(target: CloudTarget, apiKey: string, name: string): Promise<void> {
  const { DeleteCache } = await import('@gomomento/sdk');
  const answer = await (await client(target, apiKey)).deleteCache(name);
  if (answer instanceof DeleteCache.Error) throw failure(answer);
}

async function read(target: CloudTarget, apiKey: string, namespace: string, key: string): Promise<string | undefined> {
  const { CacheGet } = await import('@gomomento/sdk');
  const answer = await (await client(target, apiKey)).get(namespace, key);
  if (answer instanceof CacheGet.Hit) return answer.valueString();
  if (answer instanceof CacheGet.Error) throw failure(answer);
  return undefined;
}

/** Whether the namespace holds a live stream, and how fresh its first variant is. */
export async function liveStatus(target: CloudTarget, apiKey: string, namespace: string, now = Date.now()): Promise<LiveStatus> {
  const master = await read(target, apiKey, namespace, MASTER_KEY);
  if (master === undefined) return { live: false };
  const variant = master.split(/\r?\n/).map((line) => line.trim()).find((line) => line !== '' && !line.startsWith('#'));
  const media = variant ? await read(target, apiKey, namespace, variant.split('?')[0]) : undefined;
  const newestEnd = media === undefined ? undefined : newestSegmentEnd(media);
  return { live: true, newestSegmentAgeSeconds: newestEnd === undefined ? undefined : Math.max(0, (now - newestEnd) / 1000) };
}

/** Epoch ms at which the last segment ends: its EXT-X-PROGRAM-DATE-TIME plus its EXTINF. */
export function newestSegmentEnd(playlist: string): number | undefined {
  let dateTime: number | undefined;
  let duration = 0;
  let lastEnd: number | undefined;
  for (const line of playlist.split(/\r?\n/)) {
    if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) dateTime = Date.parse(line.slice('#EXT-X-PROGRAM-DATE-TIME:'.length).trim());
    else if (line.startsWith('#EXTINF:')) duration = Number.parseFloat(line.slice('#EXTINF:'.length));
    else if (line !== '' && !line.startsWith('#') && dateTime !== undefined && Number.isFinite(dateTime)) {
      lastEnd = dateTime + duration * 1000;
      dateTime = lastEnd;
    }
  }
  return lastEnd;
}
