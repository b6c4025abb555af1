// The fix an AWS credential failure names (`aws sso login --profile NAME`, `aws configure ...`),
// as a command that runs it in a terminal: clicking the error node signs in instead of retrying.
import * as vscode from 'vscode';

const AWS_FIX = /\baws (?:sso login|configure(?: sso)?)(?: --profile [\w.@+-]+)?/;
/** Only a whole fix runs: the command is public, and a terminal runs whatever it is sent. */
const WHOLE_FIX = new RegExp(`^${AWS_FIX.source}$`);

export const SIGN_IN_COMMAND = 'momentoLive.aws.signIn';

export function signInCommand(message: string): vscode.Command | undefined {
  const fix = AWS_FIX.exec(message)?.[0];
  return fix ? { title: vscode.l10n.t('Run {0}', fix), command: SIGN_IN_COMMAND, arguments: [fix] } : undefined;
}

/** Runs the AWS CLI command in a terminal the user sees (it may open a browser or ask questions). */
export function runSignIn(commandLine: string): void {
  if (!WHOLE_FIX.test(commandLine)) return;
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('AWS sign-in') });
  terminal.show();
  terminal.sendText(commandLine);
}
