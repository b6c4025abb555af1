// The key commands inside a real extension host, against an in-process Momento sandbox: keys go
// into secret storage and come back out only in redacted form; the log never holds one.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { redactedKey } from '../../../src/cloud/momentoKeys';
import { renderConfig, scaffoldConfig } from '../../../src/config/scaffold';
import type { ExtensionApi } from '../../../src/extension/extension';
import { RedactingLog } from '../../../src/extension/log';
import { type MomentoSandbox, startMomentoSandbox } from '../../../src/sandbox/momento';
import { innerKeyOf } from '../../../src/sandbox/momento/keys';
import { waitFor } from './wait';

const NS = 'live-origin';
const EXTENSION_ID = 'momento-live-origin.momento-live-origin';

describe('Key commands', function () {
  this.timeout(60_000);
  let sandbox: MomentoSandbox;
  let config: vscode.Uri;
  let api: ExtensionApi;
  /** Every key these tests hand the extension: none may reach a log. */
  const used: string[] = [];

  const run = <T>(command: string, args: object) => vscode.commands.executeCommand<T>(command, { config, ...args });
  const logText = async (name: string, marker: string) => {
    const file = vscode.Uri.joinPath(api.logUri, `${name}.log`).fsPath;
    // Log files are written a moment after the call.
    return waitFor(`"${marker}" in ${file}`, () => {
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      return text.includes(marker) ? text : undefined;
    });
  };
  const assertNoKeyIn = (text: string) => {
    for (const key of used) {
      assert.ok(!text.includes(key), `a key reached the log:\n${text}`);
      const inner = innerKeyOf(key);
      if (inner) assert.ok(!text.includes(inner), `an inner key reached the log:\n${text}`);
    }
  };

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
    sandbox = await startMomentoSandbox();
    sandbox.createNamespace(NS);
    const live = scaffoldConfig({
      namespace: NS, momentoRegion: 'us-west-2', awsRegion: 'us-west-2', ladderPreset: 'guide', segmentLengthSeconds: 2,
      ttlSeconds: 3600, publishMode: 'credentials', restEndpoint: new URL(sandbox.httpEndpoint).host,
    });
    live.momento.keys = { encoder: 'keys-test/encoder', player: 'keys-test/player' };
    config = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'keys', 'live-origin.json');
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(renderConfig(live)));
  });

  after(async () => {
    for (const role of ['Encoder', 'Player', 'Account']) await run(`momentoLive.keys.forget${role}`, { confirmed: true });
    await sandbox?.close();
  });

  it('sets, replaces and forgets the encoder key, answering with its redacted form only', async () => {
    const first = sandbox.mintKey({ namespace: NS, role: 'read-write', ttlSeconds: 600 });
    const second = sandbox.mintKey({ namespace: NS, role: 'read-write', ttlSeconds: 600 });
    used.push(first, second);
    assert.equal(await run('momentoLive.keys.setEncoder', { key: first }), redactedKey(first));
    assert.equal(await run('momentoLive.keys.setEncoder', { key: second }), redactedKey(second));
    assert.equal(await run('momentoLive.keys.forgetEncoder', { confirmed: true }), true);
    assert.equal(await run('momentoLive.keys.forgetEncoder', { confirmed: true }), false, 'nothing left to forget');
  });

  it('refuses to store what is not a key, or a key that has expired', async () => {
    assert.equal(await run('momentoLive.keys.setPlayer', { key: 'my-player-key' }), undefined);
    const expired = sandbox.mintKey({ namespace: NS, role: 'read-only', ttlSeconds: 0.001 });
    used.push(expired);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(await run('momentoLive.keys.setPlayer', { key: expired }), undefined);
    assert.equal(await run('momentoLive.keys.forgetPlayer', { confirmed: true }), false, 'nothing was stored');
  });

  it('mints both keys with the stored account key without asking anything, and stores them', async () => {
    used.push(sandbox.adminKey);
    assert.equal(await run('momentoLive.keys.setAccount', { key: sandbox.adminKey }), redactedKey(sandbox.adminKey));
    const minted = await run<{ encoder: string; player: string } | undefined>('momentoLive.keys.mint', {});
    assert.ok(minted, 'the mint command reports the keys it stored');
    assert.match(minted.encoder, /^….{4}$/);
    assert.notEqual(minted.encoder, minted.player);
    // Both are in secret storage: forgetting finds them.
    assert.equal(await run('momentoLive.keys.forgetEncoder', { confirmed: true }), true);
    assert.equal(await run('momentoLive.keys.forgetPlayer', { confirmed: true }), true);
  });

  it('keeps every key out of the extension log', async () => {
    const text = await logText('Momento Live', 'Minted keys for namespace live-origin');
    assert.match(text, /Stored the encoder key …\w{4} as "keys-test\/encoder"/);
    assertNoKeyIn(text);
  });

  it('redacts keys given to every method of the log', async () => {
    const log = new RedactingLog('Momento Live redaction test');
    const known = 'plain-known-secret-0123';
    log.addSecret(known);
    const key = sandbox.mintKey({ namespace: NS, role: 'read-only', ttlSeconds: 600 });
    used.push(key, known);
    try {
      log.trace(`trace ${key}`);
      log.debug(`debug ${sandbox.httpEndpoint}/cache/${NS}/a.ts?token=${key}`);
      log.info('info', { headers: { authorization: key } });
      log.warn(`warn ${known}`);
      log.error(new Error(`error Authorization: ${key}`));
      log.appendLine(`appendLine ${key}`);
      log.append(`append ${known}\n`);
      log.info('last line');
      const text = await logText('Momento Live redaction test', 'last line');
      for (const method of ['info', 'warn', 'error', 'appendLine', 'append']) assert.match(text, new RegExp(`${method} `));
      assertNoKeyIn(text);
    } finally {
      log.dispose();
    }
  });
});
