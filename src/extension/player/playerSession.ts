// One player page's host side, the same for the webview panel and the system-browser twin: answers
// the page's requests (its init, playlists and segments fetched with the player key, its stats),
// and runs the live manifest inspector on the stream, pushing throttled snapshots. No vscode here.
import { LiveInspector, type InspectorView } from '../../live/inspector';
import { HostEndpoint } from '../../protocol/hostEndpoint';
import {
  ProtocolError, type FetchArgs, type FetchResult, type HostMessage, type PageStrings, type PlayerStats, type SourceKind,
  type StreamRef,
} from '../../protocol/messages';
import { asLiveFetch, folderOf, hostFetch, isUnder, keyScopeOf, type HostFetch, type KeyScope } from './hostFetch';

export interface PlayerSessionOptions {
  stream: StreamRef;
  /** Added by the host to origin requests; never sent to the page. */
  playerKey?: string;
  strings: PageStrings;
  /** Delivers a message to the page. */
  post(message: HostMessage): void;
  /** Opens the same player in the system browser; absent where the page already runs there. */
  openExternal?(source: SourceKind, videoOnly: boolean): Promise<boolean>;
  /** Hears every message in both directions (the extension's test hook keeps the last few). */
  onTraffic?(direction: 'toPage' | 'fromPage', message: unknown): void;
  onStats?(stats: PlayerStats): void;
  onDom?(html: string): void;
  /** At most one inspector snapshot per this many milliseconds (default 1000). */
  snapshotIntervalMs?: number;
}

const PAGE_FETCH_TIMEOUT_MS = 15_000;
/** Momento's 10 MB object limit, and a little room. */
const PAGE_FETCH_MAX_BYTES = 11 * 1024 * 1024;
const REDACTED = '<redacted>';

export class PlayerSession {
  readonly endpoint: HostEndpoint;
  private readonly fetch: HostFetch;
  private readonly scope: KeyScope | undefined;
  /** What the page may fetch through the host: the origin's namespace (with the key) and the edge's folder (without). */
  private readonly allowed: string[];
  private readonly inspector: LiveInspector;
  private readonly polling = new AbortController();
  private snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  private lastSnapshot = 0;
  private disposed = false;

  constructor(private readonly options: PlayerSessionOptions) {
    const { stream, playerKey } = options;
    const origin = stream.sources.find((source) => source.kind === 'origin');
    this.scope = origin && playerKey ? keyScopeOf(origin.url, playerKey) : undefined;
    this.fetch = hostFetch(this.scope, PAGE_FETCH_MAX_BYTES);
    this.allowed = stream.sources.map((source) => folderOf(source.url));
    this.endpoint = new HostEndpoint({
      ready: () => ({ stream, strings: options.strings, canOpenExternal: options.openExternal !== undefined }),
      fetch: (args) => this.fetchForPage(args),
      openExternal: async ({ source, videoOnly }) => ({ opened: (await options.openExternal?.(source, videoOnly)) ?? false }),
      stats: (stats) => {
        options.onStats?.(stats);
        return null;
      },
      dom: ({ html }) => {
        options.onDom?.(html);
        return null;
      },
    }, (message) => {
      options.onTraffic?.('toPage', message);
      options.post(message);
    });
    // The origin when there is one: that is where the stream's health is judged, with the key.
    const inspected = origin ?? stream.sources[0];
    this.inspector = new LiveInspector({
      url: inspected.url,
      fetch: asLiveFetch(this.fetch),
      onUpdate: () => this.scheduleSnapshot(),
    });
    void this.inspector.watch(this.polling.signal);
  }

  receive(message: unknown): Promise<void> {
    this.options.onTraffic?.('fromPage', message);
    return this.endpoint.receive(message);
  }

  /** The inspector's findings and renditions now. */
  view(): InspectorView {
    return this.inspector.view();
  }

  /** Asks the page for its document (it answers with a `dom` request). */
  requestDom(): void {
    this.endpoint.push('dumpDom', {});
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.polling.abort();
    clearTimeout(this.snapshotTimer);
    this.endpoint.dispose();
  }

  private async fetchForPage(args: FetchArgs): Promise<FetchResult> {
    if (typeof args?.url !== 'string' || !this.allowed.some((prefix) => isUnder(args.url, prefix))) {
      // The page cannot make the host fetch anything else, let alone with the key.
      throw new ProtocolError('bad-request', 'the host fetches only the stream\'s own playlists and segments');
    }
    const range = Number.isSafeInteger(args.rangeStart) && args.rangeStart! >= 0
      ? { start: args.rangeStart!, end: Number.isSafeInteger(args.rangeEnd) && args.rangeEnd! > args.rangeStart! ? args.rangeEnd : undefined }
      : undefined;
    const response = await this.fetch(args.url, { signal: AbortSignal.timeout(PAGE_FETCH_TIMEOUT_MS), range });
    const url = new URL(args.url).href;
    if (args.responseType === 'arraybuffer') return { status: response.status, url, bytes: response.body };
    const text = new TextDecoder().decode(response.body);
    return { status: response.status, url, text: this.scope ? text.split(this.scope.key).join(REDACTED) : text };
  }

  private scheduleSnapshot(): void {
    if (this.disposed || this.snapshotTimer) return;
    const interval = this.options.snapshotIntervalMs ?? 1000;
    const wait = Math.max(0, this.lastSnapshot + interval - Date.now());
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      if (this.disposed) return;
      this.lastSnapshot = Date.now();
      this.endpoint.push('inspector', this.inspector.view());
    }, wait);
  }
}

