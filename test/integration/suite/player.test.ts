// The player panel in the real extension host (code-server: the webview runs in Chromium): it
// opens from the explorer and from the palette, plays the sandbox stream from the origin through
// the host's loaders, restores through its serializer, stops everything when closed, and neither
// its messages nor its document ever hold the player key.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension/extension';
import { restorePlayer } from '../../../src/extension/player/playerPanel';
import { PlayerProbe } from '../../../src/extension/player/probe';
import { PLAYER_VIEW_TYPE } from '../../../src/extension/player/viewType';
import type { ExplorerNode } from '../../../src/extension/tree/nodes';
import type { PlayerStats } from '../../../src/protocol/messages';
import { waitFor } from './wait';

interface Info {
  momento: { namespace: string; playerKey: string; httpEndpoint: string };
  stream?: { playbackUrl: string };
}

const PLAY_TIMEOUT_MS = 60_000;

function playerTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(PLAYER_VIEW_TYPE));
}

/** The page plays when its stats say so and the playhead has moved past where it was. */
async function playing(read: () => PlayerStats | undefined, source: string): Promise<PlayerStats> {
  const first = await waitFor(`the ${source} player to play`, () => {
    const stats = read();
    if (stats?.state === 'failed' || stats?.state === 'unsupported') throw new Error(`the player ${stats.state}: ${stats.problem}`);
    return stats?.state === 'playing' && stats.source === source && stats.currentTime > 0 ? stats : undefined;
  }, PLAY_TIMEOUT_MS);
  return waitFor('the playhead to move on', () => {
    const stats = read();
    return stats && stats.currentTime >= first.currentTime + 2 ? stats : undefined;
  }, 15_000);
}

function assertNoKey(api: ExtensionApi, key: string, dom: string | undefined): void {
  assert.ok(key.length > 8);
  const leaked = api.player.traffic().find((message) => message.includes(key));
  assert.equal(leaked?.slice(0, 200), undefined, 'a message between host and page carries the player key');
  assert.ok(dom && dom.includes('id="video"'), 'the page sent its document');
  assert.ok(!dom.includes(key), 'the page\'s document holds the player key');
}

describe('player panel', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  let info: Info;

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>('momento-live-origin.momento-live-origin')!.activate();
    info = (await vscode.commands.executeCommand<Info>('momentoLive.sandbox.start'))!;
    assert.ok(info?.stream, 'the sandbox started with its demo stream');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('momentoLive.sandbox.stop');
    await vscode.workspace.getConfiguration('momentoLive').update('target', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('opens from the namespace in the explorer and plays from the origin; no key in messages or the page', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    api.explorer.namespaces.refresh();
    const nodes = (await api.explorer.namespaces.getChildren()) as ExplorerNode[];
    const node = nodes.find((n) => n.id.endsWith(`/${info.momento.namespace}`));
    assert.ok(node, `namespaces: ${nodes.map((n) => n.id).join(', ')}`);
    await vscode.commands.executeCommand('momentoLive.player.open', node);
    await waitFor('the player panel', () => (playerTabs().length === 1 ? true : undefined));
    const stats = await playing(() => api.player.lastStats(), 'origin');
    assert.equal(stats.via, 'host');
    assert.equal(stats.stalls, 0);
    assert.ok(stats.glassToGlassSeconds !== undefined && Number.isFinite(stats.glassToGlassSeconds), `glass-to-glass ${stats.glassToGlassSeconds}`);
    assert.ok(api.player.traffic().some((m) => /^fromPage .*"command":"fetch".*\.ts[?"]/.test(m)), 'segments came through the host');
    assert.ok(api.player.traffic().some((m) => m.startsWith('toPage {"event":"inspector"')), 'the inspector sent a snapshot');
    assertNoKey(api, info.momento.playerKey, await api.player.dom());
  });

  it('opens from the palette with live-origin.json\'s stream, asking origin or edge', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    let done = false;
    const opened = Promise.resolve(vscode.commands.executeCommand('momentoLive.player.open')).finally(() => { done = true; });
    // The quick pick opens once the stream is resolved: accept its first item (the origin) when it is there.
    await waitFor('the origin-or-edge question to be answered', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return done ? true : undefined;
    }, 20_000);
    await opened;
    await waitFor('the player panel', () => (playerTabs().length === 1 ? true : undefined));
    await playing(() => api.player.lastStats(), 'origin');
    assertNoKey(api, info.momento.playerKey, await api.player.dom());
    const offered = [...api.player.traffic()].reverse().find((m) => m.startsWith('toPage {"seq":1,"res":{"stream"'));
    assert.ok(offered?.includes('"kind":"edge"'), 'the page is offered the distribution too');
  });

  it('restores from the state the page saved (the serializer\'s deserialize), and stops when closed', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const extension = vscode.extensions.getExtension('momento-live-origin.momento-live-origin')!;
    const probe = new PlayerProbe();
    const env = { extensionUri: extension.extensionUri, probe, playerKey: async () => info.momento.playerKey };
    const origin = `${info.momento.httpEndpoint}/cache/${info.momento.namespace}/playlist.m3u8`;
    const state = { stream: { title: 'restored', sources: [{ kind: 'origin', url: origin }, { kind: 'edge', url: info.stream!.playbackUrl }], preferred: 'edge' }, source: 'origin' };

    const junk = vscode.window.createWebviewPanel(PLAYER_VIEW_TYPE, 'junk', vscode.ViewColumn.Active);
    let junkClosed = false;
    junk.onDidDispose(() => { junkClosed = true; });
    await restorePlayer(env, junk, { stream: { title: 'x', sources: [{ kind: 'origin', url: 'javascript:alert(1)' }] } });
    assert.ok(junkClosed, 'a state without a usable source closes the panel');

    const panel = vscode.window.createWebviewPanel(PLAYER_VIEW_TYPE, 'restoring', vscode.ViewColumn.Active);
    await restorePlayer(env, panel, state);
    assert.equal(panel.title, 'Player: restored');
    assert.deepEqual(panel.webview.options.localResourceRoots?.map((uri) => uri.path), [vscode.Uri.joinPath(extension.extensionUri, 'dist').path]);
    assert.match(panel.webview.html, /script-src &#39;nonce-[^&]+&#39;;/);
    assert.doesNotMatch(panel.webview.html, /\son[a-z]+=/i, 'no inline handlers');
    await playing(() => probe.lastStats(), 'origin');
    assertNoKey({ player: probe } as ExtensionApi, info.momento.playerKey, await probe.dom());

    panel.dispose();
    const after = probe.traffic().length;
    // Snapshots come every second and stats every second while open: three quiet seconds mean stopped.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal(probe.traffic().length, after, 'messages still flow after the panel closed');
  });
});
