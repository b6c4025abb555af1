// Hovers on live-origin.json that show the sizing arithmetic.
import * as vscode from 'vscode';
import { hoverAt } from '../config/hover';

export class ConfigHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = hoverAt(document.getText(), document.offsetAt(position));
    if (!result) return undefined;
    const range = new vscode.Range(document.positionAt(result.offset), document.positionAt(result.offset + result.length));
    return new vscode.Hover(new vscode.MarkdownString(result.markdown), range);
  }
}
