// The key commands: set (or replace) and forget the encoder, player and account keys, and mint the
// encoder and player keys with the account key. Keys go to secret storage only; messages and the
// log name a key by its secret name and last four characters, never in full.
import * as vscode from 'vscode';
import { redactedKey } from '../../cloud/momentoKeys';
import type { RedactingLog } from '../log';
import { commandArgs, keyScope, type KeyCommandArgs } from './keyArgs';
import { askForKey, keyProblem, roleLabel } from './keyPrompt';
import { KeyStore, type KeyRole } from './keyStore';
import { mintKeys } from './mintCommand';

const ROLES: readonly KeyRole[] = ['encoder', 'player', 'account'];
const COMMAND_SUFFIX: Record<KeyRole, string> = { encoder: 'Encoder', player: 'Player', account: 'Account' };

export function registerKeyCommands(context: vscode.ExtensionContext, keyStore: KeyStore, log: RedactingLog): void {
  for (const role of ROLES) {
    context.subscriptions.push(
      vscode.commands.registerCommand(`momentoLive.keys.set${COMMAND_SUFFIX[role]}`, (args?: unknown) => setKey(role, commandArgs(args), keyStore, log)),
      vscode.commands.registerCommand(`momentoLive.keys.forget${COMMAND_SUFFIX[role]}`, (args?: unknown) => forgetKey(role, commandArgs(args), keyStore, log)),
    );
  }
  context.subscriptions.push(vscode.commands.registerCommand('momentoLive.keys.mint', (args?: unknown) => mintKeys(commandArgs(args), keyStore, log)));
}

/** Stores the key given or asked for; returns its redacted form, or undefined when nothing was stored. */
async function setKey(role: KeyRole, args: KeyCommandArgs, keyStore: KeyStore, log: RedactingLog): Promise<string | undefined> {
  const scope = await keyScope(role, args.config);
  if (!scope) return undefined;
  const name = KeyStore.secretName(scope)!;
  const key = args.key ?? await askForKey(role, name, await keyStore.get(scope));
  if (key === undefined) return undefined;
  const problem = keyProblem(key);
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return undefined;
  }
  await keyStore.set(scope, key);
  log.info(vscode.l10n.t('Stored the {0} {1} as "{2}".', roleLabel(role), redactedKey(key), name));
  void vscode.window.showInformationMessage(vscode.l10n.t('The {0} {1} is stored in the editor\'s secret storage as "{2}".', roleLabel(role), redactedKey(key), name));
  return redactedKey(key);
}

/** Removes the key after a modal confirmation; returns whether one was removed. */
async function forgetKey(role: KeyRole, args: KeyCommandArgs, keyStore: KeyStore, log: RedactingLog): Promise<boolean> {
  const scope = await keyScope(role, args.config);
  if (!scope) return false;
  const name = KeyStore.secretName(scope)!;
  const stored = await keyStore.get(scope);
  if (!stored) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No {0} is stored as "{1}".', roleLabel(role), name));
    return false;
  }
  if (!args.confirmed) {
    const forget = vscode.l10n.t('Forget');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Forget the {0} {1} stored as "{2}"?', roleLabel(role), redactedKey(stored), name),
      { modal: true, detail: vscode.l10n.t('It is removed from this editor only: Momento keeps accepting it until it expires.') },
      forget,
    );
    if (answer !== forget) return false;
  }
  await keyStore.forget(scope);
  log.info(vscode.l10n.t('Forgot the {0} {1} stored as "{2}".', roleLabel(role), redactedKey(stored), name));
  return true;
}
