// What the inspector refuses to read, before any splitting: too large, too many lines, not a playlist.
import * as l10n from '@vscode/l10n';
import type { LiveLimits } from './limits';
import { bodyLength, bodyText } from './liveFetch';

type GuardLimits = Pick<LiveLimits, 'maxPlaylistBytes' | 'maxPlaylistLines'>;

/** The body as text, unless it is too large to decode (a fetch may ignore the byte cap it was given). */
export function playlistText(body: Uint8Array | string, limits: GuardLimits): { text: string } | { problem: string } {
  const length = bodyLength(body);
  if (length > limits.maxPlaylistBytes) return { problem: tooLarge(length, limits) };
  return { text: bodyText(body) };
}

function tooLarge(length: number, limits: GuardLimits): string {
  return l10n.t('The playlist is {0} bytes long, over the inspector\'s limit of {1}; it was not read.', length, limits.maxPlaylistBytes);
}

/** Why `text` cannot be read as a playlist at all, or undefined. */
export function unreadablePlaylist(text: string, limits: GuardLimits): string | undefined {
  if (text.length > limits.maxPlaylistBytes) return tooLarge(text.length, limits);
  if (!/^\uFEFF?#EXTM3U/.test(text)) return l10n.t('The response does not start with #EXTM3U: it is not an HLS playlist.');
  return undefined;
}

/** Why splitting `text` into lines would cost too much, or undefined. */
export function tooManyLines(text: string, limits: GuardLimits): string | undefined {
  if (countLines(text, limits.maxPlaylistLines) <= limits.maxPlaylistLines) return undefined;
  return l10n.t('The playlist has more than {0} lines, over the inspector\'s limit; it was not read.', limits.maxPlaylistLines);
}

/** Line breaks in `text`; counting stops just past `max`. */
function countLines(text: string, max: number): number {
  const count = (breakChar: string) => {
    let lines = 0;
    for (let at = text.indexOf(breakChar); at >= 0 && lines <= max; at = text.indexOf(breakChar, at + 1)) lines++;
    return lines;
  };
  return Math.max(count('\n'), count('\r'));
}
