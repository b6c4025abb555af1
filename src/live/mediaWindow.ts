// A media playlist as the inspector keeps it: its header and one entry per segment, in parallel
// arrays (a 24-hour window holds 43,200 segments), with each segment's end offset in the text so
// that the next reload can be compared against it instead of read again.
import { extinfDuration } from '../hls/extinf';
import { nextLineStart, type PlaylistLine, type TagLine } from '../hls/playlistLines';
import { tokenValueSpans } from '../hls/tokenParams';
import { decimalInteger } from '../hls/values';

export const DISCONTINUITY = 1;
/** The segment has its own EXT-X-PROGRAM-DATE-TIME (others get one extrapolated from it). */
export const EXPLICIT_PDT = 2;
export const TOKEN_IN_URI = 4;

export interface Segments {
  uris: string[];
  /** Seconds; NaN when the EXTINF is missing or unreadable. */
  durations: number[];
  /** Program date time in epoch milliseconds; NaN when unknown. */
  pdts: number[];
  flags: number[];
  /** Offset just past each segment's URI line in the window's text. */
  ends: number[];
}

export interface PlaylistHeader {
  targetDuration?: number;
  mediaSequence: number;
  discontinuitySequence: number;
}

export interface MediaWindow {
  text: string;
  header: PlaylistHeader;
  endList: boolean;
  /** EXT-X-MAP: fragmented MP4 segments, which are not MPEG-TS. */
  hasMap: boolean;
  /** The first EXT-X-KEY or EXT-X-MAP URI seen with token= in it. */
  tagUriWithToken?: string;
  segments: Segments;
  /** Offset just past the last segment's URI line. */
  segmentsEnd: number;
}

export function segmentCount(window: MediaWindow): number {
  return window.segments.uris.length;
}

/** The media sequence number of the newest segment (the live point), or undefined when empty. */
export function lastSequence(window: MediaWindow): number | undefined {
  const count = segmentCount(window);
  return count === 0 ? undefined : window.header.mediaSequence + count - 1;
}

export function indexOfSequence(window: MediaWindow, sequence: number): number | undefined {
  const index = sequence - window.header.mediaSequence;
  return index >= 0 && index < segmentCount(window) ? index : undefined;
}

/** Reads lines into a window, segment by segment; it can resume where an earlier read stopped. */
export class SegmentReader {
  readonly header: PlaylistHeader = { mediaSequence: 0, discontinuitySequence: 0 };
  readonly segments: Segments = { uris: [], durations: [], pdts: [], flags: [], ends: [] };
  endList = false;
  hasMap = false;
  tagUriWithToken?: string;
  segmentsEnd = 0;
  /** Set when more than `maxSegments` segments were read; reading stops there. */
  overflow = false;
  private duration = Number.NaN;
  private pdt = Number.NaN;
  private pendingFlags = 0;
  /** The program date time the next segment inherits from the one before it. */
  private inheritedPdt = Number.NaN;

  constructor(private readonly maxSegments: number) {}

  /**
   * Appends segments another read produced, their end offsets moved by `shift`. Dates that were
   * extrapolated are extrapolated again from this read's segments, as a full read would.
   */
  adopt(from: Segments, start: number, shift: number): void {
    const { uris, durations, pdts, flags, ends } = this.segments;
    const base = uris.length;
    const count = Math.max(0, from.uris.length - start);
    for (const list of [uris, durations, pdts, flags, ends]) list.length = base + count;
    for (let i = 0; i < count; i++) {
      const j = start + i;
      const k = base + i;
      uris[k] = from.uris[j];
      durations[k] = from.durations[j];
      pdts[k] = this.dateOf(from.flags[j], from.pdts[j]);
      flags[k] = from.flags[j];
      ends[k] = from.ends[j] + shift;
      this.inheritedPdt = pdts[k] + durations[k] * 1000;
    }
    if (uris.length > 0) this.segmentsEnd = ends[ends.length - 1];
    this.overflow ||= uris.length > this.maxSegments;
  }

  /** A segment's own date, else the one it inherits; after a discontinuity only its own date counts. */
  private dateOf(flags: number, explicitPdt: number): number {
    if ((flags & EXPLICIT_PDT) !== 0) return explicitPdt;
    return (flags & DISCONTINUITY) !== 0 ? Number.NaN : this.inheritedPdt;
  }

  /** `lines` were split from `text`, which starts at `base` in the whole playlist. */
  read(lines: readonly PlaylistLine[], text: string, base: number): void {
    for (const line of lines) {
      if (this.overflow) return;
      if (line.kind === 'tag') this.tag(line);
      else if (line.kind === 'uri') this.segment(line.uri, base + nextLineStart(text, line));
    }
  }

  private tag(line: TagLine): void {
    switch (line.name) {
      case 'EXTINF':
        this.duration = extinfDuration(line).seconds ?? Number.NaN;
        break;
      case 'EXT-X-PROGRAM-DATE-TIME':
        this.pdt = Date.parse(line.value ?? '');
        this.pendingFlags |= EXPLICIT_PDT;
        break;
      case 'EXT-X-DISCONTINUITY':
        this.pendingFlags |= DISCONTINUITY;
        break;
      case 'EXT-X-TARGETDURATION':
        this.header.targetDuration = decimalInteger(line.value);
        break;
      case 'EXT-X-MEDIA-SEQUENCE':
        this.header.mediaSequence = safeInteger(line.value);
        break;
      case 'EXT-X-DISCONTINUITY-SEQUENCE':
        this.header.discontinuitySequence = safeInteger(line.value);
        break;
      case 'EXT-X-ENDLIST':
        this.endList = true;
        break;
      case 'EXT-X-MAP':
        this.hasMap = true;
        this.tagUri(line);
        break;
      case 'EXT-X-KEY':
        this.tagUri(line);
        break;
    }
  }

  private tagUri(line: TagLine): void {
    const uri = line.attributes?.attributes.find((attribute) => attribute.name === 'URI')?.value;
    if (uri !== undefined && this.tagUriWithToken === undefined && tokenValueSpans(uri).length > 0) this.tagUriWithToken = uri;
  }

  private segment(uri: string, end: number): void {
    const { uris, durations, pdts, flags, ends } = this.segments;
    if (uris.length >= this.maxSegments) {
      this.overflow = true;
      return;
    }
    const pdt = this.dateOf(this.pendingFlags, this.pdt);
    uris.push(uri);
    durations.push(this.duration);
    pdts.push(pdt);
    flags.push(this.pendingFlags | (tokenValueSpans(uri).length > 0 ? TOKEN_IN_URI : 0));
    ends.push(end);
    this.segmentsEnd = end;
    this.inheritedPdt = pdt + this.duration * 1000;
    this.duration = Number.NaN;
    this.pendingFlags = 0;
  }

  window(text: string): MediaWindow {
    const window: MediaWindow = {
      text,
      header: this.header,
      endList: this.endList,
      hasMap: this.hasMap,
      segments: this.segments,
      segmentsEnd: this.segmentsEnd,
    };
    if (this.tagUriWithToken !== undefined) window.tagUriWithToken = this.tagUriWithToken;
    return window;
  }
}

/** A media sequence number: a decimal integer within the range where arithmetic stays exact. */
function safeInteger(value: string | undefined): number {
  const number = decimalInteger(value);
  return number !== undefined && Number.isSafeInteger(number) ? number : 0;
}
