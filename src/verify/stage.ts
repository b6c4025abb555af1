// One side of the guide's troubleshooting (the origin with the player key, or CloudFront without
// one): the master playlist, every variant playlist, and the live point segment.
import * as l10n from '@vscode/l10n';
import { redactSecrets } from '../cloud/redact';
import { formatBytes } from '../config/estimates';
import type { LiveLimits } from '../live/limits';
import { readMaster, type PlaylistEntry } from '../live/masterPlaylist';
import { lastSequence, segmentCount, type MediaWindow } from '../live/mediaWindow';
import { playlistText } from '../live/playlistGuards';
import { readMediaWindow } from '../live/readWindow';
import { expectsTransportStream, transportStreamProblem } from '../live/segmentProbe';
import { resolveUri } from '../live/uris';
import { contentDiagnosis, endedDiagnosis, statusDiagnosis, stuckDiagnosis, type CauseContext, type Diagnosis, type Fetching, type Side } from './causes';
import { fetchOnce, type Fetched, type FetchOptions } from './fetchOnce';
import { stepTitle, type StepId, type StepResult } from './report';

export interface StageOptions extends FetchOptions {
  side: Side;
  limits: Pick<LiveLimits, 'maxPlaylistBytes' | 'maxPlaylistLines' | 'maxSegments' | 'maxPlaylists' | 'maxSegmentBytes'>;
  context: CauseContext;
  /** Resolves after `ms`, or early when the run is cancelled. */
  wait(ms: number): Promise<void>;
  /** Called as each step ends. */
  onStep(step: StepResult): void;
}

/** The live point must move within this many target durations (a segment is added every one). */
export const ADVANCE_TARGET_DURATIONS = 2;
/** Bounds on the target duration used for waiting, whatever the playlist declares. */
const MIN_TARGET_SECONDS = 0.5;
const MAX_TARGET_SECONDS = 10;

const STEPS: Record<Side, [StepId, StepId, StepId]> = {
  origin: ['origin-master', 'origin-variants', 'origin-live-point'],
  cdn: ['cdn-master', 'cdn-variants', 'cdn-live-point'],
};

interface Variant {
  url: string;
  window: MediaWindow;
}

class Stage {
  readonly results: StepResult[] = [];

  constructor(private readonly options: StageOptions) {}

  private get ids() {
    return STEPS[this.options.side];
  }

  private report(step: Omit<StepResult, 'title' | 'causes'> & { causes?: string[] }): void {
    const result: StepResult = { title: stepTitle(step.id), causes: [], ...step };
    this.results.push(result);
    this.options.onStep(result);
  }

  private fail(id: StepId, url: string, diagnosis: Diagnosis, detail: string, httpStatus?: number): undefined {
    this.report({ id, status: 'fail', url: redactSecrets(url), httpStatus, detail, causes: diagnosis.causes, fix: diagnosis.fix });
    return undefined;
  }

  private fetchFailure(id: StepId, fetching: Fetching, url: string, fetched: Extract<Fetched, { ok: false }>): undefined {
    if (fetched.cancelled) {
      this.report({ id, status: 'skip', url: redactSecrets(url), detail: l10n.t('Cancelled.') });
      return undefined;
    }
    const diagnosis = statusDiagnosis(this.options.side, fetching, fetched.status, fetched.errorText, this.options.context);
    const detail = fetched.status === undefined
      ? fetched.reason
      : `HTTP ${fetched.status}${fetched.errorText ? `: ${fetched.errorText.split(/\r?\n/, 1)[0]}` : ''}`;
    return this.fail(id, url, diagnosis, detail, fetched.status);
  }

  skipRest(from: number, detail: string): void {
    for (const id of this.ids.slice(from)) this.report({ id, status: 'skip', detail });
  }

  /** Where the origin is read with the player key, a token= left in a URI by the encoder is dropped. */
  private requestUrl(url: string): string {
    if (this.options.side === 'cdn') return url;
    const parsed = new URL(url);
    parsed.searchParams.delete('token');
    return parsed.href;
  }

