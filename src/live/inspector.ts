// The live manifest inspector: the master and every variant polled at the playlists' own cadence,
// each reload checked against the last one, the renditions against each other, and the findings
// kept in one bounded history. Pure: the network is an injected fetch, time an injected clock.
import * as l10n from '@vscode/l10n';
import { systemClock, type Clock } from './clock';
import type { LiveCode } from './codes';
import { outOfStep, outOfStepMessage, type LiveEdge } from './crossRendition';
import { FindingLog, type LiveFinding } from './findingLog';
import { LIVE_LIMITS, type LiveLimits } from './limits';
import type { LiveFetch, LiveResponse } from './liveFetch';
import { readMaster, type PlaylistEntry } from './masterPlaylist';
import { playlistText } from './playlistGuards';
import { PollScheduler } from './pollScheduler';
import { redactTokens } from './redact';
import { RenditionTracker, type RenditionContext } from './rendition';
import { request } from './request';
import { resolveUri } from './uris';
import { renditionView, type RenditionView } from './views';

export interface InspectorOptions {
  /** The master playlist, or a media playlist on its own. */
  url: string;
  fetch: LiveFetch;
  clock?: Clock;
  limits?: Partial<LiveLimits>;
  /** Fetch the newest segment of a rendition after each reload that has one (default true). */
  probeSegments?: boolean;
  /** Called after every reload, for a view to redraw. */
  onUpdate?: () => void;
  /** Hears of a reload that threw (a bug in the inspector); polling goes on. */
  onError?: (error: unknown) => void;
}

export interface InspectorView {
  url: string;
  renditions: RenditionView[];
  /** Newest first. */
  history: readonly LiveFinding[];
  counts: Partial<Record<LiveCode, number>>;
}

/** A reload of a rendition this much older than its target duration says nothing about the live point. */
const FRESH_TARGET_DURATIONS = 3;
const MASTER_KEY = '\u0000master';

export class LiveInspector {
  readonly log: FindingLog;
  private readonly clock: Clock;
  private readonly limits: LiveLimits;
  private readonly context: RenditionContext;
  private readonly renditions = new Map<string, RenditionTracker>();
  private scheduler?: PollScheduler;

  constructor(private readonly options: InspectorOptions) {
    this.clock = options.clock ?? systemClock;
    this.limits = { ...LIVE_LIMITS, ...options.limits };
    this.log = new FindingLog(this.limits.maxHistory, () => this.clock.now());
    this.context = { fetch: options.fetch, clock: this.clock, limits: this.limits, log: this.log, probeSegments: options.probeSegments ?? true };
  }

  /** One round: the master, then every rendition once, at the same time. */
  async snapshot(signal: AbortSignal = new AbortController().signal): Promise<void> {
    await this.reloadMaster(signal);
    const pending = [...this.renditions.values()].filter((tracker) => tracker.readAt === undefined);
    await Promise.all(pending.map((tracker) => tracker.reload(signal)));
    for (const tracker of this.renditions.values()) this.compareWithOthers(tracker);
    this.options.onUpdate?.();
  }

  /** Polls until `signal` aborts; resolves once the last request has settled. */
  async watch(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const scheduler = new PollScheduler(this.clock, signal, this.limits.retryIntervalMs, this.options.onError);
    this.scheduler = scheduler;
    scheduler.add(MASTER_KEY, (taskSignal) => this.reloadMaster(taskSignal));
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    await scheduler.settled();
  }

  view(): InspectorView {
    const now = this.clock.now();
    const trackers = [...this.renditions.values()];
    const reference = trackers.find((tracker) => tracker.window?.segments.pdts.some(Number.isFinite));
    return {
      url: redactTokens(this.options.url),
      renditions: trackers.map((tracker) => renditionView(tracker, now, this.limits.timelineLength, reference)),
      history: this.log.history(),
      counts: Object.fromEntries(this.log.countsByCode()),
    };
  }

