// Splits an HLS playlist into typed lines with offsets: linear time, bounded work per line, never throws.
// Deliberately not m3u8-parser, which throws on some attribute lists and is quadratic on long ones.
import { MAX_ATTRIBUTES, parseAttributeList, type AttributeList } from './attributeList';
import { ATTRIBUTE_LIST_TAGS } from './tags';

export { MAX_ATTRIBUTES } from './attributeList';
export type { Attribute, AttributeList, AttributeProblem, AttributeProblemKind } from './attributeList';

/** Lines longer than this (in UTF-16 code units, terminator excluded) are reported, not parsed. */
export const MAX_LINE_LENGTH = 64 * 1024;

interface LineBase {
  /** Zero-based line number. */
  index: number;
  /** Offset of the line's first character (after the BOM on line 0). */
  offset: number;
  /** Length without the line terminator. */
  length: number;
}

export interface TagLine extends LineBase {
  kind: 'tag';
  /** The tag name without `#`, for example `EXT-X-VERSION` or `EXTINF`. */
  name: string;
  /** Text after the first `:`, trailing spaces and tabs removed; undefined when there is no `:`. */
  value?: string;
  /** Offset of `value`; for a tag without `:`, the end of the name. */
  valueOffset: number;
  /** Present for tags whose value is an attribute list (EXT-X-KEY, EXT-X-STREAM-INF, ...). */
  attributes?: AttributeList;
}

export interface UriLine extends LineBase {
  kind: 'uri';
  /** The URI, trailing spaces and tabs removed. */
  uri: string;
}

export interface CommentLine extends LineBase {
  kind: 'comment';
}

export interface OversizedLine extends LineBase {
  kind: 'oversized';
}

export type PlaylistLine = TagLine | UriLine | CommentLine | OversizedLine;

export interface PlaylistLines {
  /** The lines that hold something: blank lines (empty, or only spaces and tabs) are left out. */
  lines: PlaylistLine[];
  /** True when the text starts with U+FEFF; line 0 then starts at offset 1. */
  hasBom: boolean;
  /** The first line break found, to write new lines in the file's own style. */
  eol: '\n' | '\r\n' | '\r';
}

const LF = 10;
const CR = 13;
const HASH = 35;
const COLON = 58;
const SPACE = 32;
const TAB = 9;

export function splitPlaylist(text: string): PlaylistLines {
  const hasBom = text.charCodeAt(0) === 0xfeff;
  const lines: PlaylistLine[] = [];
  let eol: PlaylistLines['eol'] | undefined;
  let start = hasBom ? 1 : 0;
  let index = 0;
  const end = text.length;
  for (;;) {
    let stop = start;
    while (stop < end) {
      const ch = text.charCodeAt(stop);
      if (ch === LF || ch === CR) break;
      stop++;
    }
    const line = classify(text, index++, start, stop);
    if (line) lines.push(line);
    if (stop >= end) break;
    let next = stop + 1;
    if (text.charCodeAt(stop) === CR && text.charCodeAt(next) === LF) next++;
    eol ??= next - stop === 2 ? '\r\n' : text.charCodeAt(stop) === CR ? '\r' : '\n';
    start = next;
  }
  return { lines, hasBom, eol: eol ?? '\n' };
}

function classify(text: string, index: number, start: number, stop: number): PlaylistLine | undefined {
  const length = stop - start;
  if (length > MAX_LINE_LENGTH) return { kind: 'oversized', index, offset: start, length };
  let trimmed = stop;
  while (trimmed > start && isBlank(text.charCodeAt(trimmed - 1))) trimmed--;
  if (trimmed === start) return undefined;
  if (text.charCodeAt(start) !== HASH) {
    return { kind: 'uri', index, offset: start, length, uri: text.slice(start, trimmed) };
  }
  if (!text.startsWith('#EXT', start)) return { kind: 'comment', index, offset: start, length };
  return parseTag(text, index, start, stop, trimmed);
}

function parseTag(text: string, index: number, start: number, stop: number, trimmed: number): TagLine {
  let colon = start + 1;
  while (colon < trimmed && text.charCodeAt(colon) !== COLON) colon++;
  const name = text.slice(start + 1, colon);
  const tag: TagLine = { kind: 'tag', index, offset: start, length: stop - start, name, valueOffset: colon };
  if (colon >= trimmed) return tag;
  tag.valueOffset = colon + 1;
  tag.value = text.slice(colon + 1, trimmed);
  if (ATTRIBUTE_LIST_TAGS.has(name)) {
    tag.attributes = parseAttributeList(tag.value, tag.valueOffset, MAX_ATTRIBUTES);
  }
  return tag;
}

function isBlank(ch: number): boolean {
  return ch === SPACE || ch === TAB;
}

/** Where the line after `line` starts: past its line break, or the end of the text when it has none. */
export function nextLineStart(text: string, line: PlaylistLine): number {
  const end = line.offset + line.length;
  if (text.charCodeAt(end) === CR) return text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
  return text.charCodeAt(end) === LF ? end + 1 : end;
}

/** The span of a tag's `#NAME`. */
export function tagNameSpan(tag: TagLine): { offset: number; length: number } {
  return { offset: tag.offset, length: tag.name.length + 1 };
}
