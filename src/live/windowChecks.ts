// Lasting conditions of one media playlist, as it reads after a reload.
import * as l10n from '@vscode/l10n';
import { roundedSeconds } from '../hls/extinf';
import type { LiveCode } from './codes';
import { EXPLICIT_PDT, segmentCount, TOKEN_IN_URI, type MediaWindow } from './mediaWindow';

export interface Condition {
  code: LiveCode;
  holds: boolean;
  message(): string;
}

/** RFC 8216 6.2.2: a live playlist keeps at least three target durations. */
const MIN_WINDOW_TARGET_DURATIONS = 3;

export function windowDuration(window: MediaWindow): number {
  let total = 0;
  for (const duration of window.segments.durations) if (Number.isFinite(duration)) total += duration;
  return total;
}

/** `slid`: the media sequence moved on since the last reload, so the server is removing segments. */
export function windowConditions(window: MediaWindow, slid: boolean): Condition[] {
  const { segments } = window;
  const target = window.header.targetDuration ?? Number.POSITIVE_INFINITY;
  const live = !window.endList;
  let overTarget = -1;
  let overTargetCount = 0;
  let explicitPdt = false;
  let tokenAt = -1;
  for (let i = 0; i < segments.uris.length; i++) {
    if (roundedSeconds(segments.durations[i]) > target) {
      overTargetCount++;
      if (overTarget < 0) overTarget = i;
    }
    if ((segments.flags[i] & EXPLICIT_PDT) !== 0) explicitPdt = true;
    if (tokenAt < 0 && (segments.flags[i] & TOKEN_IN_URI) !== 0) tokenAt = i;
  }
  const seconds = windowDuration(window);
  const tokenUri = tokenAt >= 0 ? segments.uris[tokenAt] : window.tagUriWithToken;
  return [
    {
      code: 'live-extinf-over-target',
      holds: overTarget >= 0,
      message: () => l10n.t('Segment {0} lasts {1} s, which rounds to more than the target duration of {2} s ({3} segment(s) of the window are over it): players may stall or reload too late. Keep segments within EXT-X-TARGETDURATION (align the GOP with the segment length).',
        segments.uris[overTarget], segments.durations[overTarget], target, overTargetCount),
    },
    {
      code: 'live-pdt-missing',
      holds: live && segmentCount(window) > 0 && !explicitPdt,
      message: () => l10n.t('This live variant has no EXT-X-PROGRAM-DATE-TIME, so glass-to-glass latency cannot be measured and renditions cannot be compared in time. Set ProgramDateTime to INCLUDE in the MediaLive HLS group.'),
    },
    {
      code: 'live-window-too-short',
      holds: live && slid && seconds < MIN_WINDOW_TARGET_DURATIONS * target,
      message: () => l10n.t('The playlist holds {0} s in {1} segments, less than three target durations ({2} s): players start too close to the live edge and stall. Keep more segments in the playlist (IndexNSegments in MediaLive).',
        round(seconds), segmentCount(window), MIN_WINDOW_TARGET_DURATIONS * target),
    },
    {
      code: 'live-token-in-uri',
      holds: tokenUri !== undefined,
      message: () => l10n.t('The URI {0} carries token=: every viewer who loads this playlist gets the encoder key. Publish with credentials mode (Username plus PasswordParam in the MediaLive destination), then revoke the key.', tokenUri ?? ''),
    },
  ];
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
