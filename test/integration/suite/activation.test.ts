import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'momento-live-origin.momento-live-origin';

describe('Extension activation', function () {
  this.timeout(30_000);

  it('is installed in the extension host', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not loaded`);
  });

  it('activates and registers its commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await extension.activate();
    assert.equal(extension.isActive, true);
    const contributed: string[] = extension.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(contributed.includes('momentoLive.createConfig'));
    const registered = await vscode.commands.getCommands(true);
    for (const command of contributed) assert.ok(registered.includes(command), `${command} is contributed but not registered`);
  });

  it('contributes the m3u8 language', async () => {
    assert.ok((await vscode.languages.getLanguages()).includes('m3u8'));
  });
});
