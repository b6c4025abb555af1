// DELETED channels and inputs: describable for a while, then forgotten; at most `kept` at once, so a
// create/delete loop cannot grow the sandbox's memory. Pruned lazily by whoever looks records up.
import type { Limits } from './limits';

interface Tombstone {
  deletedAt: number;
  forget: () => void;
}

export class Tombstones {
  // A Map iterates in insertion order: oldest deletion first.
  private readonly graves = new Map<string, Tombstone>();

  constructor(private readonly limits: Pick<Limits, 'deletedRetentionMs' | 'deletedKept'>) {}

  add(id: string, forget: () => void): void {
    this.graves.set(id, { deletedAt: Date.now(), forget });
    this.prune();
  }

  prune(): void {
    const now = Date.now();
    for (const [id, { deletedAt, forget }] of this.graves) {
      if (this.graves.size <= this.limits.deletedKept && now - deletedAt < this.limits.deletedRetentionMs) return;
      this.graves.delete(id);
      forget();
    }
  }
}
