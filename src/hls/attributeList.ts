// Parses an HLS attribute list (RFC 8216 section 4.2) in one linear pass, recording syntax problems instead of throwing.

export const MAX_ATTRIBUTES = 512;

export interface Attribute {
  name: string;
  nameOffset: number;
  /** The value as written, quotes included. */
  raw: string;
  /** The value without its surrounding quotes. */
  value: string;
  /** Offset of `raw`. */
  valueOffset: number;
  quoted: boolean;
}

export type AttributeProblemKind =
  | 'missing-equals'
  | 'empty-name'
  | 'unterminated-quote'
  | 'text-after-quote'
  | 'trailing-comma';

export interface AttributeProblem {
  kind: AttributeProblemKind;
  offset: number;
  length: number;
}

export interface AttributeList {
  attributes: Attribute[];
  problems: AttributeProblem[];
  /** True when the list holds more than `maxItems` entries; parsing stopped there. */
  truncated: boolean;
}

const COMMA = 44;
const EQUALS = 61;
const QUOTE = 34;

/**
 * Parses `text`, which starts at `offset` in the playlist. Every attribute and every problem
 * counts towards `maxItems`, so a line of commas stops as early as a line of attributes.
 */
export function parseAttributeList(text: string, offset: number, maxItems = MAX_ATTRIBUTES): AttributeList {
  const result: AttributeList = { attributes: [], problems: [], truncated: false };
  const end = text.length;
  if (end === 0) return result;
  let i = 0;
  let items = 0;
  const problem = (kind: AttributeProblemKind, start: number, length: number) => {
    result.problems.push({ kind, offset: offset + start, length });
  };
  while (i < end) {
    if (items >= maxItems) {
      result.truncated = true;
      return result;
    }
    items++;
    let j = i;
    while (j < end) {
      const ch = text.charCodeAt(j);
      if (ch === EQUALS || ch === COMMA) break;
      j++;
    }
    if (j === end || text.charCodeAt(j) === COMMA) {
      if (j === i) problem('empty-name', i, 1);
      else problem('missing-equals', i, j - i);
      if (j === end) return result;
      i = j + 1;
      if (i === end) problem('trailing-comma', j, 1);
      continue;
    }
    if (j === i) problem('empty-name', i, 1);
    const valueStart = j + 1;
    let valueEnd: number;
    let quoted = false;
    if (text.charCodeAt(valueStart) === QUOTE) {
      const close = text.indexOf('"', valueStart + 1);
      if (close < 0) {
        problem('unterminated-quote', valueStart, end - valueStart);
        valueEnd = end;
      } else {
        quoted = true;
        valueEnd = close + 1;
      }
    } else {
      const comma = text.indexOf(',', valueStart);
      valueEnd = comma < 0 ? end : comma;
    }
    const raw = text.slice(valueStart, valueEnd);
    result.attributes.push({
      name: text.slice(i, j),
      nameOffset: offset + i,
      raw,
      value: quoted ? raw.slice(1, -1) : raw,
      valueOffset: offset + valueStart,
      quoted,
    });
    let next = valueEnd;
    if (next < end && text.charCodeAt(next) !== COMMA) {
      const comma = text.indexOf(',', next);
      const stop = comma < 0 ? end : comma;
      problem('text-after-quote', next, stop - next);
      next = stop;
    }
    if (next >= end) return result;
    i = next + 1;
    if (i === end) problem('trailing-comma', next, 1);
  }
  return result;
}
