// Plan and apply as the editor runs them: the plan shown before anything changes, then applied
// with progress, cancellable between steps, a running channel stopped only when the user says so.
// Loaded on first use from dist/features.js.
import * as vscode from 'vscode';
import { applyPlan, type ApplyReport } from '../../deploy/apply';
import { desiredState } from '../../deploy/desired';
import { ConfigHasErrors, loadDeployConfig } from '../../deploy/loadConfig';
import { makePlan as planAgainst } from '../../deploy/observe';
import { hasChanges, type DeployPlan } from '../../deploy/plan';
import { planJson, planText, reportJson, reportText } from '../../deploy/planText';
import type { DeployServices } from '../../deploy/services';
import { cloud } from '../cloud';
import type { KeyStore } from '../keys/keyStore';
import type { TargetController } from '../target/targetController';
import { explainFailure } from '../tree/explain';
import { workspaceLiveOrigin } from '../workspaceConfig';
import type { ApplyArgs, PlanArgs } from './deployCommands';
import type { PlanDocuments } from './planDocument';

export interface DeployDeps {
  targets: TargetController;
  keyStore: KeyStore;
  log: () => vscode.LogOutputChannel;
  documents: PlanDocuments;
}

const KEY_COMMANDS = { encoder: 'momentoLive.keys.setEncoder', player: 'momentoLive.keys.setPlayer', account: 'momentoLive.keys.setAccount' } as const;

/** A reason the command cannot run, with the command that fixes it. */
class Blocked extends Error {
  constructor(message: string, readonly fix?: { title: string; command: string }) {
    super(message);
  }
}

async function makePlan({ targets, keyStore }: DeployDeps, args: PlanArgs | undefined): Promise<{ plan: DeployPlan; label: string; services: DeployServices }> {
  const config = await workspaceLiveOrigin(args?.file);
  if (!config) throw new Blocked(vscode.l10n.t('No live-origin.json in this workspace: create one with Momento Live: Create live-origin.json.'), { title: vscode.l10n.t('Create live-origin.json'), command: 'momentoLive.createConfig' });
  const resolved = await targets.resolve();
  if (!resolved.ok) throw new Blocked(resolved.message);
  const { target } = resolved;
  const [encoderKey, playerKey, accountKey] = await Promise.all([
    keyStore.get({ role: 'encoder', keyNames: config.keyNames }),
    keyStore.get({ role: 'player', keyNames: config.keyNames }),
    keyStore.get({ role: 'account', target: target.kind }),
  ]);
  const missing = !accountKey ? 'account' : !encoderKey ? 'encoder' : !playerKey ? 'player' : undefined;
  if (missing) {
    throw new Blocked(vscode.l10n.t('The plan needs the {0} key, which is not set for {1}.', missing, target.label), { title: vscode.l10n.t('Set the {0} key', missing), command: KEY_COMMANDS[missing] });
  }
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(config.uri));
  let parsed;
  try {
    parsed = loadDeployConfig(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (!(error instanceof ConfigHasErrors)) throw error;
    throw new Blocked(vscode.l10n.t('live-origin.json has errors; fix them before planning: {0}', error.errors.map((finding) => finding.code).join(', ')), { title: vscode.l10n.t('Show Problems'), command: 'workbench.actions.view.problems' });
  }
  const services = (await cloud()).deployServices(target, accountKey!);
  return { plan: await planAgainst(desiredState(parsed, { encoderKey: encoderKey!, playerKey: playerKey! }), services), label: target.label, services };
}

async function report(deps: DeployDeps, error: unknown): Promise<undefined> {
  const message = error instanceof Blocked ? error.message : await explainFailure(error);
  deps.log().warn(message);
  const fix = error instanceof Blocked ? error.fix : undefined;
  const chosen = await vscode.window.showErrorMessage(message, ...(fix ? [fix.title] : []));
  if (fix && chosen === fix.title) await vscode.commands.executeCommand(fix.command);
  return undefined;
}

export async function planCommand(deps: DeployDeps, args?: PlanArgs) {
  try {
    const { plan, label } = await makePlan(deps, args);
    await deps.documents.show(label, planText(plan.changes, label));
    return planJson(plan.changes);
  } catch (error) {
    return report(deps, error);
  }
}

export async function applyCommand(deps: DeployDeps, args?: ApplyArgs) {
  try {
    const { plan, label, services } = await makePlan(deps, args);
    const text = planText(plan.changes, label);
    await deps.documents.show(label, text);
    if (!hasChanges(plan)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No changes: {0} matches live-origin.json.', label));
      return { plan: planJson(plan.changes), report: { steps: [] } };
    }
    const count = plan.changes.filter((change) => change.action !== 'no-change').length;
    const apply = vscode.l10n.t('Apply');
    if (!args?.yes && await vscode.window.showWarningMessage(vscode.l10n.t('Apply {0} changes to {1}?', count, label), { modal: true, detail: vscode.l10n.t('The plan is shown beside the editor.') }, apply) !== apply) {
      return undefined;
    }
    const result: ApplyReport = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Applying live-origin.json to {0}', label), cancellable: true },
      (progress, token) => applyPlan(plan, services, {
        isCancelled: () => token.isCancellationRequested,
        onStep: (change, index, total) => progress.report({ message: `${change.service} ${change.resource} ${change.name}`, increment: index === 0 ? 0 : 100 / total }),
        confirmStop: async (name, state) => {
          if (args?.stopRunning !== undefined) return args.stopRunning;
          const stop = vscode.l10n.t('Stop and Update');
          return await vscode.window.showWarningMessage(vscode.l10n.t('Channel {0} is {1}. Stop it to apply the changes, then start it again?', name, state), { modal: true }, stop) === stop;
        },
      }),
    );
    const reportBody = reportText(result);
    deps.log().info(`apply to ${label}:\n${reportBody}`);
    await deps.documents.show(label, `${text}\n${vscode.l10n.t('Result:')}\n${reportBody}`);
    await vscode.commands.executeCommand('momentoLive.explorer.refresh');
    const failed = result.steps.find((step) => step.status === 'failed');
    const pending = result.steps.filter((step) => step.status === 'pending' || step.status === 'cancelled');
    if (failed) void vscode.window.showErrorMessage(vscode.l10n.t('Apply stopped at the {0}: {1}. Apply again once it is fixed; what exists is reused.', failed.change.resource, failed.message ?? ''));
    else if (pending.length > 0) void vscode.window.showWarningMessage(vscode.l10n.t('Applied, but {0} change(s) still wait: see the plan document.', pending.length));
    else void vscode.window.showInformationMessage(vscode.l10n.t('Applied live-origin.json to {0}.', label));
    return { plan: planJson(plan.changes), report: reportJson(result) };
  } catch (error) {
    return report(deps, error);
  }
}
