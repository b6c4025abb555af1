import assert from 'node:assert/strict';
import type { Finding } from '../../../src/findings/finding';
import { HLS_CODES } from '../../../src/hls/codes';
import { applyEdits } from '../findingText';

export { applyEdits, codes, textOf } from '../findingText';

export function withCode(findings: readonly Finding[], code: string): Finding[] {
  return findings.filter((finding) => finding.code === code);
}

export function applyFix(text: string, finding: Finding): string {
  assert.ok(finding.fix, `${finding.code} has no fix`);
  return applyEdits(text, finding.fix.edits);
}

/** The shape every finding must have, whatever the input. */
export function assertWellFormed(text: string, findings: readonly Finding[]): void {
  let previous = 0;
  for (const finding of findings) {
    const where = `${finding.code} at ${finding.offset}`;
    assert.ok(finding.code in HLS_CODES, `unknown code ${finding.code}`);
    assert.ok(['error', 'warning', 'info'].includes(finding.severity), where);
    assert.ok(finding.message.length > 0, where);
    assert.ok(Number.isInteger(finding.offset) && Number.isInteger(finding.length), where);
    assert.ok(finding.offset >= 0 && finding.length >= 0 && finding.offset + finding.length <= text.length, `${where}: range out of the text`);
    assert.ok(finding.offset >= previous, 'findings are sorted by offset');
    previous = finding.offset;
    if (!finding.fix) continue;
    assert.ok(finding.fix.title.length > 0, where);
    assert.ok(finding.fix.edits.length > 0, where);
    const edits = [...finding.fix.edits].sort((a, b) => a.offset - b.offset);
    let end = 0;
    for (const edit of edits) {
      assert.ok(edit.offset >= end && edit.length >= 0 && edit.offset + edit.length <= text.length, `${where}: fix edit out of range or overlapping`);
      end = edit.offset + edit.length;
    }
  }
}

/** xorshift32: a small deterministic generator, so a failing fuzz case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}
