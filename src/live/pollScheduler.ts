// Runs one poll loop per playlist: a run starts only after the previous run of the same playlist
// has finished (one request in flight per playlist), and each run says when the next one is due.
import type { Clock } from './clock';

/** Does one reload and returns the milliseconds until the next. */
export type PollTask = (signal: AbortSignal) => Promise<number>;

interface TaskState {
  task: PollTask;
  controller: AbortController;
  timer?: unknown;
}

export class PollScheduler {
  private readonly tasks = new Map<string, TaskState>();
  private readonly running = new Set<Promise<void>>();

  /** `onError` hears of a run that threw (a bug): the loop goes on after `retryDelayMs`. */
  constructor(
    private readonly clock: Clock,
    private readonly signal: AbortSignal,
    private readonly retryDelayMs: number,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    signal.addEventListener('abort', () => {
      for (const key of this.keys()) this.remove(key);
    }, { once: true });
  }

  keys(): string[] {
    return [...this.tasks.keys()];
  }

  /** Starts polling `key` after `firstDelayMs`; a key already polled keeps its loop. */
  add(key: string, task: PollTask, firstDelayMs = 0): void {
    if (this.signal.aborted || this.tasks.has(key)) return;
    const state: TaskState = { task, controller: new AbortController() };
    this.tasks.set(key, state);
    this.schedule(key, state, firstDelayMs);
  }

  remove(key: string): void {
    const state = this.tasks.get(key);
    if (!state) return;
    this.tasks.delete(key);
    this.clock.clearTimeout(state.timer);
    state.controller.abort();
  }

  /** Resolves once no run is in flight. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private schedule(key: string, state: TaskState, delayMs: number): void {
    state.timer = this.clock.setTimeout(() => {
      state.timer = undefined;
      if (this.tasks.get(key) !== state) return;
      const run = this.run(key, state);
      this.running.add(run);
      void run.finally(() => this.running.delete(run));
    }, delayMs);
  }

  private async run(key: string, state: TaskState): Promise<void> {
    let delayMs: number;
    try {
      delayMs = await state.task(state.controller.signal);
    } catch (error) {
      this.onError(error);
      delayMs = this.retryDelayMs;
    }
    if (this.tasks.get(key) === state) this.schedule(key, state, delayMs);
  }
}
