// Reading findings back against the text they were reported on, shared by the checkers' tests.
import type { Finding, TextEdit } from '../../src/findings/finding';

export function codes(findings: readonly Finding[]): string[] {
  return findings.map((finding) => finding.code);
}

export function textOf(text: string, finding: Finding): string {
  return text.slice(finding.offset, finding.offset + finding.length);
}

/** Applies non-overlapping edits, last first, so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.offset - a.offset)
    .reduce((result, edit) => result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length), text);
}