  async master(url: string): Promise<PlaylistEntry[] | undefined> {
    const id = this.ids[0];
    const fetched = await fetchOnce(url, this.options.limits.maxPlaylistBytes, this.options);
    if (!fetched.ok) return this.fetchFailure(id, 'master', url, fetched);
    const decoded = playlistText(fetched.response.body, this.options.limits);
    const read = 'text' in decoded ? readMaster(decoded.text, this.options.limits) : { kind: 'invalid' as const, problem: decoded.problem };
    const problem = read.kind === 'invalid'
      ? read.problem
      : read.kind === 'media'
        ? l10n.t('This is a media playlist, not a master playlist.')
        : read.master.entries.length === 0 ? l10n.t('The master playlist lists no variant playlist.') : undefined;
    if (problem !== undefined || read.kind !== 'master') {
      return this.fail(id, url, contentDiagnosis(this.options.side, 'master', problem ?? '', this.options.context), problem ?? '', fetched.response.status);
    }
    const { entries, uriWithToken } = read.master;
    const names = entries.map((entry) => entry.uri.split('?', 1)[0]).join(', ');
    let detail = l10n.t('{0} playlist(s): {1}', entries.length, names);
    if (uriWithToken) detail += ` ${l10n.t('Its URIs carry token=: every viewer can read the key in them (publish with credentials instead).')}`;
    this.report({ id, status: 'pass', url: redactSecrets(url), httpStatus: fetched.response.status, detail });
    return entries;
  }

  async variants(masterUrl: string, entries: readonly PlaylistEntry[]): Promise<Variant | undefined> {
    const id = this.ids[1];
    const urls = entries.map((entry) => resolveUri(entry.uri, masterUrl));
    const read = await Promise.all(urls.map((url) => (url === undefined ? undefined : this.readVariant(this.requestUrl(url)))));
    for (const [index, outcome] of read.entries()) {
      if (outcome === undefined) {
        const problem = l10n.t('The URI {0} cannot be resolved against the master playlist.', entries[index].uri);
        return this.fail(id, masterUrl, contentDiagnosis(this.options.side, 'variant', problem, this.options.context), problem);
      }
      if (!outcome.ok) {
        const { url, fetched, problem, diagnosis } = outcome;
        if (fetched) return this.fetchFailure(id, 'variant', url, fetched);
        return this.fail(id, url, diagnosis!, problem!, 200);
      }
    }
    const variants = read.map((outcome) => (outcome as { ok: true; variant: Variant }).variant);
    const livePoints = variants.map((variant) => `${variant.url.split(/[?#]/, 1)[0].split('/').pop()} #${lastSequence(variant.window)}`);
    this.report({ id, status: 'pass', url: redactSecrets(variants[0].url), httpStatus: 200, detail: l10n.t('{0} live playlist(s), live points: {1}', variants.length, livePoints.join(', ')) });
    return variants[0];
  }

  private async readVariant(url: string): Promise<{ ok: true; variant: Variant } | { ok: false; url: string; fetched?: Extract<Fetched, { ok: false }>; problem?: string; diagnosis?: Diagnosis }> {
    const fetched = await fetchOnce(url, this.options.limits.maxPlaylistBytes, this.options);
    if (!fetched.ok) return { ok: false, url, fetched };
    const decoded = playlistText(fetched.response.body, this.options.limits);
    const read = 'text' in decoded ? readMediaWindow(decoded.text, this.options.limits) : { ok: false as const, problem: decoded.problem };
    const invalid = (problem: string) => ({ ok: false as const, url, problem, diagnosis: contentDiagnosis(this.options.side, 'variant', problem, this.options.context) });
    if (!read.ok) return invalid(read.problem);
    if (read.window.endList) return { ok: false, url, problem: l10n.t('The playlist ended with EXT-X-ENDLIST.'), diagnosis: endedDiagnosis(this.options.side) };
    if (segmentCount(read.window) === 0) return invalid(l10n.t('The playlist lists no segment.'));
    return { ok: true, variant: { url, window: read.window } };
  }

