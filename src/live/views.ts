// What a view (the editor panel, the command line) shows of one rendition: plain data, URIs redacted.
import { kbps } from './bitrate';
import { livePointPdt, pdtOffsetMs } from './crossRendition';
import { DISCONTINUITY, lastSequence, segmentCount } from './mediaWindow';
import { redactTokens } from './redact';
import type { RenditionTracker } from './rendition';
import { round, windowDuration } from './windowChecks';

export interface TimelineEntry {
  sequence: number;
  uri: string;
  duration: number;
  /** ISO 8601, when the segment has a program date time. */
  programDateTime?: string;
  discontinuity: boolean;
  /** Measured size, for the segments the inspector fetched. */
  bytes?: number;
}

export interface RenditionView {
  url: string;
  kind: 'variant' | 'rendition' | 'media';
  bandwidth?: number;
  averageBandwidth?: number;
  resolution?: string;
  name?: string;
  mediaSequence?: number;
  targetDuration?: number;
  windowSeconds?: number;
  windowSegments?: number;
  livePoint?: { sequence: number; uri: string; programDateTime?: string };
  /** Milliseconds since a reload last found a new segment. */
  lastUpdateAgeMs?: number;
  /** Program date time of the same media sequence number against the first rendition that has one. */
  pdtOffsetMs?: number;
  measuredPeakKbps?: number;
  measuredAverageKbps?: number;
  lastSegmentBytes?: number;
  segmentsMeasured: number;
  /** The newest segments, oldest first. */
  timeline: TimelineEntry[];
  /** Why the last reload failed. */
  problem?: string;
}

function isoDate(ms: number): string | undefined {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

export function renditionView(tracker: RenditionTracker, now: number, timelineLength: number, reference?: RenditionTracker): RenditionView {
  const { entry, window, meter } = tracker;
  const peak = meter.peak();
  const average = meter.average();
  const view: RenditionView = {
    url: redactTokens(tracker.url),
    kind: entry?.kind ?? 'media',
    bandwidth: entry?.bandwidth,
    averageBandwidth: entry?.averageBandwidth,
    resolution: entry?.resolution,
    name: entry?.name,
    measuredPeakKbps: peak === undefined ? undefined : kbps(peak),
    measuredAverageKbps: average === undefined ? undefined : kbps(average),
    lastSegmentBytes: meter.latest()?.bytes,
    segmentsMeasured: meter.count(),
    timeline: [],
    problem: tracker.problem === undefined ? undefined : redactTokens(tracker.problem),
  };
  if (!window) return view;
  const { segments, header } = window;
  const count = segmentCount(window);
  view.mediaSequence = header.mediaSequence;
  view.targetDuration = header.targetDuration;
  view.windowSeconds = round(windowDuration(window));
  view.windowSegments = count;
  const last = lastSequence(window);
  if (last !== undefined) {
    view.livePoint = { sequence: last, uri: redactTokens(segments.uris[count - 1]), programDateTime: isoDate(livePointPdt(window)) };
  }
  if (tracker.lastAdvance !== undefined) view.lastUpdateAgeMs = now - tracker.lastAdvance;
  if (reference?.window && reference !== tracker) view.pdtOffsetMs = pdtOffsetMs(window, reference.window);
  for (let i = Math.max(0, count - timelineLength); i < count; i++) {
    view.timeline.push({
      sequence: header.mediaSequence + i,
      uri: redactTokens(segments.uris[i]),
      duration: segments.durations[i],
      programDateTime: isoDate(segments.pdts[i]),
      discontinuity: (segments.flags[i] & DISCONTINUITY) !== 0,
      bytes: meter.bytesOf(header.mediaSequence + i),
    });
  }
  return view;
}
