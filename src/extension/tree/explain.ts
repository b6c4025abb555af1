// One sentence for a failed load, naming the fix: AWS credential problems through the AWS
// adapter's wording, Momento's refusals, a sandbox that stopped answering.
import * as vscode from 'vscode';
import type { CloudTarget } from '../../cloud/target';
import { cloud } from '../cloud';

export async function explainFailure(error: unknown, target?: CloudTarget): Promise<string> {
  const { describeAwsFailure, MomentoFailure } = await cloud();
  if (error instanceof MomentoFailure) {
    if (error.code === 'AUTHENTICATION_ERROR') {
      return vscode.l10n.t('Momento refused the account key (expired, revoked or for another cell): run "Momento Live: Set Account Key".');
    }
    if (error.code === 'PERMISSION_ERROR') return vscode.l10n.t('The Momento key may not list namespaces: set an account key with that permission.');
    return vscode.l10n.t('Momento answered {0}: {1}', error.code, error.message);
  }
  const code = (error as { code?: string; cause?: { code?: string } } | undefined)?.code ?? (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  if (target?.kind === 'sandbox' && (code === 'ECONNREFUSED' || /ECONNREFUSED|No connection established/.test(String((error as Error)?.message)))) {
    return vscode.l10n.t('The local sandbox does not answer: start it again (Momento Live: Start Local Sandbox), then retry.');
  }
  return describeAwsFailure(error, target?.profile) ?? vscode.l10n.t('Loading failed: {0}', (error as Error)?.message ?? String(error));
}
