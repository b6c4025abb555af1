// The "Start/Stop local sandbox" commands, the status bar item, and the keys the sandbox mints,
// which go into secret storage under the names live-origin.json gives them.
import * as vscode from 'vscode';
import { RedactingLog } from '../log';
import type { KeyStore } from '../keys/keyStore';
import { targetSetting } from '../target/targetController';
import { SandboxProcess, type RunningInfo } from './sandboxProcess';

const RUNNING_CONTEXT = 'momentoLive.sandboxRunning';
/**
 * Set by `npm start`, which starts the sandbox before the editor: the path of a file only this user
 * can read, holding the sandbox's JSON line (keys included), removed when the demo stops. The keys
 * themselves never travel in the environment every terminal and task inherits.
 */
const EXTERNAL_SANDBOX_ENV = 'LIVE_ORIGIN_SANDBOX_FILE';

export class SandboxController implements vscode.Disposable {
  private process: SandboxProcess | undefined;
  private external: RunningInfo | undefined;
  // Created on first use: most sessions never touch the sandbox, and activation stays cheap.
  private statusItemInstance: vscode.StatusBarItem | undefined;
  private readonly log = new RedactingLog(vscode.l10n.t('Momento Live Sandbox'));

  /** `onChange` runs whenever a sandbox starts, is adopted or stops: the sandbox target changed. */
  constructor(private readonly context: vscode.ExtensionContext, private readonly keyStore: KeyStore, private readonly onChange: () => void) {
    context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('momentoLive.target')) this.render();
    }));
    const handoff = process.env[EXTERNAL_SANDBOX_ENV];
    if (handoff) void this.attach(handoff);
    this.render();
  }

  private async attach(file: string): Promise<void> {
    try {
      this.external = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file)))) as RunningInfo;
    } catch {
      this.log.error(vscode.l10n.t('{0} does not name a readable file holding the JSON line of live-origin sandbox --json; ignored.', EXTERNAL_SANDBOX_ENV));
      return;
    }
    await this.adopt(this.external);
  }

  private get statusItem(): vscode.StatusBarItem {
    if (!this.statusItemInstance) {
      this.statusItemInstance = vscode.window.createStatusBarItem('momentoLive.sandbox', vscode.StatusBarAlignment.Left, 10);
      this.statusItemInstance.name = vscode.l10n.t('Momento Live sandbox');
    }
    return this.statusItemInstance;
  }

  get info(): RunningInfo | undefined {
    return this.process?.info ?? this.external;
  }

  async start(): Promise<RunningInfo | undefined> {
    if (this.info) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The local sandbox is already running.'));
      return this.info;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? this.context.globalStorageUri;
    const dir = vscode.Uri.joinPath(folder, 'live-origin-sandbox');
    const cli = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'cli.js');
    try {
      this.process = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting the local sandbox (Momento, MediaLive, CloudFront)…') },
        () => SandboxProcess.start(cli.fsPath, dir.fsPath, (line) => this.log.info(line)),
      );
    } catch (error) {
      const message = (error as Error).message;
      this.log.error(message);
      const missingFfmpeg = /ffmpeg/i.test(message);
      void vscode.window.showErrorMessage(missingFfmpeg
        ? vscode.l10n.t('The local sandbox could not start: {0}. Install the Debian package ffmpeg (apt-get install ffmpeg).', message)
        : vscode.l10n.t('The local sandbox could not start: {0}. See the Momento Live Sandbox output.', message));
      return undefined;
    }
    this.process.onExit((code) => {
      this.log.info(vscode.l10n.t('The sandbox stopped (exit code {0}).', String(code)));
      this.process = undefined;
      this.render();
      this.onChange();
    });
    if (targetSetting() !== 'sandbox') {
      await vscode.workspace.getConfiguration('momentoLive').update('target', 'sandbox', vscode.ConfigurationTarget.Workspace);
      this.log.info(vscode.l10n.t('momentoLive.target is now "sandbox" for this workspace.'));
    }
    await this.adopt(this.process.info);
    await vscode.window.showTextDocument(vscode.Uri.file(this.process.info.liveOriginJson));
    return this.process.info;
  }

  async stop(): Promise<void> {
    if (this.external && !this.process) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This sandbox was started with npm start; stop it there with Ctrl-C.'));
      return;
    }
    await this.process?.stop();
    this.process = undefined;
    this.render();
    this.onChange();
  }

  /** The sandbox's keys go to secret storage under the names its live-origin.json uses. */
  private async adopt(info: RunningInfo): Promise<void> {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(info.liveOriginJson)));
      const keys = (JSON.parse(text) as { momento?: { keys?: { encoder?: string; player?: string } } }).momento?.keys;
      const keyNames = { encoder: keys?.encoder, player: keys?.player };
      if (keyNames.encoder) await this.keyStore.set({ role: 'encoder', keyNames }, info.momento.encoderKey);
      if (keyNames.player) await this.keyStore.set({ role: 'player', keyNames }, info.momento.playerKey);
      await this.keyStore.set({ role: 'account', target: 'sandbox' }, info.momento.apiKey);
    } catch (error) {
      this.log.warn(vscode.l10n.t('Could not store the sandbox keys: {0}', (error as Error).message));
    }
    this.log.info(vscode.l10n.t('Sandbox running: Momento {0}, MediaLive {1}, CloudFront {2}, edge {3}.',
      info.momento.httpEndpoint, info.medialive.endpoint, info.cloudfront.endpoint, info.cloudfront.edge));
    this.render();
    this.onChange();
  }

  private render(): void {
    const info = this.info;
    if (info || this.statusItemInstance) void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, info !== undefined);
    if (!info && targetSetting() !== 'sandbox') {
      this.statusItemInstance?.hide();
      return;
    }
    if (!info) {
      this.statusItem.text = '$(debug-disconnect) ' + vscode.l10n.t('Sandbox');
      this.statusItem.tooltip = vscode.l10n.t('Local sandbox stopped. Click to start it.');
      this.statusItem.command = 'momentoLive.sandbox.start';
    } else {
      this.statusItem.text = '$(radio-tower) ' + vscode.l10n.t('Sandbox');
      const tooltip = new vscode.MarkdownString(vscode.l10n.t('**Local sandbox running**'));
      // Only the extension's own commands may run from the tooltip's links.
      tooltip.isTrusted = { enabledCommands: ['momentoLive.player.open', 'momentoLive.sandbox.stop'] };
      tooltip.appendMarkdown(`\n\n- Momento: \`${info.momento.httpEndpoint}\`\n- MediaLive: \`${info.medialive.endpoint}\`\n- CloudFront: \`${info.cloudfront.endpoint}\``);
      const links = [`[${vscode.l10n.t('Stop the sandbox')}](command:momentoLive.sandbox.stop)`];
      if (info.stream) links.unshift(`[${vscode.l10n.t('Open the player')}](command:momentoLive.player.open?${encodeURIComponent(JSON.stringify([{ source: 'edge' }]))})`);
      if (info.stream?.playerUrl) links.push(`[${vscode.l10n.t('Its web page')}](${info.stream.playerUrl})`);
      tooltip.appendMarkdown(`\n\n${links.join(' · ')}`);
      this.statusItem.tooltip = tooltip;
      // With a stream running, a click opens it in the player; the tooltip keeps Stop one click away.
      this.statusItem.command = info.stream
        ? { title: vscode.l10n.t('Open the player'), command: 'momentoLive.player.open', arguments: [{ source: 'edge' }] }
        : 'momentoLive.sandbox.stop';
    }
    this.statusItem.show();
  }

  dispose(): void {
    void this.process?.stop();
    this.statusItemInstance?.dispose();
    this.log.dispose();
  }
}
