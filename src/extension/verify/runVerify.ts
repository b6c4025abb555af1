// "Verify live origin": the guide's troubleshooting steps against the workspace's live-origin.json
// and the selected target, with a cancellable progress notification, each step written to the log
// as it ends, the report in a read-only document, and a failed step's fix one click away.
import * as vscode from 'vscode';
import { liveHttpFetch } from '../../net/liveHttpFetch';
import { redactSecrets } from '../../cloud/redact';
import type { CloudTarget } from '../../cloud/target';
import { SET_PLAYER_KEY_COMMAND } from '../../verify/causes';
import { cdnTargetFor } from '../../verify/distribution';
import { formatReport, formatStep } from '../../verify/format';
import type { StepResult, VerifyReport } from '../../verify/report';
import { originMasterUrl, readVerifyConfig, type VerifyConfig } from '../../verify/target';
import { verify, type CdnTarget } from '../../verify/verify';
import { cloud } from '../cloud';
import { workspaceLiveOrigin } from '../workspaceConfig';
import { openAtSetting, showReport } from './reportDocument';
import type { VerifyDependencies } from './verifyCommand';

const PAGE_SIZE = 100;

/** The report, or undefined when verify could not start (the user was told why). */
export async function runVerifyCommand(deps: VerifyDependencies, subscriptions: vscode.Disposable[], file?: vscode.Uri): Promise<VerifyReport | undefined> {
  const workspace = await workspaceLiveOrigin(file);
  if (!workspace) {
    const create = vscode.l10n.t('Create live-origin.json');
    const answer = await vscode.window.showErrorMessage(vscode.l10n.t('Verify needs a live-origin.json in the workspace.'), create);
    if (answer === create) await vscode.commands.executeCommand('momentoLive.createConfig');
    return undefined;
  }
  const read = readVerifyConfig(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspace.uri)));
  if (!read.ok) {
    void vscode.window.showErrorMessage(read.problem);
    return undefined;
  }
  const key = await deps.keyStore.get({ role: 'player', keyNames: workspace.keyNames });
  if (!key) {
    const set = vscode.l10n.t('Set Player Key');
    const answer = await vscode.window.showErrorMessage(vscode.l10n.t('Verify reads the origin with the player key, and none is stored for this live-origin.json.'), set);
    if (answer === set) await vscode.commands.executeCommand(SET_PLAYER_KEY_COMMAND);
    return undefined;
  }
  const config = read.config;
  const resolved = await deps.targets.resolve();
  const report = await vscode.window.withProgress({
    location: vscode.ProgressLocation.Notification,
    title: vscode.l10n.t('Verifying the live origin'),
    cancellable: true,
  }, async (progress, token) => {
    const controller = new AbortController();
    const cancelled = token.onCancellationRequested(() => controller.abort());
    try {
      const cdn = resolved.ok ? await cdnTarget(resolved.target, config, deps) : { problem: resolved.message, causes: [] };
      const masterUrl = originMasterUrl(config);
      deps.log.info(vscode.l10n.t('Verifying {0} with the player key, then through CloudFront.', masterUrl));
      let index = 0;
      return await verify({ ...config, originMasterUrl: masterUrl, cdn }, {
        originFetch: liveHttpFetch({ authorization: { origin: new URL(masterUrl).origin, value: key } }),
        cdnFetch: liveHttpFetch(),
        replacePlayerKey: vscode.l10n.t('Replace it with "Momento Live: Set Player Key" (or mint new keys with "Momento Live: Mint Encoder and Player Keys").'),
        signal: controller.signal,
        onStep: (step) => {
          const line = formatStep(step, index++);
          if (step.status === 'fail') deps.log.error(line);
          else deps.log.info(line);
          progress.report({ message: step.title, increment: 100 / 6 });
        },
      });
    } finally {
      cancelled.dispose();
    }
  });
  await showReport(subscriptions, redactSecrets(formatReport(report), [key]));
  void offerFix(report, workspace.uri, deps);
  return report;
}

async function cdnTarget(target: CloudTarget, config: VerifyConfig, deps: VerifyDependencies): Promise<CdnTarget> {
  const runtime = await cloud();
  try {
    return await cdnTargetFor({
      list: (next) => runtime.listDistributions(target, PAGE_SIZE, next),
      config: (id) => runtime.distributionConfig(target, id),
    }, config, { sandboxEdge: target.kind === 'sandbox' ? deps.sandboxEdge() : undefined });
  } catch (error) {
    const described = runtime.describeAwsFailure(error, target.profile) ?? (error as Error).message;
    deps.log.error(vscode.l10n.t('Could not read the CloudFront distributions of {0}: {1}', target.label, described));
    return { problem: vscode.l10n.t('Could not read the CloudFront distributions of {0}: {1}', target.label, described), causes: [] };
  }
}

/** The outcome as a message; a failure offers its fix: the setting in live-origin.json, or the key command. */
async function offerFix(report: VerifyReport, file: vscode.Uri, deps: VerifyDependencies): Promise<void> {
  const failed: StepResult | undefined = report.steps.find((step) => step.status === 'fail');
  if (!failed) {
    if (report.steps.every((step) => step.status === 'pass')) void vscode.window.showInformationMessage(vscode.l10n.t('Live origin verified: all {0} steps passed.', report.steps.length));
    return;
  }
  const openSetting = failed.fix?.setting ? vscode.l10n.t('Open {0}', failed.fix.setting) : undefined;
  const setKey = failed.fix?.command === SET_PLAYER_KEY_COMMAND ? vscode.l10n.t('Set Player Key') : undefined;
  const showLog = vscode.l10n.t('Show Log');
  const actions = [openSetting, setKey, showLog].filter((action): action is string => action !== undefined);
  const answer = await vscode.window.showErrorMessage(vscode.l10n.t('Verify failed at step {0}, {1}: {2}', report.steps.indexOf(failed) + 1, failed.title, failed.causes[0] ?? failed.detail), ...actions);
  if (answer === undefined) return;
  if (answer === openSetting) await openAtSetting(file, failed.fix!.setting!);
  else if (answer === setKey) await vscode.commands.executeCommand(SET_PLAYER_KEY_COMMAND);
  else deps.log.show(true);
}
