// Asking for a key: a password box that accepts only what reads as a Momento key that has not
// expired, and the wording of each role.
import * as vscode from 'vscode';
import { isExpired, keyInfo, redactedKey } from '../../cloud/momentoKeys';
import type { KeyRole } from './keyStore';

/** Why `text` cannot be stored as a key, or undefined when it can. */
export function keyProblem(text: string): string | undefined {
  if (text.trim() === '') return vscode.l10n.t('Paste the key.');
  const info = keyInfo(text);
  if (!info) return vscode.l10n.t('This is not a Momento API key: paste the whole key as the Momento console or the mint command gave it.');
  if (isExpired(info)) return vscode.l10n.t('This key expired on {0}: paste a current one.', info.expiresAt!.toISOString());
  return undefined;
}

export function roleLabel(role: KeyRole): string {
  switch (role) {
    case 'encoder': return vscode.l10n.t('encoder key');
    case 'player': return vscode.l10n.t('player key');
    case 'account': return vscode.l10n.t('account key');
  }
}

function rolePrompt(role: KeyRole, secretName: string): string {
  switch (role) {
    case 'encoder': return vscode.l10n.t('The read-write key MediaLive publishes into the namespace with. Kept in the editor\'s secret storage as "{0}".', secretName);
    case 'player': return vscode.l10n.t('The read-only key CloudFront and players read the namespace with. Kept in the editor\'s secret storage as "{0}".', secretName);
    case 'account': return vscode.l10n.t('A Momento key allowed to create namespaces and keys (super-user). Kept in the editor\'s secret storage as "{0}".', secretName);
  }
}

/** The key typed or pasted, or undefined when the user cancelled. */
export async function askForKey(role: KeyRole, secretName: string, stored: string | undefined): Promise<string | undefined> {
  const replacing = stored ? ` ${vscode.l10n.t('Replaces the stored key {0}.', redactedKey(stored))}` : '';
  const answer = await vscode.window.showInputBox({
    title: vscode.l10n.t('Momento Live: set the {0}', roleLabel(role)),
    prompt: rolePrompt(role, secretName) + replacing,
    password: true,
    ignoreFocusOut: true,
    validateInput: keyProblem,
  });
  return answer?.trim();
}
