// A live playlist is stale when no segment has been added for more than 1.5 target durations
// (tied to the stream, unlike a fixed limit), when the origin's own clock says so (Last-Modified
// more than 3 target durations behind Date, Apple HLS authoring specification 8.24), or at once
// when a playlist that was live gains EXT-X-ENDLIST (an encoder that stops cleanly writes it).
import * as l10n from '@vscode/l10n';
import type { Condition } from './windowChecks';

export const STALE_TARGET_DURATIONS = 1.5;
export const LAST_MODIFIED_TARGET_DURATIONS = 3;

export interface StaleInput {
  now: number;
  /** When a reload last found a newer live point. */
  lastAdvance: number;
  targetDuration: number;
  /** The playlist now has EXT-X-ENDLIST. */
  endList: boolean;
  /** An earlier reload had no EXT-X-ENDLIST: the playlist was live while watched. */
  wasLive: boolean;
  lastModified?: string | null;
  date?: string | null;
}

export function staleCondition(input: StaleInput): Condition {
  const targetMs = input.targetDuration * 1000;
  const sinceAdvance = input.now - input.lastAdvance;
  const behind = Date.parse(input.date ?? '') - Date.parse(input.lastModified ?? '');
  const noNewSegment = sinceAdvance > STALE_TARGET_DURATIONS * targetMs;
  const headersBehind = behind > LAST_MODIFIED_TARGET_DURATIONS * targetMs;
  const ended = input.endList && input.wasLive;
  return {
    code: 'live-stale-playlist',
    holds: ended || (!input.endList && (noNewSegment || headersBehind)),
    message: () => {
      if (ended) return l10n.t('The live playlist ended with EXT-X-ENDLIST: the encoder stopped (channel stopped or its input lost), so no new segment will come.');
      return noNewSegment
        ? l10n.t('No new segment for {0} s, more than 1.5 target durations ({1} s): the encoder stopped writing (channel stopped or failing to PUT), or a cache serves an old copy (playlists must not be cached longer than a segment).', seconds(sinceAdvance), seconds(STALE_TARGET_DURATIONS * targetMs))
        : l10n.t('Last-Modified is {0} s behind Date, more than 3 target durations ({1} s): the origin serves a playlist the encoder stopped updating.', seconds(behind), seconds(LAST_MODIFIED_TARGET_DURATIONS * targetMs));
    },
  };
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}
