import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './wait';

describe('Create live-origin.json', function () {
  this.timeout(30_000);

  it('writes a clean file from the answers supplied and opens it', async () => {
    const folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'scaffold');
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('momentoLive.createConfig', {
      folder,
      overwrite: true,
      answers: {
        namespace: 'event-42',
        momentoRegion: 'eu-west-1',
        awsRegion: 'eu-west-1',
        ladderPreset: 'full-hd',
        segmentLengthSeconds: 2,
        ttlSeconds: 7200,
        publishMode: 'credentials',
      },
    });
    assert.ok(written, 'the command returns the file it wrote');
    assert.equal(written.path, vscode.Uri.joinPath(folder, 'live-origin.json').path);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(written));
    const config = JSON.parse(text);
    assert.equal(config.momento.namespace, 'event-42');
    assert.equal(config.momento.restEndpoint, 'api.cache.cell-1-eu-west-1-1.prod.a.momentohq.com');
    assert.equal(config.stream.ladder.length, 5);
    await waitFor('the file to open', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.path === written.path));
    // Give the debounced checker time to run; a clean file must stay without findings.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual(vscode.languages.getDiagnostics(written).filter((d) => d.source === 'momento-live'), []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('writes nothing when the user cancels a question', async () => {
    const folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'scaffold', 'cancelled');
    await vscode.workspace.fs.createDirectory(folder);
    const pending = vscode.commands.executeCommand<vscode.Uri | undefined>('momentoLive.createConfig', {
      folder,
      answers: { namespace: 'cancelled', momentoRegion: 'us-west-2', awsRegion: 'us-west-2', ladderPreset: 'guide', segmentLengthSeconds: 2, ttlSeconds: 3600 },
    });
    // The publish-mode question is the one left to ask; dismiss it as a user pressing Escape would.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await pending, undefined);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, 'live-origin.json'))));
  });
});
