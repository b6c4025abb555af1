// The edge's object cache: least recently used entries go first once the byte budget is spent.

export type HeaderMap = Record<string, string | string[]>;

export interface CachedObject {
  distributionId: string;
  status: number;
  headers: HeaderMap;
  body: Buffer;
  storedAtMs: number;
  expiresAtMs: number;
}

const ENTRY_OVERHEAD_BYTES = 256;

function sizeOf(key: string, entry: CachedObject): number {
  let headerBytes = 0;
  for (const [name, value] of Object.entries(entry.headers)) {
    headerBytes += name.length + (Array.isArray(value) ? value.join('').length : value.length);
  }
  return entry.body.length + key.length + headerBytes + ENTRY_OVERHEAD_BYTES;
}

export class EdgeCache {
  private readonly entries = new Map<string, { entry: CachedObject; size: number }>();
  private bytes = 0;
  evictions = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string): CachedObject | undefined {
    const slot = this.entries.get(key);
    if (!slot) return undefined;
    // Map iteration order is insertion order: re-inserting marks the entry most recently used.
    this.entries.delete(key);
    this.entries.set(key, slot);
    return slot.entry;
  }

  /** Stores the entry unless it alone would take more than an eighth of the budget. */
  set(key: string, entry: CachedObject): boolean {
    const size = sizeOf(key, entry);
    this.delete(key);
    if (size > this.maxBytes / 8) return false;
    this.entries.set(key, { entry, size });
    this.bytes += size;
    for (const [oldest, slot] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= slot.size;
      this.evictions++;
    }
    return true;
  }

  delete(key: string): void {
    const slot = this.entries.get(key);
    if (!slot) return;
    this.entries.delete(key);
    this.bytes -= slot.size;
  }

  purgeDistribution(distributionId: string): void {
    for (const [key, slot] of [...this.entries]) {
      if (slot.entry.distributionId === distributionId) this.delete(key);
    }
  }

  get usedBytes(): number {
    return this.bytes;
  }

  get size(): number {
    return this.entries.size;
  }
}
