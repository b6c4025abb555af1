// A local stand-in for Momento Media Storage: the gRPC API the Momento SDK speaks and the HTTP
// API MediaLive, CloudFront and curl speak, over one shared store, on 127.0.0.1 only.

import { MomentoContext } from './context';
import { FaultEngine, FaultInjector } from './faults';
import { startGrpcFront } from './grpcServer';
import { startHttpFront } from './httpServer';
import { KeyAuthority, toOuterKey } from './keys';
import { DEFAULT_HOT_STORAGE_BYTES, isValidNamespaceName, MAX_OBJECT_BYTES } from './limits';
import { MomentoStore, NamespaceStats } from './store';

export { MAX_OBJECT_BYTES, DEFAULT_HOT_STORAGE_BYTES } from './limits';
export { FAULT_ERRORS, FAULT_HEADER, MAX_FAULT_DELAY_MS, parseFaultSpec, FaultSpecError } from './faults';
export type { FaultError, FaultInjector, FaultRule, FaultSpec } from './faults';
export { OPERATIONS } from './access';
export type { Operation } from './access';
export type { NamespaceStats } from './store';
export { sdkCredentialProvider } from './sdkCredentials';

export interface MomentoSandboxOptions {
  /** 0 (default) picks a free port. */
  grpcPort?: number;
  /** 0 (default) picks a free port. */
  httpPort?: number;
  /** Hot storage per namespace; the oldest writes are evicted beyond it. Default 256 MiB. */
  hotStorageBytes?: number;
}

export interface MomentoSandbox {
  /** "127.0.0.1:PORT"; give it to sdkCredentialProvider. */
  grpcEndpoint: string;
  /** "http://127.0.0.1:PORT"; the sandbox's REST endpoint (real Momento: https://api.cache.<cell>). */
  httpEndpoint: string;
  /** Creates namespaces and mints keys; never expires. */
  adminKey: string;
  /** Idempotent. Throws on a name Momento would refuse. */
  createNamespace(name: string): void;
  /** A key scoped to one namespace. ttlSeconds must be above zero. */
  mintKey(opts: { namespace: string; role: 'read-write' | 'read-only'; ttlSeconds: number }): string;
  faults: FaultInjector;
  /** Live items, their bytes (keys + values) and the evictions so far; undefined for no such namespace. */
  stats(namespace: string): NamespaceStats | undefined;
  close(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 1000;

export async function startMomentoSandbox(opts: MomentoSandboxOptions = {}): Promise<MomentoSandbox> {
  const hotStorageBytes = opts.hotStorageBytes ?? DEFAULT_HOT_STORAGE_BYTES;
  if (!Number.isSafeInteger(hotStorageBytes) || hotStorageBytes <= 0) {
    throw new RangeError(`hotStorageBytes must be a positive whole number of bytes, got ${hotStorageBytes}`);
  }
  const faults = new FaultEngine();
  const ctx: MomentoContext = {
    store: new MomentoStore({ hotStorageBytes, maxObjectBytes: MAX_OBJECT_BYTES }),
    keys: new KeyAuthority(),
    faults,
    grpcEndpoint: '',
  };

  const grpcFront = await startGrpcFront(ctx, opts.grpcPort ?? 0);
  ctx.grpcEndpoint = grpcFront.endpoint;
  let httpFront;
  try {
    httpFront = await startHttpFront(ctx, opts.httpPort ?? 0);
  } catch (error) {
    await grpcFront.close();
    throw error;
  }
  const http = httpFront;

  const sweeper = setInterval(() => ctx.store.sweep(), SWEEP_INTERVAL_MS);
  sweeper.unref();
  const outer = (inner: string) => toOuterKey(inner, ctx.grpcEndpoint);
  let closing: Promise<void> | undefined;

  return {
    grpcEndpoint: grpcFront.endpoint,
    httpEndpoint: http.endpoint,
    adminKey: outer(ctx.keys.mint({ role: 'admin', namespace: '*', ttlSeconds: 0 })),
    createNamespace(name) {
      if (!isValidNamespaceName(name)) {
        throw new RangeError(`Invalid namespace name '${name}': use 1 to 255 letters, digits, '.', '_' or '-', starting with a letter or digit.`);
      }
      ctx.store.createNamespace(name);
    },
    mintKey({ namespace, role, ttlSeconds }) {
      if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
        throw new RangeError(`ttlSeconds must be above zero, got ${ttlSeconds}`);
      }
      return outer(ctx.keys.mint({ role, namespace, ttlSeconds }));
    },
    faults,
    stats: (namespace) => ctx.store.stats(namespace),
    close() {
      closing ??= (async () => {
        clearInterval(sweeper);
        faults.dispose();
        await Promise.all([grpcFront.close(), http.close()]);
      })();
      return closing;
    },
  };
}
