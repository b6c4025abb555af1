// A verify report as text, for the terminal and the editor's read-only document.
import * as l10n from '@vscode/l10n';
import type { StepResult, VerifyReport } from './report';

const MARKS: Record<StepResult['status'], string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };

export function formatStep(step: StepResult, index: number): string {
  const lines = [`${index + 1}. [${MARKS[step.status]}] ${step.title}`];
  if (step.url) lines.push(`   GET ${step.url}${step.httpStatus === undefined ? '' : ` -> ${step.httpStatus}`}`);
  if (step.detail) lines.push(`   ${step.detail}`);
  for (const cause of step.causes) lines.push(`   - ${cause}`);
  const fix = [
    step.fix?.setting && l10n.t('setting {0} in live-origin.json', step.fix.setting),
    step.fix?.finding && l10n.t('finding {0}', step.fix.finding),
  ].filter(Boolean);
  if (fix.length > 0) lines.push(`   ${l10n.t('Fix: {0}', fix.join('; '))}`);
  return lines.join('\n');
}

export function formatReport(report: VerifyReport): string {
  const count = (status: StepResult['status']) => report.steps.filter((step) => step.status === status).length;
  const summary = l10n.t('{0} passed, {1} failed, {2} skipped', count('pass'), count('fail'), count('skip'));
  return `${report.steps.map(formatStep).join('\n\n')}\n\n${summary}\n`;
}