  private async reloadMaster(signal: AbortSignal): Promise<number> {
    const { url } = this.options;
    const result = await request(url, { ...this.context, timeoutMs: this.limits.requestTimeoutMs, maxBytes: this.limits.maxPlaylistBytes, signal });
    if (!result.ok) {
      if (!result.cancelled) {
        this.log.condition('live-fetch-failed', url, true, () => ({ playlist: url, message: l10n.t('GET {0} failed: {1}', url, result.reason) }));
      }
      this.options.onUpdate?.();
      return this.limits.retryIntervalMs;
    }
    this.log.clear('live-fetch-failed', url);
    const body = playlistText(result.response.body, this.limits);
    const read = 'text' in body ? readMaster(body.text, this.limits) : { kind: 'invalid' as const, problem: body.problem };
    if (read.kind === 'invalid') {
      this.log.condition('live-playlist-invalid', url, true, () => ({ playlist: url, message: read.problem }));
      this.options.onUpdate?.();
      return this.limits.retryIntervalMs;
    }
    this.log.clear('live-playlist-invalid', url);
    if (read.kind === 'media') return this.becomeMediaPlaylist(result.response, signal);
    const { master } = read;
    this.log.condition('live-token-in-uri', `${url} master`, master.uriWithToken !== undefined, () => ({
      playlist: url,
      message: l10n.t('The master playlist lists {0}, which carries token=: every viewer gets the encoder key. MediaLive copies its destination URL\'s query string into variant URIs; publish with credentials mode, then revoke the key.', master.uriWithToken ?? ''),
    }));
    this.updateRenditions(master.entries);
    this.options.onUpdate?.();
    return this.limits.masterIntervalMs;
  }

  /** The URL named a media playlist: it is the one rendition, and the master loop ends. */
  private async becomeMediaPlaylist(response: LiveResponse, signal: AbortSignal): Promise<number> {
    const { url } = this.options;
    let tracker = this.renditions.get(url);
    if (!tracker) {
      tracker = new RenditionTracker(url, undefined, this.context);
      this.renditions.set(url, tracker);
    }
    const delay = await tracker.accept(response, signal);
    this.options.onUpdate?.();
    if (this.scheduler) {
      this.scheduler.remove(MASTER_KEY);
      this.scheduler.add(url, (taskSignal) => this.reloadRendition(tracker, taskSignal), delay);
    }
    return delay;
  }

  private updateRenditions(entries: readonly PlaylistEntry[]): void {
    const wanted = new Map<string, PlaylistEntry>();
    for (const entry of entries) {
      const resolved = resolveUri(entry.uri, this.options.url);
      if (resolved !== undefined) wanted.set(resolved, entry);
    }
    for (const url of [...this.renditions.keys()]) {
      if (wanted.has(url)) continue;
      this.renditions.delete(url);
      this.scheduler?.remove(url);
    }
    for (const [url, entry] of wanted) {
      const known = this.renditions.get(url);
      if (known) {
        known.entry = entry;
        continue;
      }
      const tracker = new RenditionTracker(url, entry, this.context);
      this.renditions.set(url, tracker);
      this.scheduler?.add(url, (signal) => this.reloadRendition(tracker, signal));
    }
  }

  private async reloadRendition(tracker: RenditionTracker, signal: AbortSignal): Promise<number> {
    const delay = await tracker.reload(signal);
    this.compareWithOthers(tracker);
    this.options.onUpdate?.();
    return delay;
  }

  private compareWithOthers(tracker: RenditionTracker): void {
    const edge = this.freshEdge(tracker);
    for (const other of this.renditions.values()) {
      if (other === tracker) continue;
      const otherEdge = this.freshEdge(other);
      if (!edge || !otherEdge) continue;
      const key = [tracker.url, other.url].sort().join(' ');
      const found = outOfStep(edge, otherEdge);
      this.log.condition('live-renditions-out-of-step', key, found !== undefined, () => ({ playlist: found!.behind.url, message: outOfStepMessage(found!) }));
    }
  }

  private freshEdge(tracker: RenditionTracker): LiveEdge | undefined {
    const { window, readAt } = tracker;
    if (!window || readAt === undefined || tracker.problem || window.endList) return undefined;
    const target = window.header.targetDuration ?? 0;
    if (this.clock.now() - readAt > FRESH_TARGET_DURATIONS * target * 1000) return undefined;
    return { url: tracker.url, window, readAt };
  }
}
