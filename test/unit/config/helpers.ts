import { analyzeConfig } from '../../../src/config/analyzeConfig';
import type { LiveOriginConfig } from '../../../src/config/model';
import { renderConfig, scaffoldConfig, type ScaffoldAnswers } from '../../../src/config/scaffold';

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

export { analyzeConfig };
export { applyEdits, codes, textOf } from '../findingText';

/** Something shaped like a Momento key, assembled at run time so no key-like literal sits in the repo. */
export function fakeKey(): string {
  return ['ey', 'J', 'hcGlfa2V5IjoiZmFrZS1mb3ItdGVzdHMtb25seSJ9'].join('') + 'x'.repeat(12);
}