  async livePoint(variant: Variant): Promise<void> {
    const id = this.ids[2];
    const { window } = variant;
    const uri = window.segments.uris[segmentCount(window) - 1];
    const from = window.header.mediaSequence + segmentCount(window) - 1;
    const resolved = resolveUri(uri, variant.url);
    if (resolved === undefined) {
      const problem = l10n.t('The URI {0} cannot be resolved against the variant playlist.', uri);
      this.fail(id, variant.url, contentDiagnosis(this.options.side, 'segment', problem, this.options.context), problem);
      return;
    }
    const url = this.requestUrl(resolved);
    const { maxSegmentBytes } = this.options.limits;
    const [fetched, advance] = await Promise.all([fetchOnce(url, maxSegmentBytes + 1, this.options), this.waitForAdvance(variant)]);
    if (!fetched.ok) {
      this.fetchFailure(id, 'segment', url, fetched);
      return;
    }
    const bytes = typeof fetched.response.body === 'string' ? new TextEncoder().encode(fetched.response.body) : fetched.response.body;
    const problem = bytes.length > maxSegmentBytes
      ? l10n.t('The segment is over {0}, Momento\'s object limit.', formatBytes(maxSegmentBytes))
      : expectsTransportStream(uri, window.hasMap) ? transportStreamProblem(bytes) : undefined;
    if (problem !== undefined) {
      this.fail(id, url, contentDiagnosis(this.options.side, 'segment', l10n.t('The live point is not MPEG-TS: {0}.', problem), this.options.context), problem, fetched.response.status);
      return;
    }
    const size = l10n.t('{0} of MPEG-TS (sync byte every 188 bytes)', formatBytes(bytes.length));
    if (advance.kind === 'stuck') {
      const seconds = Math.round(advance.waitedMs / 100) / 10;
      this.fail(id, advance.url, stuckDiagnosis(this.options.side, seconds), l10n.t('{0}; but the live point stayed at #{1} for {2} s.', size, from, seconds), fetched.response.status);
      return;
    }
    if (advance.kind === 'failed') {
      this.fetchFailure(id, 'variant', advance.url, advance.fetched);
      return;
    }
    this.report({ id, status: 'pass', url: redactSecrets(url), httpStatus: fetched.response.status, detail: l10n.t('{0}; the live point advanced from #{1} to #{2}.', size, from, advance.sequence) });
  }

  /** Reloads the variant every half target duration until its live point moves, for up to two target durations. */
  private async waitForAdvance({ url, window }: Variant): Promise<
    { kind: 'advanced'; sequence: number } | { kind: 'stuck'; url: string; waitedMs: number } | { kind: 'failed'; url: string; fetched: Extract<Fetched, { ok: false }> }
  > {
    const target = Math.min(MAX_TARGET_SECONDS, Math.max(MIN_TARGET_SECONDS, window.header.targetDuration ?? MAX_TARGET_SECONDS)) * 1000;
    const limit = ADVANCE_TARGET_DURATIONS * target;
    const before = lastSequence(window) ?? -1;
    for (let waited = target / 2; waited <= limit; waited += target / 2) {
      await this.options.wait(target / 2);
      if (this.options.signal.aborted) break;
      const fetched = await fetchOnce(url, this.options.limits.maxPlaylistBytes, this.options);
      if (!fetched.ok) {
        if (fetched.cancelled) break;
        return { kind: 'failed', url, fetched };
      }
      const decoded = playlistText(fetched.response.body, this.options.limits);
      const read = 'text' in decoded ? readMediaWindow(decoded.text, this.options.limits) : undefined;
      const sequence = read?.ok ? lastSequence(read.window) : undefined;
      if (sequence !== undefined && sequence > before) return { kind: 'advanced', sequence };
    }
    return { kind: 'stuck', url, waitedMs: limit };
  }
}

/** Runs the three steps of one side; every step is reported (later ones skipped after a failure). */
export async function runStage(masterUrl: string, options: StageOptions): Promise<StepResult[]> {
  const stage = new Stage(options);
  const skip = (from: number) => stage.skipRest(from, l10n.t('Skipped: it needs what the failed step above would have fetched.'));
  const entries = await stage.master(masterUrl);
  if (!entries) {
    skip(1);
    return stage.results;
  }
  const variant = await stage.variants(masterUrl, entries);
  if (!variant) {
    skip(2);
    return stage.results;
  }
  await stage.livePoint(variant);
  return stage.results;
}
