// Request collapsing: concurrent misses for one cache key share a single origin fetch.

export class InFlight<T> {
  private readonly pending = new Map<string, Promise<T>>();

  /** Runs `fetch` unless a fetch for `key` is already under way; `leader` tells which caller started it. */
  run(key: string, fetch: () => Promise<T>): { result: Promise<T>; leader: boolean } {
    const existing = this.pending.get(key);
    if (existing) return { result: existing, leader: false };
    const result = fetch().finally(() => this.pending.delete(key));
    this.pending.set(key, result);
    return { result, leader: true };
  }

  get size(): number {
    return this.pending.size;
  }
}
