// What one reload may not do to the segments the last one listed (RFC 8216 6.2.1 and 6.3.4, the
// checks of Eyevinn's hls-monitor): go back in media sequence, give a number another segment, drop
// segments without moving on, or lose discontinuities without counting them.
import * as l10n from '@vscode/l10n';
import type { LiveCode } from './codes';
import { DISCONTINUITY, lastSequence, segmentCount, type MediaWindow } from './mediaWindow';

export interface SequenceFinding {
  code: LiveCode;
  message: string;
}

/** `carried` segments of `next` were taken over from `previous` unchanged and need no comparison. */
export function compareReloads(previous: MediaWindow, next: MediaWindow, carried: number): SequenceFinding[] {
  const findings: SequenceFinding[] = [];
  const before = previous.header.mediaSequence;
  const after = next.header.mediaSequence;
  if (after < before) {
    findings.push({
      code: 'live-media-sequence-regressed',
      message: l10n.t('EXT-X-MEDIA-SEQUENCE went back from {0} to {1}: players lose their place, and a restarted encoder that reuses segment names serves old segments from the cache. Restart the channel with a fresh media sequence or clear the namespace.', before, after),
    });
    return findings;
  }
  if (after === before && segmentCount(next) < segmentCount(previous)) {
    findings.push({
      code: 'live-playlist-shrunk',
      message: l10n.t('The playlist still starts at media sequence {0} but now lists {1} segments instead of {2}: segments disappeared without the window moving on (two encoders or an older copy answering?).', after, segmentCount(next), segmentCount(previous)),
    });
  }
  if (carried === 0) {
    const changed = changedSegment(previous, next);
    if (changed) findings.push(changed);
  }
  const discontinuity = discontinuityCheck(previous, next);
  if (discontinuity) findings.push(discontinuity);
  return findings;
}

function changedSegment(previous: MediaWindow, next: MediaWindow): SequenceFinding | undefined {
  const first = Math.max(previous.header.mediaSequence, next.header.mediaSequence);
  const last = Math.min(lastSequence(previous) ?? -1, lastSequence(next) ?? -1);
  let changed = 0;
  let example: SequenceFinding | undefined;
  for (let sequence = first; sequence <= last; sequence++) {
    const a = sequence - previous.header.mediaSequence;
    const b = sequence - next.header.mediaSequence;
    const oldUri = previous.segments.uris[a];
    const newUri = next.segments.uris[b];
    const oldDuration = previous.segments.durations[a];
    const newDuration = next.segments.durations[b];
    if (oldUri === newUri && (oldDuration === newDuration || (Number.isNaN(oldDuration) && Number.isNaN(newDuration)))) continue;
    changed++;
    example ??= {
      code: 'live-segment-uri-changed',
      message: oldUri === newUri
        ? l10n.t('Media sequence {0} ({1}) changed its duration from {2} s to {3} s between two reloads.', sequence, newUri, oldDuration, newDuration)
        : l10n.t('Media sequence {0} was {1} and is now {2}: a player that already has the first one never fetches the second.', sequence, oldUri, newUri),
    };
  }
  if (example && changed > 1) example.message += ` ${l10n.t('({0} segments changed in this reload.)', changed)}`;
  return example;
}

function discontinuityCheck(previous: MediaWindow, next: MediaWindow): SequenceFinding | undefined {
  const removed = next.header.mediaSequence - previous.header.mediaSequence;
  // Only when every segment that left the window was seen: otherwise the count is unknown.
  if (removed < 0 || removed > segmentCount(previous)) return undefined;
  let left = 0;
  for (let i = 0; i < removed; i++) if ((previous.segments.flags[i] & DISCONTINUITY) !== 0) left++;
  const expected = previous.header.discontinuitySequence + left;
  const actual = next.header.discontinuitySequence;
  if (actual === expected) return undefined;
  return {
    code: 'live-discontinuity-sequence',
    message: l10n.t('EXT-X-DISCONTINUITY-SEQUENCE is {0}, expected {1}: it was {2} and {3} EXT-X-DISCONTINUITY tags left the window. Players misalign timestamps across the discontinuity.', actual, expected, previous.header.discontinuitySequence, left),
  };
}
