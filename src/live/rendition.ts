// One media playlist under watch: each reload is read (incrementally), compared with the last one,
// checked, and followed by a fetch of the newest segment; it then says when the next reload is due
// (RFC 8216 6.3.4: one target duration after a change, half of one after an unchanged reload).
import * as l10n from '@vscode/l10n';
import { BitrateMeter, bitrateCondition, type Declared } from './bitrate';
import type { Clock } from './clock';
import type { FindingLog } from './findingLog';
import type { LiveLimits } from './limits';
import { bodyLength, type LiveFetch, type LiveResponse } from './liveFetch';
import { lastSequence, segmentCount, type MediaWindow } from './mediaWindow';
import type { PlaylistEntry } from './masterPlaylist';
import { playlistText } from './playlistGuards';
import { readMediaWindow } from './readWindow';
import { request } from './request';
import { expectsTransportStream, notTransportStreamMessage, tooLargeMessage, transportStreamProblem } from './segmentProbe';
import { compareReloads } from './sequenceChecks';
import { staleCondition } from './staleness';
import { resolveUri } from './uris';
import { windowConditions, type Condition } from './windowChecks';

export interface RenditionContext {
  fetch: LiveFetch;
  clock: Clock;
  limits: LiveLimits;
  log: FindingLog;
  probeSegments: boolean;
}

export class RenditionTracker {
  window?: MediaWindow;
  /** When the last successful reload was read. */
  readAt?: number;
  /** When a reload last found a new live point. */
  lastAdvance?: number;
  /** Why the last reload failed; cleared by a successful one. */
  problem?: string;
  readonly meter: BitrateMeter;
  /** A reload without EXT-X-ENDLIST was seen: the playlist was live while watched. */
  private wasLive = false;
  private probedSequence?: number;

  constructor(readonly url: string, public entry: PlaylistEntry | undefined, private readonly context: RenditionContext) {
    this.meter = new BitrateMeter(context.limits.maxSamples);
  }

  /** One reload; returns the milliseconds until the next. */
  async reload(signal: AbortSignal): Promise<number> {
    const { limits } = this.context;
    const result = await request(this.url, { ...this.context, timeoutMs: limits.requestTimeoutMs, maxBytes: limits.maxPlaylistBytes, signal });
    if (!result.ok) {
      if (!result.cancelled) this.failed('live-fetch-failed', l10n.t('GET {0} failed: {1}', this.url, result.reason));
      return this.delay(false);
    }
    return this.accept(result.response, signal);
  }

  /** Takes a playlist response already fetched (the master URL may turn out to be a media playlist). */
  async accept(response: LiveResponse, signal: AbortSignal): Promise<number> {
    const { log, clock, limits } = this.context;
    log.clear('live-fetch-failed', this.url);
    const previous = this.window;
    const body = playlistText(response.body, limits);
    const read = 'text' in body ? readMediaWindow(body.text, limits, previous) : { ok: false as const, problem: body.problem };
    if (!read.ok) {
      this.failed('live-playlist-invalid', read.problem);
      return this.delay(false);
    }
    log.clear('live-playlist-invalid', this.url);
    this.problem = undefined;
    const now = clock.now();
    const next = read.window;
    if (previous && next !== previous) {
      for (const finding of compareReloads(previous, next, read.carried)) log.report({ ...finding, playlist: this.url });
    }
    if (!previous || lastSequence(next) !== lastSequence(previous) || lastUri(next) !== lastUri(previous)) this.lastAdvance = now;
    this.window = next;
    this.readAt = now;
    this.wasLive ||= !next.endList;
    const slid = previous !== undefined && next.header.mediaSequence > previous.header.mediaSequence;
    for (const condition of windowConditions(next, slid)) this.condition(condition);
    this.checkStale(response);
    if (this.context.probeSegments) await this.probeNewestSegment(signal);
    return this.delay(next !== previous);
  }

  private failed(code: 'live-fetch-failed' | 'live-playlist-invalid', message: string): void {
    this.problem = message;
    this.context.log.condition(code, this.url, true, () => ({ playlist: this.url, message }));
    this.checkStale();
  }

  private condition(condition: Condition, key = this.url): void {
    this.context.log.condition(condition.code, key, condition.holds, () => ({ playlist: this.url, message: condition.message() }));
  }

  private checkStale(response?: LiveResponse): void {
    if (!this.window || this.lastAdvance === undefined) return;
    this.condition(staleCondition({
      now: this.context.clock.now(),
      lastAdvance: this.lastAdvance,
      targetDuration: this.window.header.targetDuration ?? 0,
      endList: this.window.endList,
      wasLive: this.wasLive,
      lastModified: response?.headers.get('last-modified'),
      date: response?.headers.get('date'),
    }));
  }

  private async probeNewestSegment(signal: AbortSignal): Promise<void> {
    const window = this.window!;
    const sequence = lastSequence(window);
    if (sequence === undefined || sequence === this.probedSequence) return;
    this.probedSequence = sequence;
    const index = segmentCount(window) - 1;
    const uri = window.segments.uris[index];
    const url = resolveUri(uri, this.url);
    if (url === undefined) return;
    const { limits } = this.context;
    const result = await request(url, { ...this.context, timeoutMs: limits.requestTimeoutMs, maxBytes: limits.maxSegmentBytes + 1, signal });
    const segmentKey = `${this.url} segment`;
    if (!result.ok) {
      if (!result.cancelled) {
        this.condition({ code: 'live-fetch-failed', holds: true, message: () => l10n.t('GET of the newest segment {0} failed: {1}', url, result.reason) }, segmentKey);
      }
      return;
    }
    this.context.log.clear('live-fetch-failed', segmentKey);
    const { body, headers } = result.response;
    const declaredLength = Number(headers.get('content-length'));
    const bytes = Math.max(bodyLength(body), Number.isSafeInteger(declaredLength) ? declaredLength : 0);
    this.condition({ code: 'live-segment-too-large', holds: bytes > limits.maxSegmentBytes, message: () => tooLargeMessage(url, bytes, limits.maxSegmentBytes) });
    if (expectsTransportStream(uri, window.hasMap)) {
      const problem = transportStreamProblem(typeof body === 'string' ? new TextEncoder().encode(body) : body);
      this.condition({ code: 'live-segment-not-ts', holds: problem !== undefined, message: () => notTransportStreamMessage(url, problem ?? '') });
    }
    this.meter.add({ sequence, bytes, seconds: window.segments.durations[index] });
    this.condition(bitrateCondition(this.meter, this.declared()));
  }

  declared(): Declared {
    return { bandwidth: this.entry?.bandwidth, averageBandwidth: this.entry?.averageBandwidth };
  }

  private delay(changed: boolean): number {
    const { limits } = this.context;
    const target = this.window?.header.targetDuration;
    if (target === undefined) return limits.retryIntervalMs;
    // RFC 8216 6.3.4: an ended playlist need not be reloaded; a slow reload still sees a restart.
    if (this.window?.endList) return limits.maxIntervalMs;
    const ms = (changed ? target : target / 2) * 1000;
    return Math.min(limits.maxIntervalMs, Math.max(limits.minIntervalMs, ms));
  }
}

function lastUri(window: MediaWindow): string | undefined {
  return window.segments.uris[segmentCount(window) - 1];
}
