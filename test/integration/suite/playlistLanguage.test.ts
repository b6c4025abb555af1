import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './wait';

describe('.m3u8 documents', function () {
  this.timeout(30_000);

  it('get the m3u8 language and playlist diagnostics', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'playlists', 'variant_480p30.m3u8');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'm3u8');
    const diagnostics = await waitFor('playlist diagnostics', () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'momento-live');
      return found.length >= 2 ? found : undefined;
    });
    const codes = diagnostics.map((d) => String(d.code));
    assert.ok(codes.includes('hls-target-duration-missing'), codes.join(', '));
    assert.ok(codes.includes('hls-token-in-uri'), codes.join(', '));
    const token = diagnostics.find((d) => d.code === 'hls-token-in-uri')!;
    assert.match(document.getText(token.range), /FAKE-ENCODER-KEY-FOR-TESTS/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
