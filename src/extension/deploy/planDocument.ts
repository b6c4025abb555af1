// The plan (and, after apply, its report) as a read-only document beside live-origin.json.
import * as vscode from 'vscode';

export const PLAN_SCHEME = 'live-origin-plan';
const MAX_KEPT = 20;

export class PlanDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private shown = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Shows `text` as the plan of `target`, replacing what the document showed before. */
  async show(target: string, text: string): Promise<void> {
    // A new document each time (it replaces the preview tab): an open one would show the last plan
    // until VS Code asked the provider again.
    const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/${vscode.l10n.t('Plan for {0}', target)}.txt`, query: String(++this.shown) });
    this.texts.set(uri.toString(), text);
    // Older plans stay readable in tabs kept open, up to a few.
    if (this.texts.size > MAX_KEPT) this.texts.delete(this.texts.keys().next().value!);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
  }

  dispose(): void {
    this.texts.clear();
  }
}
