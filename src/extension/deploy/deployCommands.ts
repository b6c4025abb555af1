// "Plan live-origin.json" and "Apply live-origin.json": registered at activation, run from
// dist/features.js on first use. Apply is refused in untrusted workspaces, with the reason.
import * as vscode from 'vscode';
import type { KeyStore } from '../keys/keyStore';
import type { TargetController } from '../target/targetController';
import { PlanDocuments, PLAN_SCHEME } from './planDocument';

export interface PlanArgs {
  file?: vscode.Uri;
}

export interface ApplyArgs extends PlanArgs {
  /** Apply without asking (automation, tests). */
  yes?: boolean;
  /** The answer to "stop the running channel?", given in advance instead of asking. */
  stopRunning?: boolean;
}

export function registerDeployCommands(context: vscode.ExtensionContext, targets: TargetController, keyStore: KeyStore, log: () => vscode.LogOutputChannel): void {
  const documents = new PlanDocuments();
  const deps = { targets, keyStore, log, documents };
  const asArgs = <T extends PlanArgs>(args?: T | vscode.Uri): T | undefined => (args instanceof vscode.Uri ? { file: args } as T : args);
  context.subscriptions.push(
    documents,
    vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, documents),
    vscode.commands.registerCommand('momentoLive.plan', async (args?: PlanArgs | vscode.Uri) =>
      (await import('../features')).planCommand(deps, asArgs(args))),
    vscode.commands.registerCommand('momentoLive.apply', async (args?: ApplyArgs | vscode.Uri) => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Apply is disabled in an untrusted workspace: it would create and change cloud resources from files you have not trusted. Trust the workspace to apply.'));
        return undefined;
      }
      return (await import('../features')).applyCommand(deps, asArgs(args));
    }),
  );
}
