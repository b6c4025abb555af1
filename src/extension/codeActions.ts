// Quick fixes: every finding that carries a fix becomes a code action on its diagnostic.
import * as vscode from 'vscode';
import type { DiagnosticsController } from './diagnostics';

export class FindingFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: DiagnosticsController) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((diagnostic) => {
      const fix = this.diagnostics.published(document.uri, diagnostic)?.finding.fix;
      if (!fix) return [];
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      for (const edit of fix.edits) {
        const range = new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length));
        action.edit.replace(document.uri, range, edit.newText);
      }
      return [action];
    });
  }
}
