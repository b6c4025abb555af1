// Registers "Verify live origin". Its work (and the core it runs) is loaded on first use, so
// activation pays only for the registration.
import * as vscode from 'vscode';
import type { KeyStore } from '../keys/keyStore';
import type { RedactingLog } from '../log';
import type { TargetController } from '../target/targetController';

export const VERIFY_COMMAND = 'momentoLive.verify';

export interface VerifyDependencies {
  targets: TargetController;
  keyStore: KeyStore;
  log: RedactingLog;
  /** The running sandbox's edge ("http://127.0.0.1:PORT"), when there is one. */
  sandboxEdge(): string | undefined;
}

export function registerVerifyCommand(context: vscode.ExtensionContext, dependencies: VerifyDependencies): void {
  context.subscriptions.push(vscode.commands.registerCommand(VERIFY_COMMAND, async (file?: vscode.Uri) => {
    const { runVerifyCommand } = await import('../features');
    return runVerifyCommand(dependencies, context.subscriptions, file instanceof vscode.Uri ? file : undefined);
  }));
}
