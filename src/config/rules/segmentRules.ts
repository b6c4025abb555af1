// Segment size against Momento's object limit, segment length, and GOP alignment.
import * as l10n from '@vscode/l10n';
import {
  estimateSegmentBytes,
  formatBytes,
  maxBitrateKbpsFor,
  MOMENTO_MAX_OBJECT_BYTES,
  NEAR_LIMIT_RATIO,
  RECOMMENDED_SEGMENT_SECONDS,
} from '../estimates';
import { renditions } from '../streamFacts';
import { round, type Rule } from './rule';

const SEGMENT_LENGTH = ['stream', 'segmentLengthSeconds'];

export const segmentSizeRule: Rule = ({ doc, report }) => {
  const seconds = doc.positive(SEGMENT_LENGTH)?.value;
  if (seconds === undefined) return;
  for (const { index, bitrateKbps } of renditions(doc)) {
    if (!bitrateKbps) continue;
    const bytes = estimateSegmentBytes(bitrateKbps.value, seconds);
    const arithmetic = `${bitrateKbps.value} kbps / 8 × ${seconds} s × 1.1 = ${formatBytes(bytes)}`;
    if (bytes > MOMENTO_MAX_OBJECT_BYTES) {
      const fitting = Math.floor(maxBitrateKbpsFor(seconds) / 100) * 100;
      report({
        code: 'segment-size-limit',
        severity: 'error',
        at: bitrateKbps.node,
        message: l10n.t(
          'Segments of this rendition are estimated at {0}, over Momento\'s 10 MB object limit: the encoder\'s PUTs would be refused. Lower the bitrate to {1} kbps or less, or shorten the segments.',
          arithmetic,
          fitting,
        ),
        fix: doc.fix(l10n.t('Lower the bitrate to {0} kbps', fitting), [
          { path: ['stream', 'ladder', index, 'bitrateKbps'], value: fitting },
        ]),
      });
    } else if (bytes > MOMENTO_MAX_OBJECT_BYTES * NEAR_LIMIT_RATIO) {
      report({
        code: 'segment-size-near-limit',
        severity: 'warning',
        at: bitrateKbps.node,
        message: l10n.t(
          'Segments of this rendition are estimated at {0}, over 80% of Momento\'s 10 MB object limit: a complex scene in VBR can push one over. Lower the bitrate or shorten the segments.',
          arithmetic,
        ),
      });
    }
  }
};

export const segmentLengthRule: Rule = ({ doc, report }) => {
  const length = doc.positive(SEGMENT_LENGTH);
  if (!length) return;
  const { min, max } = RECOMMENDED_SEGMENT_SECONDS;
  if (length.value >= min && length.value <= max) return;
  const target = length.value < min ? min : 2;
  report({
    code: 'segment-length-range',
    severity: 'warning',
    at: length.node,
    message: l10n.t(
      'Segment length {0} s is outside the recommended {1} to {2} s: longer segments add glass-to-glass latency, shorter ones multiply requests. Use {3} s.',
      length.value,
      min,
      max,
      target,
    ),
    fix: doc.fix(l10n.t('Set the segment length to {0} s', target), [{ path: SEGMENT_LENGTH, value: target }]),
  });
};

export const gopSegmentRule: Rule = ({ doc, report }) => {
  const length = doc.positive(SEGMENT_LENGTH);
  const gop = doc.positive(['stream', 'gopSeconds']);
  if (!length || !gop) return;
  const gops = length.value / gop.value;
  if (Math.abs(gops - Math.round(gops)) < 1e-6 && Math.round(gops) >= 1) return;
  const aligned = gop.value >= length.value ? gop.value : round(Math.max(1, Math.round(gops)) * gop.value, 3);
  report({
    code: 'gop-segment-mismatch',
    severity: 'warning',
    at: length.node,
    message: l10n.t(
      'Segment length {0} s is not a whole number of {1} s GOPs ({2}): segments would not start on a keyframe and players stall when switching renditions. Use a multiple of the GOP, such as {3} s.',
      length.value,
      gop.value,
      round(gops, 3),
      aligned,
    ),
    fix: doc.fix(l10n.t('Set the segment length to {0} s', aligned), [{ path: SEGMENT_LENGTH, value: aligned }]),
  });
};
