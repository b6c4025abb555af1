// In-memory namespaces (Momento caches) shared by the gRPC and HTTP fronts: items with TTLs and
// a per-namespace hot-storage budget that evicts the least recently written items.

export interface NamespaceStats {
  items: number;
  bytes: number;
  evictions: number;
}

export type SetResult =
  | { ok: true }
  | { ok: false; reason: 'cache-not-found' | 'item-too-large' | 'larger-than-hot-storage' | 'bad-ttl' };

export type GetResult =
  | { ok: true; value: Buffer }
  | { ok: false; reason: 'cache-not-found' | 'miss' };

interface Item {
  value: Buffer;
  expiresAt: number;
  size: number;
}

class Namespace {
  // A Map iterates in insertion order; writes re-insert, so the first entry is the oldest write.
  readonly items = new Map<string, Item>();
  bytes = 0;
  evictions = 0;

  remove(id: string, item: Item): void {
    this.items.delete(id);
    this.bytes -= item.size;
  }

  purgeExpired(now: number): void {
    for (const [id, item] of this.items) {
      if (item.expiresAt <= now) this.remove(id, item);
    }
  }
}

export interface StoreOptions {
  hotStorageBytes: number;
  maxObjectBytes: number;
  now?: () => number;
}

/** Keys are bytes (gRPC) or UTF-8 text (HTTP); both map to the same latin1 string id. */
function idOf(key: Uint8Array): string {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1');
}

export class MomentoStore {
  private readonly namespaces = new Map<string, Namespace>();
  private readonly now: () => number;

  constructor(private readonly options: StoreOptions) {
    this.now = options.now ?? Date.now;
  }

  get hotStorageBytes(): number {
    return this.options.hotStorageBytes;
  }

  /** Returns false when the namespace already existed. */
  createNamespace(name: string): boolean {
    if (this.namespaces.has(name)) return false;
    this.namespaces.set(name, new Namespace());
    return true;
  }

  /** Returns false when there was no such namespace. */
  deleteNamespace(name: string): boolean {
    return this.namespaces.delete(name);
  }

  hasNamespace(name: string): boolean {
    return this.namespaces.has(name);
  }

  listNamespaces(): string[] {
    return [...this.namespaces.keys()].sort();
  }

  get(namespace: string, key: Uint8Array): GetResult {
    const ns = this.namespaces.get(namespace);
    if (!ns) return { ok: false, reason: 'cache-not-found' };
    const id = idOf(key);
    const item = ns.items.get(id);
    if (!item) return { ok: false, reason: 'miss' };
    if (item.expiresAt <= this.now()) {
      ns.remove(id, item);
      return { ok: false, reason: 'miss' };
    }
    return { ok: true, value: item.value };
  }

  set(namespace: string, key: Uint8Array, value: Uint8Array, ttlMs: number): SetResult {
    const ns = this.namespaces.get(namespace);
    if (!ns) return { ok: false, reason: 'cache-not-found' };
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) return { ok: false, reason: 'bad-ttl' };
    if (value.byteLength > this.options.maxObjectBytes) return { ok: false, reason: 'item-too-large' };
    const id = idOf(key);
    const size = key.byteLength + value.byteLength;
    if (size > this.options.hotStorageBytes) return { ok: false, reason: 'larger-than-hot-storage' };

    const previous = ns.items.get(id);
    if (previous) ns.remove(id, previous);
    const now = this.now();
    if (ns.bytes + size > this.options.hotStorageBytes) {
      ns.purgeExpired(now);
      for (const [oldId, oldItem] of ns.items) {
        if (ns.bytes + size <= this.options.hotStorageBytes) break;
        ns.remove(oldId, oldItem);
        ns.evictions++;
      }
    }
    // Copy: the caller's buffer may be a view into a pooled or reused allocation.
    ns.items.set(id, { value: Buffer.from(value), expiresAt: now + ttlMs, size });
    ns.bytes += size;
    return { ok: true };
  }

  /** Returns false only when the namespace does not exist; deleting a missing key succeeds. */
  delete(namespace: string, key: Uint8Array): boolean {
    const ns = this.namespaces.get(namespace);
    if (!ns) return false;
    const id = idOf(key);
    const item = ns.items.get(id);
    if (item) ns.remove(id, item);
    return true;
  }

  stats(namespace: string): NamespaceStats | undefined {
    const ns = this.namespaces.get(namespace);
    if (!ns) return undefined;
    ns.purgeExpired(this.now());
    return { items: ns.items.size, bytes: ns.bytes, evictions: ns.evictions };
  }

  /** Drops expired items everywhere, so memory is released even for keys nobody reads again. */
  sweep(): void {
    const now = this.now();
    for (const ns of this.namespaces.values()) ns.purgeExpired(now);
  }
}
