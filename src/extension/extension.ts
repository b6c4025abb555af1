// Entry point: wires the pure core into the editor. Keep it cheap: no SDK is loaded here.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { FindingFixProvider } from './codeActions';
import { createConfig, type CreateConfigArgs, type QuestionListener } from './createConfigCommand';
import { DiagnosticsController } from './diagnostics';
import { CONFIG_SELECTOR } from './documents';
import { ConfigHoverProvider } from './hovers';
import { SandboxController } from './sandbox/sandboxController';

/** What activate() returns: its own duration, which `npm run bench` reports next to the host's total. */
export interface ExtensionApi {
  activateMs: number;
  /** The document version the published diagnostics were computed from (tests wait on it). */
  analysedVersion(uri: vscode.Uri): number | undefined;
  /** Fires as Create live-origin.json puts each question to the user. */
  onDidAskQuestion: vscode.Event<Parameters<QuestionListener>[0]>;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  // The core translates its messages with @vscode/l10n; hand it the bundle VS Code loaded for us.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });

  const diagnostics = new DiagnosticsController();
  const sandbox = new SandboxController(context);
  const questionAsked = new vscode.EventEmitter<Parameters<QuestionListener>[0]>();
  context.subscriptions.push(
    diagnostics,
    questionAsked,
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
  };
}

export function deactivate(): void {}
