import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension/extension';
import { analysedDiagnostics, waitFor } from './wait';

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
    assert.deepEqual(await analysedDiagnostics(written), []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('writes nothing when the user cancels the question it shows', async () => {
    const api = await vscode.extensions.getExtension<ExtensionApi>('momento-live-origin.momento-live-origin')!.activate();
    const asked: { step: number; title: string }[] = [];
    const listening = api.onDidAskQuestion((question) => asked.push(question));
    try {
      const folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'scaffold', 'cancelled');
      await vscode.workspace.fs.createDirectory(folder);
      let settled = false;
      const pending = Promise.resolve(vscode.commands.executeCommand<vscode.Uri | undefined>('momentoLive.createConfig', {
        folder,
        answers: { namespace: 'cancelled', momentoRegion: 'us-west-2', awsRegion: 'us-west-2', ladderPreset: 'guide', segmentLengthSeconds: 2, ttlSeconds: 3600 },
      })).finally(() => { settled = true; });
      // The publish-mode question is the one left to ask; dismiss it as a user pressing Escape would.
      await waitFor('the publish-mode question', () => (asked.length > 0 ? true : undefined));
      assert.deepEqual(asked.map(({ step }) => step), [7], 'only the unanswered question is asked');
      assert.match(asked[0].title, /\(7\/7\)/);
      assert.equal(settled, false, 'the command waits for the answer');
      await waitFor('the command to end after Escape', async () => {
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        return settled ? true : undefined;
      });
      assert.equal(await pending, undefined);
      await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, 'live-origin.json'))));
    } finally {
      listening.dispose();
    }
  });
});
