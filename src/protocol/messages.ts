// The one message protocol between the extension host and the player page (webview, or the same
// page in the system browser): the page sends requests with an increasing id, the host answers
// each with a reply or an error carrying that id, and pushes events without one. Types only, plus
// the guards both sides use to tell messages apart; no DOM, no vscode.
import type { InspectorView } from '../live/inspector';

/** One way to reach the stream: the origin (the host adds the player key) or the CDN edge (no key). */
export type SourceKind = 'origin' | 'edge';

export interface StreamSource {
  kind: SourceKind;
  /** The master playlist. Never carries a key. */
  url: string;
}

/** What a player panel shows; also its restore state after a window reload, so it never holds a key. */
export interface StreamRef {
  title: string;
  sources: StreamSource[];
  /** The source the page starts with. */
  preferred: SourceKind;
}

/** Every string the page shows, translated by the host (the page has no l10n bundle of its own). */
export type PageStrings = Readonly<Record<string, string>>;

export interface PlayerInit {
  stream: StreamRef;
  strings: PageStrings;
  /** The host can open this player in the system browser (false when the page already is there). */
  canOpenExternal: boolean;
}

export interface FetchArgs {
  url: string;
  responseType: 'text' | 'arraybuffer';
  /** Byte range, inclusive start and exclusive end, as hls.js gives it. */
  rangeStart?: number;
  rangeEnd?: number;
}

export interface FetchResult {
  status: number;
  /** The URL answered, for resolving relative URIs. */
  url: string;
  text?: string;
  bytes?: Uint8Array;
}

/** What the page measures, sent to the host every few seconds. */
export interface PlayerStats {
  source: SourceKind;
  /** How the page reaches the source: itself, or through the host's fetch (the origin, or an edge without CORS headers). */
  via: 'direct' | 'host';
  state: 'starting' | 'playing' | 'unsupported' | 'failed';
  currentTime: number;
  /** Now minus EXT-X-PROGRAM-DATE-TIME of the frame on screen, in seconds. */
  glassToGlassSeconds?: number;
  /** Distance to the playlist's live edge (hls.latency), in seconds. */
  liveEdgeSeconds?: number;
  bufferAheadSeconds: number;
  levelBitrate?: number;
  measuredBitrate?: number;
  droppedFrames?: number;
  totalFrames?: number;
  stalls: number;
  stallSeconds: number;
  /** Why playback is impossible or failed, in the page's words. */
  problem?: string;
}

/** Requests the page makes: name -> [arguments, result]. */
export interface PlayerCommands {
  ready: [Record<string, never>, PlayerInit];
  fetch: [FetchArgs, FetchResult];
  /** Open the same player in the system browser. */
  openExternal: [{ source: SourceKind; videoOnly: boolean }, { opened: boolean }];
  stats: [PlayerStats, null];
  /** The page's document, answering the host's `dumpDom` event (diagnostics and tests). */
  dom: [{ html: string }, null];
}

/** Events the host pushes: name -> payload. */
export interface PlayerEvents {
  inspector: InspectorView;
  dumpDom: Record<string, never>;
}

export type CommandName = keyof PlayerCommands;
export type ArgsOf<C extends CommandName> = PlayerCommands[C][0];
export type ResultOf<C extends CommandName> = PlayerCommands[C][1];
export type EventName = keyof PlayerEvents;

export interface RequestMessage<C extends CommandName = CommandName> {
  req: number;
  command: C;
  args: ArgsOf<C>;
}

export type ErrorCode = 'unknown-command' | 'bad-request' | 'failed' | 'timeout' | 'closed';

export interface ProtocolErrorData {
  code: ErrorCode;
  message: string;
}

export type ReplyMessage = { seq: number; res: unknown } | { seq: number; err: ProtocolErrorData };

export interface EventMessage<E extends EventName = EventName> {
  event: E;
  data: PlayerEvents[E];
}

export type HostMessage = ReplyMessage | EventMessage;

export class ProtocolError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isRequest(value: unknown): value is RequestMessage {
  return isObject(value) && Number.isSafeInteger(value.req) && typeof value.command === 'string';
}

export function isReply(value: unknown): value is ReplyMessage {
  return isObject(value) && Number.isSafeInteger(value.seq) && ('res' in value || 'err' in value);
}

export function isEvent(value: unknown): value is EventMessage {
  return isObject(value) && typeof value.event === 'string' && !('seq' in value);
}
