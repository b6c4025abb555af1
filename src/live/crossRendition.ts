// Renditions of one stream must advance together: a player switching between two that disagree on
// the live point by more than a target duration jumps in time or stalls. Each live point is taken
// relative to the moment its playlist was read, so playlists polled at different moments compare.
import * as l10n from '@vscode/l10n';
import { indexOfSequence, lastSequence, type MediaWindow } from './mediaWindow';

/** A segment becomes visible in one rendition a moment before the next: allowance for that jitter. */
export const OUT_OF_STEP_SLACK_MS = 500;

export interface LiveEdge {
  url: string;
  window: MediaWindow;
  /** When the playlist was read, epoch milliseconds. */
  readAt: number;
}

export interface OutOfStep {
  behind: LiveEdge;
  ahead: LiveEdge;
  /** How far `behind` trails, in milliseconds. */
  skewMs: number;
  by: 'program-date-time' | 'media-sequence';
}

/** Epoch milliseconds at which the newest segment ends, or NaN. */
export function livePointPdt(window: MediaWindow): number {
  const last = window.segments.uris.length - 1;
  return last < 0 ? Number.NaN : window.segments.pdts[last] + window.segments.durations[last] * 1000;
}

/** How far `b` trails `a`, by program date time when both have it, else by media sequence. */
function skew(a: LiveEdge, b: LiveEdge): Omit<OutOfStep, 'behind' | 'ahead'> | undefined {
  const pdtA = livePointPdt(a.window);
  const pdtB = livePointPdt(b.window);
  if (Number.isFinite(pdtA) && Number.isFinite(pdtB)) {
    return { skewMs: (pdtA - a.readAt) - (pdtB - b.readAt), by: 'program-date-time' };
  }
  const target = a.window.header.targetDuration;
  const lastA = lastSequence(a.window);
  const lastB = lastSequence(b.window);
  if (target === undefined || target !== b.window.header.targetDuration || lastA === undefined || lastB === undefined) return undefined;
  return { skewMs: (lastA - lastB) * target * 1000 - (a.readAt - b.readAt), by: 'media-sequence' };
}

export function outOfStep(a: LiveEdge, b: LiveEdge): OutOfStep | undefined {
  const measured = skew(a, b);
  const target = Math.max(a.window.header.targetDuration ?? 0, b.window.header.targetDuration ?? 0);
  if (!measured || !(Math.abs(measured.skewMs) > target * 1000 + OUT_OF_STEP_SLACK_MS)) return undefined;
  return measured.skewMs > 0
    ? { behind: b, ahead: a, skewMs: measured.skewMs, by: measured.by }
    : { behind: a, ahead: b, skewMs: -measured.skewMs, by: measured.by };
}

export function outOfStepMessage(found: OutOfStep): string {
  const seconds = Math.round(found.skewMs / 100) / 10;
  return found.by === 'program-date-time'
    ? l10n.t('This rendition\'s live point trails {0} by {1} s of program date time, more than a target duration: players switching renditions jump or stall. Check that all renditions come from one encoder pipeline and that none fails to PUT.', found.ahead.url, seconds)
    : l10n.t('This rendition\'s live point trails {0} by {1} s (media sequence {2} against {3}), more than a target duration: players switching renditions jump or stall. Check that all renditions come from one encoder pipeline and that none fails to PUT.',
      found.ahead.url, seconds, lastSequence(found.behind.window) ?? '', lastSequence(found.ahead.window) ?? '');
}

/**
 * Milliseconds between this rendition's program date time and the reference's for the newest
 * media sequence number both list; undefined when either lacks dates or they share no number.
 */
export function pdtOffsetMs(window: MediaWindow, reference: MediaWindow): number | undefined {
  const shared = Math.min(lastSequence(window) ?? -1, lastSequence(reference) ?? -1);
  const here = indexOfSequence(window, shared);
  const there = indexOfSequence(reference, shared);
  if (here === undefined || there === undefined) return undefined;
  const offset = window.segments.pdts[here] - reference.segments.pdts[there];
  return Number.isFinite(offset) ? offset : undefined;
}
