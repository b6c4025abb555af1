// Entry point: wires the pure core into the editor. Keep it cheap: no SDK is loaded here.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { readSandboxState } from '../cloud/sandboxState';
import { FindingFixProvider } from './codeActions';
import { createConfig, type CreateConfigArgs, type QuestionListener } from './createConfigCommand';
import { registerDeployCommands } from './deploy/deployCommands';
import { DiagnosticsController } from './diagnostics';
import { CONFIG_SELECTOR } from './documents';
import { ConfigHoverProvider } from './hovers';
import { registerKeyCommands } from './keys/keyCommands';
import { KeyStore } from './keys/keyStore';
import { RedactingLog } from './log';
import { PlayerProbe } from './player/probe';
import { registerPlayer } from './player/register';
import { SandboxController } from './sandbox/sandboxController';
import { TargetController } from './target/targetController';
import { registerExplorer, type Explorer } from './tree/explorer';
import { registerVerifyCommand } from './verify/verifyCommand';
import { disposeWorkspaceLiveOrigin } from './workspaceConfig';

/** What activate() returns: its own duration, which `npm run bench` reports next to the host's total. */
export interface ExtensionApi {
  activateMs: number;
  /** The document version the published diagnostics were computed from (tests wait on it). */
  analysedVersion(uri: vscode.Uri): number | undefined;
  /** Fires as Create live-origin.json puts each question to the user. */
  onDidAskQuestion: vscode.Event<Parameters<QuestionListener>[0]>;
  /** The explorer's views, as the tests read them. */
  explorer: Explorer;
  /** The folder of the extension's log files (`Momento Live.log`), which the tests read. */
  logUri: vscode.Uri;
  /** Open players' message traffic, stats and page document, as the tests read them. */
  player: PlayerProbe;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  // The core translates its messages with @vscode/l10n; hand it the bundle VS Code loaded for us.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });

  const diagnostics = new DiagnosticsController();
  const log = new RedactingLog(vscode.l10n.t('Momento Live'));
  const keyStore = new KeyStore(context.secrets, log);
  const sandbox: SandboxController = new SandboxController(context, keyStore, () => targets.invalidate());
  const targets = new TargetController(() => sandbox.info);
  const explorer = registerExplorer(context, targets, (target) => keyStore.get({ role: 'account', target: target.kind }), () => log);
  registerKeyCommands(context, keyStore, log);
  const player = new PlayerProbe();
  registerPlayer(context, { targets, sandbox: () => sandbox.info, keyStore, probe: player });
  registerDeployCommands(context, targets, keyStore, () => log);
  registerVerifyCommand(context, { targets, keyStore, log, sandboxEdge: () => sandbox.info?.cloudfront.edge ?? readSandboxState()?.edge });
  const questionAsked = new vscode.EventEmitter<Parameters<QuestionListener>[0]>();
  context.subscriptions.push(
    diagnostics,
    questionAsked,
    targets,
    log,
    { dispose: disposeWorkspaceLiveOrigin },
    keyStore,
    keyStore.onDidChange(() => explorer.namespaces.refresh()),
    vscode.languages.registerCodeActionsProvider([...CONFIG_SELECTOR as vscode.DocumentFilter[], { language: 'm3u8' }], new FindingFixProvider(diagnostics), FindingFixProvider.metadata),
    vscode.languages.registerHoverProvider(CONFIG_SELECTOR, new ConfigHoverProvider()),
    vscode.commands.registerCommand('momentoLive.createConfig', (args?: CreateConfigArgs | vscode.Uri) =>
      createConfig(args instanceof vscode.Uri ? { folder: args } : args, (question) => questionAsked.fire(question))),
    sandbox,
    vscode.commands.registerCommand('momentoLive.sandbox.start', () => sandbox.start()),
    vscode.commands.registerCommand('momentoLive.sandbox.stop', () => sandbox.stop()),
  );
  return {
    activateMs: performance.now() - started,
    analysedVersion: (uri) => diagnostics.analysedVersion(uri),
    onDidAskQuestion: questionAsked.event,
    explorer,
    logUri: context.logUri,
    player,
  };
}

/** A window closed within seconds of loading the SDK bundle still leaves its code cache for the next. */
export async function deactivate(): Promise<void> {
  (await import('../bundles/loadApart')).writePendingCodeCaches();
}
