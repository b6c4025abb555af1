// What `verify` reports: the guide's six troubleshooting steps, each passed, failed or skipped
// (a later step that needs what a failed one would have fetched), with what was fetched and why
// it likely failed. The JSON output of `live-origin verify` is this shape.
import * as l10n from '@vscode/l10n';

export const STEP_IDS = ['origin-master', 'origin-variants', 'origin-live-point', 'cdn-master', 'cdn-variants', 'cdn-live-point'] as const;
export type StepId = (typeof STEP_IDS)[number];
export type StepStatus = 'pass' | 'fail' | 'skip';

/** Where to fix a failure: a live-origin.json setting (dotted path), a finding code, or a command. */
export interface VerifyFix {
  setting?: string;
  finding?: string;
  /** An editor command id (the command line says the same in words among the causes). */
  command?: string;
}

export interface StepResult {
  id: StepId;
  title: string;
  status: StepStatus;
  /** What was fetched last in this step, with any token= value redacted. */
  url?: string;
  httpStatus?: number;
  detail: string;
  causes: string[];
  fix?: VerifyFix;
}

export interface VerifyReport {
  steps: StepResult[];
}

export function stepTitle(id: StepId): string {
  switch (id) {
    case 'origin-master': return l10n.t('Master playlist from the origin, with the player key');
    case 'origin-variants': return l10n.t('Every variant playlist from the origin');
    case 'origin-live-point': return l10n.t('Live point segment from the origin is MPEG-TS and advancing');
    case 'cdn-master': return l10n.t('Master playlist through CloudFront, without a key');
    case 'cdn-variants': return l10n.t('Every variant playlist through CloudFront');
    case 'cdn-live-point': return l10n.t('Live point segment through CloudFront is MPEG-TS and advancing');
  }
}

/** 0 when every step passed, 1 when one failed (skipped steps follow a failure). */
export function exitCodeOf(report: VerifyReport): number {
  return report.steps.every((step) => step.status === 'pass') ? 0 : 1;
}
