// The player webview panel: one per stream, the page from dist/ with a nonce CSP, the host side of
// the protocol (PlayerSession) behind it, and the system-browser twin started on demand. Closing
// the panel ends everything: the inspector's polling, the twin's server.
import * as vscode from 'vscode';
import type { SourceKind, StreamRef } from '../../protocol/messages';
import { LoopbackPlayerServer } from './loopbackServer';
import { newNonce, playerPageHtml } from './pageHtml';
import { pageStrings } from './pageStrings';
import { PlayerSession } from './playerSession';
import type { DomSource, PlayerProbe } from './probe';
import { PLAYER_VIEW_TYPE } from './viewType';

export interface PlayerEnv {
  extensionUri: vscode.Uri;
  /** The player key for the stream's origin, from secret storage; undefined when none is set. */
  playerKey(stream: StreamRef): Promise<string | undefined>;
  probe: PlayerProbe;
}

const DOM_TIMEOUT_MS = 5000;
const open = new Map<string, PlayerPanel>();

const streamId = (stream: StreamRef) => JSON.stringify(stream.sources.map((s) => [s.kind, s.url]).sort());

function edgeOrigins(stream: StreamRef): string[] {
  return stream.sources.filter((s) => s.kind === 'edge').map((s) => new URL(s.url).origin);
}

/** Opens the stream's player, or reveals the one already open. */
export async function openPlayer(env: PlayerEnv, stream: StreamRef): Promise<void> {
  const existing = open.get(streamId(stream));
  if (existing) {
    existing.panel.reveal();
    return;
  }
  const panel = vscode.window.createWebviewPanel(PLAYER_VIEW_TYPE, panelTitle(stream), vscode.ViewColumn.Active, webviewOptions(env));
  await PlayerPanel.attach(env, panel, stream);
}

/** What VS Code hands back after a reload: the page's saved stream and source, checked, never a key. */
export async function restorePlayer(env: PlayerEnv, panel: vscode.WebviewPanel, state: unknown): Promise<void> {
  const restored = restoredStream(state);
  if (!restored) {
    panel.dispose();
    return;
  }
  panel.webview.options = webviewOptions(env);
  await PlayerPanel.attach(env, panel, restored);
}

function panelTitle(stream: StreamRef): string {
  return vscode.l10n.t('Player: {0}', stream.title);
}

function webviewOptions(env: PlayerEnv): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  // Context is not retained when hidden: the page reloads and rejoins the live edge on show, which
  // a live player does anyway, and a hidden panel costs nothing.
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(env.extensionUri, 'dist')] };
}

export function restoredStream(state: unknown): StreamRef | undefined {
  const candidate = state as { stream?: StreamRef; source?: SourceKind } | undefined;
  const stream = candidate?.stream;
  if (!stream || typeof stream.title !== 'string' || !Array.isArray(stream.sources)) return undefined;
  const sources = stream.sources.filter((s) => (s?.kind === 'origin' || s?.kind === 'edge') && typeof s.url === 'string' && /^https?:\/\//.test(s.url));
  if (sources.length === 0) return undefined;
  const preferred = candidate.source === 'origin' || candidate.source === 'edge' ? candidate.source : stream.preferred;
  return { title: stream.title, sources: sources.map(({ kind, url }) => ({ kind, url })), preferred: sources.some((s) => s.kind === preferred) ? preferred : sources[0].kind };
}

class PlayerPanel implements DomSource {
  private readonly subscriptions: vscode.Disposable[] = [];
  private session: PlayerSession;
  private twin: Promise<LoopbackPlayerServer> | undefined;
  private domWaiters: ((html: string) => void)[] = [];

  private constructor(private readonly env: PlayerEnv, readonly panel: vscode.WebviewPanel, private readonly stream: StreamRef, private readonly key: string | undefined) {
    const { webview } = panel;
    this.session = new PlayerSession({
      stream,
      playerKey: key,
      strings: pageStrings(),
      post: (message) => void webview.postMessage(message),
      openExternal: (source) => this.openExternal(source),
      onTraffic: (direction, message) => env.probe.record(direction, message),
      onStats: (stats) => env.probe.recordStats(stats),
      onDom: (html) => this.domWaiters.splice(0).forEach((resolve) => resolve(html)),
    });
    const dist = vscode.Uri.joinPath(env.extensionUri, 'dist');
    webview.html = playerPageHtml({
      script: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'player.js')).toString(),
      hls: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'hls.min.js')).toString(),
      style: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'player.css')).toString(),
      cspSource: webview.cspSource,
      connect: edgeOrigins(stream),
      lang: vscode.env.language,
    }, newNonce(), panelTitle(stream));
    panel.title = panelTitle(stream);
    this.subscriptions.push(
      webview.onDidReceiveMessage((message) => void this.session.receive(message)),
      panel.onDidChangeViewState(() => {
        if (panel.visible) env.probe.focus(this);
        // A hidden webview's page is discarded; it says ready again when shown.
        else this.session.endpoint.unready();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    open.set(streamId(stream), this);
    env.probe.focus(this);
  }

  static async attach(env: PlayerEnv, panel: vscode.WebviewPanel, stream: StreamRef): Promise<PlayerPanel> {
    const key = stream.sources.some((s) => s.kind === 'origin') ? await env.playerKey(stream) : undefined;
    if (stream.sources.some((s) => s.kind === 'origin') && !key) {
      void vscode.window.showWarningMessage(vscode.l10n.t('No player key is set, so the origin will refuse the player (401). Set it with Momento Live: Set Player Key.'));
    }
    return new PlayerPanel(env, panel, stream, key);
  }

  requestDom(): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the player page did not send its document')), DOM_TIMEOUT_MS);
      this.domWaiters.push((html) => {
        clearTimeout(timer);
        resolve(html);
      });
      this.session.requestDom();
    });
  }

  private async openExternal(source: SourceKind): Promise<boolean> {
    this.twin ??= LoopbackPlayerServer.start({
      distDir: vscode.Uri.joinPath(this.env.extensionUri, 'dist').fsPath,
      title: panelTitle(this.stream),
      lang: vscode.env.language,
      connect: edgeOrigins(this.stream),
      createSession: (post) => {
        const session = new PlayerSession({ stream: { ...this.stream, preferred: source }, playerKey: this.key, strings: pageStrings(), post });
        return { receive: (message) => session.receive(message), pageGone: () => session.endpoint.unready(), dispose: () => session.dispose() };
      },
    });
    const server = await this.twin;
    return vscode.env.openExternal(await vscode.env.asExternalUri(vscode.Uri.parse(server.url)));
  }

  private dispose(): void {
    if (open.get(streamId(this.stream)) === this) open.delete(streamId(this.stream));
    this.env.probe.forget(this);
    this.session.dispose();
    void this.twin?.then((server) => server.close(), () => undefined);
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
