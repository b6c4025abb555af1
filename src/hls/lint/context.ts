// What every playlist lint rule receives, and the edits they share.
import type { Finding, TextEdit } from '../../findings/finding';
import type { KindDecision } from '../playlistKind';
import { nextLineStart, type PlaylistLine, type PlaylistLines, type TagLine } from '../playlistLines';

export interface LintContext {
  text: string;
  parsed: PlaylistLines;
  /** Every tag line, in order. */
  tags: TagLine[];
  kind: KindDecision;
  report(finding: Finding): void;
}

export type LintRule = (context: LintContext) => void;

export function firstTag(context: LintContext, name: string): TagLine | undefined {
  return context.tags.find((tag) => tag.name === name);
}

/** The first line when it is `#EXTM3U`. */
export function headerTag(context: LintContext): TagLine | undefined {
  const first = context.parsed.lines[0];
  return first?.index === 0 && first.kind === 'tag' && first.name === 'EXTM3U' ? first : undefined;
}

/** Inserts `line` right after the `#EXTM3U` header, or at the start when there is none. */
export function insertLineAfterHeader(context: LintContext, line: string): TextEdit {
  const { text, parsed } = context;
  const header = headerTag(context);
  if (!header) return { offset: parsed.hasBom ? 1 : 0, length: 0, newText: line + parsed.eol };
  const next = nextLineStart(text, header);
  if (next === header.offset + header.length) return { offset: next, length: 0, newText: parsed.eol + line };
  return { offset: next, length: 0, newText: line + parsed.eol };
}

/** Removes a whole line with its line break, or with the break before it when it is the last line. */
export function deleteLine(context: LintContext, line: PlaylistLine): TextEdit {
  const { text } = context;
  const end = nextLineStart(text, line);
  let start = line.offset;
  if (end === line.offset + line.length) {
    if (text[start - 1] === '\n') start--;
    if (text[start - 1] === '\r') start--;
  }
  return { offset: start, length: end - start, newText: '' };
}

/** A short quote of user text for a message. */
export function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
