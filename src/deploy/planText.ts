// How a plan and an apply report read: the text of the plan document and of `live-origin plan`,
// and the JSON scripts rely on. Values are the plan's, already masked where secret. Pure.
import type { ApplyReport, StepStatus } from './apply';
import type { Json } from './fieldDiff';
import type { PlannedChange } from './plan';

const SYMBOL: Record<PlannedChange['action'], string> = {
  create: '+', update: '~', replace: '-/+', delete: '-', 'no-change': '=',
};

function value(json: Json | undefined): string {
  if (json === undefined) return '(unset)';
  const text = JSON.stringify(json);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

export function planText(changes: readonly PlannedChange[], target: string): string {
  const counts = new Map<string, number>();
  for (const change of changes) counts.set(change.action, (counts.get(change.action) ?? 0) + 1);
  const lines = [`Plan for ${target}:`, ''];
  for (const change of changes) {
    lines.push(`${SYMBOL[change.action].padEnd(3)} ${change.service} ${change.resource} ${change.name}: ${change.action}`);
    for (const field of change.fields) {
      lines.push(change.action === 'create' ? `      ${field.path} = ${value(field.to)}` : `      ${field.path}: ${value(field.from)} -> ${value(field.to)}`);
    }
    if (change.note) lines.push(`      note: ${change.note}`);
  }
  const summary = ['create', 'update', 'replace', 'delete', 'no-change'].filter((action) => counts.has(action)).map((action) => `${counts.get(action)} ${action}`);
  lines.push('', changes.some((change) => change.action !== 'no-change') ? `Changes: ${summary.join(', ')}.` : 'No changes: everything matches live-origin.json.');
  return `${lines.join('\n')}\n`;
}

/** The documented JSON of a plan: `{changes: [{service, resource, name, action, fields}]}`. */
export function planJson(changes: readonly PlannedChange[]): { changes: Pick<PlannedChange, 'service' | 'resource' | 'name' | 'action' | 'fields'>[] } {
  return { changes: changes.map(({ service, resource, name, action, fields }) => ({ service, resource, name, action, fields })) };
}

const STATUS_TEXT: Record<StepStatus, string> = {
  done: 'done', unchanged: 'no change', failed: 'FAILED', 'not-attempted': 'not attempted', pending: 'pending', cancelled: 'cancelled',
};

export function reportText(report: ApplyReport): string {
  const lines = report.steps.map(({ change, status, message, id }) => {
    const what = `${change.service} ${change.resource} ${change.name}${id && id !== change.name ? ` [${id}]` : ''}`;
    return `${STATUS_TEXT[status].padEnd(13)} ${change.action.padEnd(9)} ${what}${message ? `: ${message}` : ''}`;
  });
  const failed = report.steps.find((step) => step.status === 'failed');
  if (failed) {
    const exists = report.steps.filter((step) => step.status === 'done' || step.status === 'unchanged' || (step.change.action !== 'create' && step.status !== 'failed'));
    const missing = report.steps.filter((step) => step.change.action === 'create' && step.status !== 'done');
    lines.push('', `Exists now: ${exists.map((step) => `${step.change.resource} ${step.change.name}`).join(', ') || 'nothing'}.`);
    lines.push(`Does not exist yet: ${missing.map((step) => `${step.change.resource} ${step.change.name}`).join(', ') || 'nothing'}.`);
    lines.push('Fix the cause and apply again: what exists is found again, nothing is created twice.');
  }
  return `${lines.join('\n')}\n`;
}

export function reportJson(report: ApplyReport) {
  return {
    steps: report.steps.map(({ change, status, message, id }) => ({
      service: change.service, resource: change.resource, name: change.name, action: change.action, status, id, message,
    })),
  };
}
