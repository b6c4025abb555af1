// "Verify Live Origin" in the real extension host, against the extension's own sandbox: every step
// passes on the running stream; with a wrong player key it fails at the origin's master with the
// key's cause. The report document and the log never hold a key.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension/extension';
import type { VerifyReport } from '../../../src/verify/report';
import { waitFor } from './wait';

const EXTENSION_ID = 'momento-live-origin.momento-live-origin';

interface Info {
  momento: { playerKey: string; encoderKey: string };
  liveOriginJson: string;
  stream?: { playbackUrl: string };
}

describe('Verify Live Origin', function () {
  this.timeout(120_000);
  let info: Info | undefined;
  let config: vscode.Uri;
  let api: ExtensionApi;
  /** Shaped like a Momento v2 key (the key commands accept it) but signed by no one: Momento refuses it. */
  const wrongKey = [{ alg: 'HS256', typ: 'JWT' }, { t: 'g', exp: Math.floor(Date.now() / 1000) + 3600 }]
    .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.bm90LXNpZ25lZC1ieS1tb21lbnRv';

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
    info = await vscode.commands.executeCommand<Info | undefined>('momentoLive.sandbox.start');
    assert.ok(info?.stream, 'the sandbox runs its stream');
    config = vscode.Uri.file(info.liveOriginJson);
  });

  after(async () => {
    await vscode.commands.executeCommand('momentoLive.sandbox.stop');
    await vscode.workspace.getConfiguration('momentoLive').update('target', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const reportText = () => vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'momento-live-verify')?.getText();

  function assertNoKey(text: string): void {
    for (const key of [info!.momento.playerKey, info!.momento.encoderKey, wrongKey]) assert.ok(!text.includes(key), `a key was shown:\n${text}`);
  }

  it('passes every step on the sandbox stream and shows the report in a read-only document', async () => {
    const report = await vscode.commands.executeCommand<VerifyReport>('momentoLive.verify', config);
    assert.deepEqual(report.steps.map((step) => step.status), ['pass', 'pass', 'pass', 'pass', 'pass', 'pass'], JSON.stringify(report, null, 1));
    assert.equal(report.steps[3].url, info!.stream!.playbackUrl);
    const text = await waitFor('the report document', () => reportText());
    assert.match(text, /6\. \[PASS\] Live point segment through CloudFront is MPEG-TS and advancing/);
    assertNoKey(text);
  });

  it('fails at the origin\'s master with the player key\'s cause when the stored key is wrong', async () => {
    await vscode.commands.executeCommand('momentoLive.keys.setPlayer', { config, key: wrongKey });
    const report = await vscode.commands.executeCommand<VerifyReport>('momentoLive.verify', config);
    assert.deepEqual(report.steps.map((step) => step.status), ['fail', 'skip', 'skip', 'skip', 'skip', 'skip']);
    assert.equal(report.steps[0].httpStatus, 401);
    assert.match(report.steps[0].causes[0], /player key was refused.*Momento Live: Set Player Key/);
    assert.deepEqual(report.steps[0].fix, { setting: 'momento.keys.player', command: 'momentoLive.keys.setPlayer' });
    const text = await waitFor('the failed report', () => (reportText()?.includes('[FAIL]') ? reportText() : undefined));
    assertNoKey(text);
    const log = vscode.Uri.joinPath(api.logUri, 'Momento Live.log').fsPath;
    const logged = await waitFor('the failed step in the log', () => {
      const content = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
      return content.includes('[FAIL] Master playlist from the origin') ? content : undefined;
    });
    assertNoKey(logged);
  });
});
