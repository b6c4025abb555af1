import * as vscode from 'vscode';

/** Whether anything exists at `uri` (one stat through VS Code's file system). */
export async function uriExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
