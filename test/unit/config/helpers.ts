import { analyzeConfig } from '../../../src/config/analyzeConfig';
import type { LiveOriginConfig } from '../../../src/config/model';
import { renderConfig, scaffoldConfig, type ScaffoldAnswers } from '../../../src/config/scaffold';
import type { Finding, TextEdit } from '../../../src/findings/finding';

export const GUIDE_ANSWERS: ScaffoldAnswers = {
  namespace: 'live-origin',
  momentoRegion: 'us-west-2',
  awsRegion: 'us-west-2',
  ladderPreset: 'guide',
  segmentLengthSeconds: 2,
  ttlSeconds: 3600,
  publishMode: 'credentials',
};

/** A fresh copy of the scaffolded guide workflow, which has no findings. */
export function guideConfig(overrides: Partial<ScaffoldAnswers> = {}): LiveOriginConfig {
  return JSON.parse(renderConfig(scaffoldConfig({ ...GUIDE_ANSWERS, ...overrides }))) as LiveOriginConfig;
}

export function render(config: unknown): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

export function codes(findings: readonly Finding[]): string[] {
  return findings.map((finding) => finding.code);
}

export function textOf(text: string, finding: Finding): string {
  return text.slice(finding.offset, finding.offset + finding.length);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.offset - a.offset)
    .reduce((result, edit) => result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length), text);
}

export { analyzeConfig };

/** Something shaped like a Momento key, assembled at run time so no key-like literal sits in the repo. */
export function fakeKey(): string {
  return ['ey', 'J', 'hcGlfa2V5IjoiZmFrZS1mb3ItdGVzdHMtb25seSJ9'].join('') + 'x'.repeat(12);
}
