// "Mint Encoder and Player Keys": with the target's account key (asked for only when none is
// stored), Momento issues a read-write key and a read-only key on live-origin.json's namespace,
// and both go to secret storage under the names live-origin.json gives them.
import * as vscode from 'vscode';
import { redactedKey } from '../../cloud/momentoKeys';
import { regionOfRestEndpoint } from '../../config/regions';
import { cloud } from '../cloud';
import type { RedactingLog } from '../log';
import { workspaceLiveOrigin } from '../workspaceConfig';
import { keyScope, type KeyCommandArgs } from './keyArgs';
import { askForKey, keyProblem } from './keyPrompt';
import { KeyStore, type KeyScope } from './keyStore';

/** Mints and stores both keys; returns their redacted forms, or undefined when nothing was stored. */
export async function mintKeys(args: KeyCommandArgs, keyStore: KeyStore, log: RedactingLog): Promise<{ encoder: string; player: string } | undefined> {
  const liveOrigin = await workspaceLiveOrigin(args.config);
  const namespace = liveOrigin?.namespace;
  const encoderScope = await keyScope('encoder', args.config);
  const playerScope = encoderScope && await keyScope('player', args.config);
  if (!liveOrigin || !encoderScope || !playerScope) return undefined;
  if (!namespace) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} names no namespace: set momento.namespace.', vscode.workspace.asRelativePath(liveOrigin.uri)));
    return undefined;
  }
  const accountScope = (await keyScope('account', undefined))!;
  const accountKey = await accountKeyFor(accountScope, keyStore);
  if (!accountKey) return undefined;

  const runtime = await cloud();
  try {
    const minted = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Minting the encoder and player keys of namespace {0}…', namespace) },
      () => runtime.mintEncoderAndPlayerKeys({ accountKey, namespace, region: regionOfRestEndpoint(liveOrigin.restEndpoint ?? '') }),
    );
    await keyStore.set(encoderScope, minted.encoder.key);
    await keyStore.set(playerScope, minted.player.key);
    const names = [KeyStore.secretName(encoderScope)!, KeyStore.secretName(playerScope)!];
    const validUntil = minted.encoder.expiresAt?.toISOString() ?? vscode.l10n.t('never');
    log.info(vscode.l10n.t('Minted keys for namespace {0} (valid until {1}): encoder {2} stored as "{3}", player {4} stored as "{5}".',
      namespace, validUntil, redactedKey(minted.encoder.key), names[0], redactedKey(minted.player.key), names[1]));
    void vscode.window.showInformationMessage(vscode.l10n.t('Minted the keys of namespace {0}, valid until {1}, and stored them as "{2}" and "{3}". MediaLive and CloudFront keep the old keys until the workflow is applied again.',
      namespace, validUntil, names[0], names[1]));
    return { encoder: redactedKey(minted.encoder.key), player: redactedKey(minted.player.key) };
  } catch (error) {
    // MintError comes from the cloud bundle: its own class, told apart by name.
    const message = error instanceof Error && error.name === 'MintError'
      ? error.message
      : vscode.l10n.t('Minting the keys failed: {0}', error instanceof Error ? error.message : String(error));
    log.error(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
}

/** The stored account key; for AWS, asked for (and stored) when there is none. */
async function accountKeyFor(scope: KeyScope, keyStore: KeyStore): Promise<string | undefined> {
  const stored = await keyStore.get(scope);
  if (stored) return stored;
  if (scope.role === 'account' && scope.target === 'sandbox') {
    void vscode.window.showErrorMessage(vscode.l10n.t('The local sandbox\'s account key is not stored: start the sandbox with Momento Live: Start Local Sandbox, which stores it.'));
    return undefined;
  }
  const asked = await askForKey('account', KeyStore.secretName(scope)!, undefined);
  if (asked === undefined || keyProblem(asked)) return undefined;
  await keyStore.set(scope, asked);
  return asked;
}
