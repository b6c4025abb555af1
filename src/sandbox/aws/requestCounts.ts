// How many API requests a plane served per operation, mutating and read-only apart, since the
// plane started or the last reset: what lets a test assert "the second apply changed nothing".

export type OperationKind = 'mutating' | 'read';
/** A plane's operations (SDK command names without "Command") and whether each changes state. */
export type OperationCatalog = Readonly<Record<string, OperationKind>>;

export interface CountsOfKind {
  total: number;
  byOperation: Record<string, number>;
}

export interface RequestCounts {
  /** ISO 8601: when counting started (the plane's start or the last reset). */
  since: string;
  mutating: CountsOfKind;
  read: CountsOfKind;
}

export class RequestCounter {
  private counts = new Map<string, number>();
  private since = new Date();

  constructor(private readonly catalog: OperationCatalog) {}

  record(operation: string): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
  }

  snapshot(): RequestCounts {
    const result: RequestCounts = {
      since: this.since.toISOString(),
      mutating: { total: 0, byOperation: {} },
      read: { total: 0, byOperation: {} },
    };
    for (const [operation, count] of [...this.counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const counts = result[this.catalog[operation]];
      counts.total += count;
      counts.byOperation[operation] = count;
    }
    return result;
  }

  reset(): void {
    this.counts = new Map();
    this.since = new Date();
  }
}
