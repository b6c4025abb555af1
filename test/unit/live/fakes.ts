// A clock the tests move by hand and an origin that answers from a script, for the live inspector.
import type { Clock } from '../../../src/live/clock';
import type { LiveFetch, LiveRequestInit, LiveResponse } from '../../../src/live/liveFetch';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

export const START = Date.UTC(2026, 10, 21, 12);

/** Lets every promise chain that is ready run to its end. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

export class FakeClock implements Clock {
  time = START;
  private timers: Timer[] = [];
  private nextId = 1;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  pending(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing each timer at its own moment and letting its work finish. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await settle();
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.callback();
      await settle();
    }
    this.time = end;
  }
}

export interface Answer {
  status?: number;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Throw instead of answering (a network error). */
  error?: Error;
  /** Never answer (a hung connection). */
  hang?: boolean;
}

export interface SeenRequest {
  url: string;
  time: number;
  init?: LiveRequestInit;
}

type Script = (request: number, clock: FakeClock) => Answer | string;

/** Answers each URL from its script, called with how many requests that URL had before. */
export class FakeOrigin {
  readonly requests: SeenRequest[] = [];
  private readonly scripts = new Map<string, Script>();
  private readonly counts = new Map<string, number>();

  constructor(private readonly clock: FakeClock) {}

  serve(url: string, script: Script | Answer | string): this {
    this.scripts.set(url, typeof script === 'function' ? script : () => script);
    return this;
  }

  /** Serves `texts` one per request, then the last one for ever. */
  sequence(url: string, texts: readonly (Answer | string)[]): this {
    return this.serve(url, (request) => texts[Math.min(request, texts.length - 1)]);
  }

  requestsFor(url: string): SeenRequest[] {
    return this.requests.filter((request) => request.url === url);
  }

  readonly fetch: LiveFetch = (url, init) => {
    this.requests.push({ url, time: this.clock.now(), init });
    const count = this.counts.get(url) ?? 0;
    this.counts.set(url, count + 1);
    const script = this.scripts.get(url);
    const raw = script ? script(count, this.clock) : { status: 404, body: 'Key Not Found' };
    const answer: Answer = typeof raw === 'string' ? { body: raw } : raw;
    if (answer.hang) return new Promise<LiveResponse>(() => undefined);
    if (answer.error) return Promise.reject(answer.error);
    const headers = new Map(Object.entries(answer.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
    return Promise.resolve({ status: answer.status ?? 200, headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null }, body: answer.body ?? '' });
  };
}

/** `count` packets of MPEG-TS: a sync byte every 188 bytes. */
export function transportStream(bytes: number): Uint8Array {
  const data = new Uint8Array(bytes);
  for (let at = 0; at < bytes; at += 188) data[at] = 0x47;
  return data;
}
