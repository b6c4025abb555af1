// `live-origin plan|apply <file>`: live-origin.json made real in Momento, SSM, MediaLive and
// CloudFront, the way `terraform plan` / `apply` do it. Keys come from the environment only.
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { applyPlan, type ApplyReport } from '../deploy/apply';
import { desiredState } from '../deploy/desired';
import { ConfigHasErrors, loadDeployConfig } from '../deploy/loadConfig';
import { makePlan } from '../deploy/observe';
import { hasChanges } from '../deploy/plan';
import { planJson, planText, reportJson, reportText } from '../deploy/planText';
import type { TargetKind } from '../cloud/target';
import { ACCOUNT_KEY_ENV, cliCloudFailure, resolveCliTarget } from './cliTarget';
import { CliFailure } from './failure';
import { parseServiceOptions } from './options';

export const ENCODER_KEY_ENV = 'LIVE_ORIGIN_ENCODER_KEY';
export const PLAYER_KEY_ENV = 'LIVE_ORIGIN_PLAYER_KEY';

/** Exit statuses of plan and apply, besides 2 (usage, expected failure) and 3 (bug). */
export const DEPLOY_EXIT = { noChanges: 0, failed: 1, changes: 4, pending: 5 } as const;

export const DEPLOY_USAGE = `  live-origin plan <live-origin.json> [--target aws|sandbox] [--format text|json]
                                                   what apply would change, resource by resource
  live-origin apply <live-origin.json> [--target aws|sandbox] [--format text|json] [--yes] [--stop-running]
                                                   make it so (asks first unless --yes; a running
                                                   channel is stopped for an update only with
                                                   --stop-running or when you answer yes)
                                                   keys from ${ACCOUNT_KEY_ENV}, ${ENCODER_KEY_ENV}, ${PLAYER_KEY_ENV}
                                                   exit 0 no changes, 4 changes made (apply) or
                                                   present (plan), 5 changes still pending, 1 failed`;

export interface DeployArgs {
  command: 'plan' | 'apply';
  file: string;
  target: TargetKind;
  format: 'text' | 'json';
  yes: boolean;
  stopRunning: boolean;
}

export function parseDeployArgs(command: 'plan' | 'apply', args: string[], usageError: (message: string) => Error): DeployArgs {
  const { positional, flags, target, format } = parseServiceOptions(args, command === 'apply' ? ['--yes', '-y', '--stop-running'] : [], usageError);
  if (positional.length !== 1) throw usageError(`${command} takes exactly one live-origin.json.`);
  return { command, file: positional[0], target, format, yes: flags.has('--yes') || flags.has('-y'), stopRunning: flags.has('--stop-running') };
}

function requiredEnv(name: string, what: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new CliFailure(`${what} needs ${name} in the environment.`);
  return value;
}

async function ask(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

function exitOf(report: ApplyReport): number {
  if (report.steps.some((step) => step.status === 'failed' || step.status === 'not-attempted')) return DEPLOY_EXIT.failed;
  if (report.steps.some((step) => step.status === 'pending' || step.status === 'cancelled')) return DEPLOY_EXIT.pending;
  return report.steps.some((step) => step.status === 'done') ? DEPLOY_EXIT.changes : DEPLOY_EXIT.noChanges;
}

export async function runDeploy(args: DeployArgs): Promise<number> {
  let text: string;
  try {
    text = await readFile(args.file, 'utf8');
  } catch (error) {
    throw new CliFailure(`Cannot read ${args.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  let config;
  try {
    config = loadDeployConfig(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (error instanceof ConfigHasErrors) throw new CliFailure(`${error.message} (see \`live-origin check ${args.file}\`)`);
    throw error;
  }
  const keys = {
    encoderKey: requiredEnv(ENCODER_KEY_ENV, 'Planning the SSM parameter and the channel destination'),
    playerKey: requiredEnv(PLAYER_KEY_ENV, 'Planning the CloudFront Authorization header'),
  };
  const accountKey = requiredEnv(ACCOUNT_KEY_ENV, 'Finding and creating the Momento namespace');
  const target = await resolveCliTarget(args.target);
  const { deployServices } = await import('../cloud/runtime');
  const services = deployServices(target, accountKey);
  try {
    const plan = await makePlan(desiredState(config, keys), services);
    const json = args.format === 'json';
    if (args.command === 'plan' || !hasChanges(plan)) {
      process.stdout.write(json ? `${JSON.stringify(planJson(plan.changes), null, 2)}\n` : planText(plan.changes, target.label));
      return hasChanges(plan) ? DEPLOY_EXIT.changes : DEPLOY_EXIT.noChanges;
    }
    if (!json) process.stdout.write(planText(plan.changes, target.label));
    if (!args.yes && !(await ask(`Apply these changes to ${target.label}?`))) {
      process.stderr.write(process.stdin.isTTY ? 'Nothing applied.\n' : 'Nothing applied: pass --yes to apply without a terminal to answer.\n');
      return DEPLOY_EXIT.pending;
    }
    const report = await applyPlan(plan, services, {
      confirmStop: async (name, state) => args.stopRunning || ask(`Channel ${name} is ${state}: stop it to update it, then start it again?`),
      onStep: json ? undefined : (change, index, total) => process.stderr.write(`[${index + 1}/${total}] ${change.service} ${change.resource} ${change.name}\n`),
    });
    process.stdout.write(json ? `${JSON.stringify({ plan: planJson(plan.changes), report: reportJson(report) }, null, 2)}\n` : `\n${reportText(report)}`);
    return exitOf(report);
  } catch (error) {
    throw await cliCloudFailure(error, target);
  }
}
