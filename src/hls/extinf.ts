// Reads the duration of an EXTINF tag (`#EXTINF:<duration>,[<title>]`).
import type { TagLine } from './playlistLines';
import { decimalFloat } from './values';

export interface ExtinfDuration {
  /** The duration as written, up to the first comma. */
  text: string;
  offset: number;
  /** Seconds, when `text` is a decimal-floating-point number. */
  seconds?: number;
}

export function extinfDuration(tag: TagLine): ExtinfDuration {
  const value = tag.value ?? '';
  const comma = value.indexOf(',');
  const text = comma < 0 ? value : value.slice(0, comma);
  const seconds = decimalFloat(text);
  return seconds === undefined ? { text, offset: tag.valueOffset } : { text, offset: tag.valueOffset, seconds };
}

/** RFC 8216 4.3.3.1 compares each duration, rounded to the nearest integer, with the target duration. */
export function roundedSeconds(seconds: number): number {
  return Math.round(seconds);
}
