// The plan (and, after apply, its report) as a read-only document beside live-origin.json.
import * as vscode from 'vscode';

export const PLAN_SCHEME = 'live-origin-plan';

export class PlanDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Shows `text` as the plan of `target`, replacing what the document showed before. */
  async show(target: string, text: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/${vscode.l10n.t('Plan for {0}', target)}.txt` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}
