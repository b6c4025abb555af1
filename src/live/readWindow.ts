// Reads a media playlist into a window. On a reload it reads only what changed: when the segments
// the last reload listed from the new media sequence on are byte for byte the same text, they are
// carried over and only the lines after them are split (a 24-hour playlist gains one segment per
// reload, so the work no longer grows with the window). Anything else is read in full.
import * as l10n from '@vscode/l10n';
import { splitPlaylist } from '../hls/playlistLines';
import type { LiveLimits } from './limits';
import { indexOfSequence, SegmentReader, segmentCount, type MediaWindow } from './mediaWindow';
import { tooManyLines, unreadablePlaylist } from './playlistGuards';

export type WindowRead =
  | { ok: true; window: MediaWindow; /** Segments carried over from the last reload without reading them. */ carried: number }
  | { ok: false; problem: string };

type ReadLimits = Pick<LiveLimits, 'maxPlaylistBytes' | 'maxPlaylistLines' | 'maxSegments'>;

const LF = 10;
const CR = 13;
const HASH = 35;
/** A segment's own tags before its URI: more than this and the incremental path gives up. */
const MAX_LINES_PER_SEGMENT = 64;

export function readMediaWindow(text: string, limits: ReadLimits, previous?: MediaWindow): WindowRead {
  const unreadable = unreadablePlaylist(text, limits);
  if (unreadable) return { ok: false, problem: unreadable };
  if (previous && text === previous.text) return { ok: true, window: previous, carried: segmentCount(previous) };
  const incremental = previous ? readChanges(text, previous, limits) : undefined;
  const read = incremental ?? readAll(text, limits);
  if (!read.ok) return read;
  if (read.window.header.targetDuration === undefined) {
    return { ok: false, problem: l10n.t('The media playlist has no valid EXT-X-TARGETDURATION, so its reload cadence and durations cannot be checked.') };
  }
  return read;
}

function readAll(text: string, limits: ReadLimits): WindowRead {
  const problem = tooManyLines(text, limits);
  if (problem) return { ok: false, problem };
  const reader = new SegmentReader(limits.maxSegments);
  reader.read(splitPlaylist(text).lines, text, 0);
  if (reader.overflow) return tooManySegments(limits.maxSegments);
  return { ok: true, window: reader.window(text), carried: 0 };
}

function tooManySegments(maxSegments: number): WindowRead {
  return { ok: false, problem: l10n.t('The playlist lists more than {0} segments, over the inspector\'s limit; it was not read.', maxSegments) };
}

/** The incremental read, or undefined when the full read is needed. */
function readChanges(text: string, previous: MediaWindow, limits: ReadLimits): WindowRead | undefined {
  const firstExtinf = text.indexOf('#EXTINF');
  if (firstExtinf < 0) return undefined;
  const firstEnd = endOfSegmentAt(text, firstExtinf);
  if (firstEnd === undefined) return undefined;
  const reader = new SegmentReader(limits.maxSegments);
  const head = detached(text.slice(0, firstEnd));
  reader.read(splitPlaylist(head).lines, head, 0);
  if (reader.segments.uris.length !== 1 || reader.endList) return undefined;

  const index = indexOfSequence(previous, reader.header.mediaSequence);
  if (index === undefined) return undefined;
  const old = previous.segments;
  const [uri] = reader.segments.uris;
  const [duration] = reader.segments.durations;
  if (uri !== old.uris[index] || !sameNumber(duration, old.durations[index])) return undefined;

  // An old last line without its line break would end elsewhere in the new text.
  const lastBreak = previous.text.charCodeAt(previous.segmentsEnd - 1);
  if (lastBreak !== LF && lastBreak !== CR) return undefined;
  const oldFrom = old.ends[index];
  const sharedLength = previous.segmentsEnd - oldFrom;
  const sharedEnd = firstEnd + sharedLength;
  if (sharedEnd > text.length || text.substring(firstEnd, sharedEnd) !== previous.text.substring(oldFrom, previous.segmentsEnd)) return undefined;

  reader.adopt(old, index + 1, firstEnd - oldFrom);
  reader.segmentsEnd = sharedEnd;
  if (previous.hasMap) reader.hasMap = true;
  reader.tagUriWithToken ??= previous.tagUriWithToken;
  const tail = detached(text.slice(sharedEnd));
  if (tooManyLines(tail, limits)) return undefined;
  reader.read(splitPlaylist(tail).lines, tail, sharedEnd);
  if (reader.overflow) return tooManySegments(limits.maxSegments);
  return { ok: true, window: reader.window(text), carried: old.uris.length - index - 1 };
}

/**
 * A copy of a part of the playlist that does not point into the whole text. V8 keeps a slice's
 * parent string alive, and the URIs read from a reload's new lines stay in the window as long as
 * their segments do: without the copy every reload's full text (3.5 MB for 24 hours) stayed with
 * them. Concatenating and slicing again flattens into a new string of this part alone, code unit
 * for code unit (a byte-order mark or a lone surrogate included).
 */
function detached(part: string): string {
  return ` ${part}`.slice(1);
}

function sameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** Offset just past the URI line of the segment whose tags include the line at `from`. */
function endOfSegmentAt(text: string, from: number): number | undefined {
  let start = from;
  for (let line = 0; line < MAX_LINES_PER_SEGMENT && start < text.length; line++) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR) end++;
    const next = text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? end + 2 : Math.min(end + 1, text.length);
    if (isUriLine(text, start, end)) return next;
    start = next;
  }
  return undefined;
}

/** As the tokenizer classifies lines: not blank, and not starting with `#`. */
function isUriLine(text: string, start: number, end: number): boolean {
  if (start >= end || text.charCodeAt(start) === HASH) return false;
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 32 && ch !== 9) return true;
  }
  return false;
}
