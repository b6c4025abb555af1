import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './wait';

const SOURCE = 'momento-live';

function workspaceFile(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  return String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
}

describe('live-origin.json in the editor', function () {
  this.timeout(30_000);
  const uri = workspaceFile('broken', 'live-origin.json');
  let document: vscode.TextDocument;

  before(async () => {
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the expected codes at the expected ranges', async () => {
    const diagnostics = await waitFor('diagnostics', () => (ours(uri).length >= 6 ? ours(uri) : undefined));
    const at = (code: string) => {
      const found = diagnostics.find((d) => codeOf(d) === code);
      assert.ok(found, `${code} in ${diagnostics.map(codeOf).join(', ')}`);
      return document.getText(found.range);
    };
    assert.equal(at('momento-region-unknown'), '"us-west-1"');
    assert.equal(at('segment-size-limit'), '45000');
    assert.equal(at('destination-url-ttl-missing'), 'tts_seconds=3600');
    assert.equal(at('basic-put-retries-ignored'), '10');
    assert.equal(at('cloudfront-origin-path'), '"/cache/live-origin/"');
    assert.equal(at('region-mismatch'), '"us-west-2"');
    const severity = diagnostics.find((d) => codeOf(d) === 'segment-size-limit')!.severity;
    assert.equal(severity, vscode.DiagnosticSeverity.Error);
  });

  it('gets completion and structural checks from VS Code\'s JSON support through the schema', async () => {
    // Inside the input object, whose optional "url" is not written yet.
    const position = document.positionAt(document.getText().indexOf('"input": { ') + '"input": { '.length);
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
    const labels = completions.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.some((label) => label.includes('url')), `schema completions: ${labels.join(', ')}`);
    const editor = await vscode.window.showTextDocument(document);
    const offset = document.getText().indexOf('"ttlSeconds": 3600');
    await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(offset), document.positionAt(offset + 18)), '"ttlSeconds": "1h"'));
    const schemaError = await waitFor('a schema error from the JSON language', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.source !== SOURCE && document.getText(d.range) === '"1h"'));
    assert.ok(schemaError.message.length > 0);
    await vscode.commands.executeCommand('undo');
  });

  it('shows the arithmetic in a hover', async () => {
    const position = document.positionAt(document.getText().indexOf('"windowSeconds"') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Hot storage estimate/);
    assert.match(text, /MiB/);
  });

  it('removes a finding when its quick fix is applied', async () => {
    const target = await waitFor('the tts_seconds finding', () => ours(uri).find((d) => codeOf(d) === 'destination-url-ttl-missing'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.includes('ttl_seconds'));
    assert.ok(fix?.edit, `quick fix offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(document.getText().includes('?ttl_seconds=3600&role=origin'));
    await waitFor('the finding to go away', () => (ours(uri).some((d) => codeOf(d) === 'destination-url-ttl-missing') ? undefined : true));
    assert.ok(ours(uri).some((d) => codeOf(d) === 'segment-size-limit'), 'other findings stay');
  });

  it('updates as the user types', async () => {
    const editor = await vscode.window.showTextDocument(document);
    const offset = document.getText().indexOf('45000');
    await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(offset), document.positionAt(offset + 5)), '2500'));
    await waitFor('segment-size-limit to clear', () => (ours(uri).some((d) => codeOf(d) === 'segment-size-limit') ? undefined : true));
  });
});
