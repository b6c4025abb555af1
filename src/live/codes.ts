// Every code the live manifest inspector reports, with its one-line meaning (README, `live-origin codes`)
// and its severity.
import type { Severity } from '../findings/finding';

const MEANINGS = {
  'live-fetch-failed': 'A playlist or segment request failed (HTTP status or network error); 401/403 point at the key\'s access level, 404 at a stopped channel or a wrong destination path.',
  'live-playlist-invalid': 'A response is not a usable HLS playlist (no #EXTM3U, a media playlist without EXT-X-TARGETDURATION, or over the inspector\'s size or line limits).',
  'live-stale-playlist': 'No new segment for more than 1.5 target durations, a live playlist that ended (EXT-X-ENDLIST), or Last-Modified more than 3 target durations behind Date.',
  'live-media-sequence-regressed': 'EXT-X-MEDIA-SEQUENCE went backwards between two reloads.',
  'live-segment-uri-changed': 'A media sequence number now has another URI or duration than in an earlier reload.',
  'live-playlist-shrunk': 'The playlist kept its media sequence but lists fewer segments than before.',
  'live-discontinuity-sequence': 'EXT-X-DISCONTINUITY-SEQUENCE did not advance by the discontinuities that left the window.',
  'live-window-too-short': 'A sliding live playlist holds less than three target durations (RFC 8216 6.2.2).',
  'live-extinf-over-target': 'A segment duration, rounded to the nearest integer, exceeds EXT-X-TARGETDURATION (RFC 8216 4.3.3.1).',
  'live-pdt-missing': 'A live variant has no EXT-X-PROGRAM-DATE-TIME, so glass-to-glass latency cannot be measured.',
  'live-renditions-out-of-step': 'Two renditions disagree on the live point by more than one target duration (media sequence or program date time).',
  'live-bitrate-over-declared': 'Measured peak segment bitrate is above 125% of BANDWIDTH, or the average above 110% of AVERAGE-BANDWIDTH.',
  'live-segment-not-ts': 'A fetched segment is not MPEG-TS (no 0x47 sync byte every 188 bytes).',
  'live-segment-too-large': 'A segment is larger than Momento\'s 10 MB object limit.',
  'live-token-in-uri': 'A URI the origin serves carries token=: the encoder key is exposed to every viewer.',
} as const;

export type LiveCode = keyof typeof MEANINGS;

export const LIVE_CODES: Readonly<Record<LiveCode, string>> = MEANINGS;

export const LIVE_SEVERITIES: Readonly<Record<LiveCode, Severity>> = {
  'live-fetch-failed': 'error',
  'live-playlist-invalid': 'error',
  'live-stale-playlist': 'error',
  'live-media-sequence-regressed': 'error',
  'live-segment-uri-changed': 'error',
  'live-playlist-shrunk': 'error',
  'live-discontinuity-sequence': 'error',
  'live-window-too-short': 'warning',
  'live-extinf-over-target': 'error',
  'live-pdt-missing': 'warning',
  'live-renditions-out-of-step': 'warning',
  'live-bitrate-over-declared': 'warning',
  'live-segment-not-ts': 'error',
  'live-segment-too-large': 'error',
  'live-token-in-uri': 'warning',
};
