// The host's side of the protocol: runs the handler a request names and answers with its id,
// holds events back until the page has said `ready` (a page that is not listening loses them), and
// keeps only the newest event of each name while it waits.
import {
  isRequest, ProtocolError, type ArgsOf, type CommandName, type EventMessage, type EventName, type HostMessage,
  type PlayerEvents, type ReplyMessage, type ResultOf,
} from './messages';

export type Handlers = { [C in CommandName]: (args: ArgsOf<C>) => Promise<ResultOf<C>> | ResultOf<C> };

export class HostEndpoint {
  private ready = false;
  private closed = false;
  private readonly waiting = new Map<EventName, EventMessage>();

  /** `post` delivers a message to the page (webview.postMessage, or the loopback server's event stream). */
  constructor(private readonly handlers: Handlers, private readonly post: (message: HostMessage) => void) {}

  get isReady(): boolean {
    return this.ready;
  }

  /** Handles one message from the page; anything that is not a request is ignored. */
  async receive(message: unknown): Promise<void> {
    if (this.closed || !isRequest(message)) return;
    const { req, command, args } = message;
    const reply = await this.answer(req, command, args);
    if (this.closed) return;
    this.post(reply);
    if (command === 'ready' && 'res' in reply) {
      this.ready = true;
      for (const event of this.waiting.values()) this.post(event);
      this.waiting.clear();
    }
  }

  push<E extends EventName>(event: E, data: PlayerEvents[E]): void {
    if (this.closed) return;
    const message = { event, data } as EventMessage;
    if (this.ready) this.post(message);
    else this.waiting.set(event, message);
  }

  /** The page went away (hidden without retained context, or reloading): hold events until it is ready again. */
  unready(): void {
    this.ready = false;
  }

  dispose(): void {
    this.closed = true;
    this.waiting.clear();
  }

  private async answer(seq: number, command: string, args: unknown): Promise<ReplyMessage> {
    if (!Object.prototype.hasOwnProperty.call(this.handlers, command)) {
      return { seq, err: { code: 'unknown-command', message: `unknown command ${JSON.stringify(command).slice(0, 80)}` } };
    }
    const handler = this.handlers[command as CommandName] as (args: unknown) => unknown;
    try {
      return { seq, res: (await handler(args)) ?? null };
    } catch (error) {
      const code = error instanceof ProtocolError ? error.code : 'failed';
      return { seq, err: { code, message: error instanceof Error ? error.message : String(error) } };
    }
  }
}
