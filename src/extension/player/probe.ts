// What the tests read of open players through ExtensionApi: the last messages between host and
// page, the page's last stats, and its document on request. Loaded at activation, so it is tiny.
import type { PlayerStats } from '../../protocol/messages';
import { encodeMessage } from '../../protocol/wire';

const KEPT_MESSAGES = 200;
const KEPT_CHARS = 4096;

export interface DomSource {
  requestDom(): Promise<string>;
}

export class PlayerProbe {
  private readonly messages: string[] = [];
  private stats: PlayerStats | undefined;
  private latest: DomSource | undefined;

  record(direction: 'toPage' | 'fromPage', message: unknown): void {
    this.messages.push(`${direction} ${encodeMessage(message).slice(0, KEPT_CHARS)}`);
    if (this.messages.length > KEPT_MESSAGES) this.messages.shift();
  }

  recordStats(stats: PlayerStats): void {
    this.stats = stats;
  }

  /** The panel opened or shown last answers dom(). */
  focus(source: DomSource | undefined): void {
    this.latest = source;
  }

  forget(source: DomSource): void {
    if (this.latest === source) this.latest = undefined;
  }

  /** The last messages, oldest first, each as "toPage|fromPage JSON" (cut at 4 kB). */
  traffic(): readonly string[] {
    return this.messages;
  }

  lastStats(): PlayerStats | undefined {
    return this.stats;
  }

  /** The document of the last player page, as it is now; undefined when no player is open. */
  dom(): Promise<string | undefined> {
    return this.latest ? this.latest.requestDom() : Promise.resolve(undefined);
  }
}
