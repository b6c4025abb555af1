// What a key command acts on: the argument it was given, and the secret a role's key is kept in
// (live-origin.json's key names, or the current target's account key).
import * as vscode from 'vscode';
import { targetSetting } from '../target/targetController';
import { workspaceLiveOrigin } from '../workspaceConfig';
import { roleLabel } from './keyPrompt';
import { KeyStore, type KeyRole, type KeyScope } from './keyStore';

/** What the commands take as their argument (tests, other commands); a live-origin.json Uri also works. */
export interface KeyCommandArgs {
  /** The key to store, instead of asking for it. */
  key?: string;
  /** The live-origin.json whose key names and namespace to use, instead of the workspace's first. */
  config?: vscode.Uri;
  /** Forget without asking for confirmation. */
  confirmed?: boolean;
}

/** The secret a role's key is kept in, or undefined (with the reason shown) when live-origin.json does not say. */
export async function keyScope(role: KeyRole, config: vscode.Uri | undefined): Promise<KeyScope | undefined> {
  if (role === 'account') return { role, target: targetSetting() };
  const liveOrigin = await workspaceLiveOrigin(config);
  if (!liveOrigin) {
    void vscode.window.showErrorMessage(vscode.l10n.t('No readable live-origin.json in this workspace: create one with Momento Live: Create live-origin.json. It names the secrets the keys are kept in.'));
    return undefined;
  }
  const scope: KeyScope = { role, keyNames: liveOrigin.keyNames };
  if (!KeyStore.secretName(scope)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} names no secret for the {1}: add momento.keys.{2}.', vscode.workspace.asRelativePath(liveOrigin.uri), roleLabel(role), role));
    return undefined;
  }
  return scope;
}

export function commandArgs(raw: unknown): KeyCommandArgs {
  if (raw instanceof vscode.Uri) return { config: raw };
  if (raw === null || typeof raw !== 'object') return {};
  const { key, config, confirmed } = raw as Record<string, unknown>;
  return {
    key: typeof key === 'string' ? key : undefined,
    config: config instanceof vscode.Uri ? config : undefined,
    confirmed: confirmed === true,
  };
}
