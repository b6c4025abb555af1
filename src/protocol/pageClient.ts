// The page's side of the protocol: one promise per request id, settled by the host's reply or
// error with that id, or rejected on timeout; events dispatched by name. Nothing here touches the
// DOM: the transport is injected (webview postMessage, or HTTP to the loopback server).
import {
  isEvent, isReply, ProtocolError, type ArgsOf, type CommandName, type EventName, type PlayerEvents, type RequestMessage,
  type ResultOf,
} from './messages';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};

export const DEFAULT_TIMEOUT_MS = 15_000;

interface Pending {
  resolve(value: unknown): void;
  reject(error: ProtocolError): void;
  timer: unknown;
}

type Listener<E extends EventName> = (data: PlayerEvents[E]) => void;

export class PageClient {
  private nextId = 1;
  private closed = false;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  constructor(private readonly send: (message: RequestMessage) => void, private readonly timers: Timers = realTimers) {}

  request<C extends CommandName>(command: C, args: ArgsOf<C>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ResultOf<C>> {
    if (this.closed) return Promise.reject(new ProtocolError('closed', 'the player was closed'));
    const req = this.nextId++;
    return new Promise<ResultOf<C>>((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        this.pending.delete(req);
        reject(new ProtocolError('timeout', `${command} got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(req, { resolve: resolve as (value: unknown) => void, reject, timer });
      try {
        this.send({ req, command, args });
      } catch (error) {
        this.settle(req)?.reject(new ProtocolError('failed', `could not send ${command}: ${(error as Error).message}`));
      }
    });
  }

  /** Handles one message from the host: a reply to a pending request, or an event. */
  receive(message: unknown): void {
    if (isReply(message)) {
      const pending = this.settle(message.seq);
      if (!pending) return;
      if ('err' in message) pending.reject(new ProtocolError(message.err.code, message.err.message));
      else pending.resolve(message.res);
    } else if (isEvent(message)) {
      for (const listener of this.listeners.get(message.event) ?? []) listener(message.data);
    }
  }

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  /** Requests still waiting for their answer. */
  get inFlight(): number {
    return this.pending.size;
  }

  dispose(): void {
    this.closed = true;
    for (const req of [...this.pending.keys()]) this.settle(req)?.reject(new ProtocolError('closed', 'the player was closed'));
    this.listeners.clear();
  }

  private settle(req: number): Pending | undefined {
    const pending = this.pending.get(req);
    if (!pending) return undefined;
    this.pending.delete(req);
    this.timers.clearTimeout(pending.timer);
    return pending;
  }
}
