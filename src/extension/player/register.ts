// The player's command and its panel serializer, registered at activation; everything else of the
// player (the panel, the protocol host, the loopback server) loads on first use.
import * as vscode from 'vscode';
import type { DistributionItem } from '../../cloud/cloudfront';
import type { CloudTarget } from '../../cloud/target';
import type { SourceKind, StreamRef } from '../../protocol/messages';
import type { KeyStore } from '../keys/keyStore';
import type { RunningInfo } from '../sandbox/sandboxProcess';
import type { TargetController } from '../target/targetController';
import { workspaceLiveOrigin } from '../workspaceConfig';
import type { PlayerEnv } from './playerPanel';
import type { PlayerProbe } from './probe';
import type { StreamContext } from './streams';
import { PLAYER_VIEW_TYPE } from './viewType';

export interface PlayerDeps {
  targets: TargetController;
  sandbox: () => RunningInfo | undefined;
  keyStore: KeyStore;
  probe: PlayerProbe;
}

/** The explorer nodes the command accepts, by the fields it reads (see src/extension/tree). */
type NodeArg =
  | { namespace: { name: string }; target: CloudTarget }
  | { channel: { id: string; name: string }; target: CloudTarget }
  | { distribution: DistributionItem; target: CloudTarget };

/** live-origin.json's stream, read from this source without asking (the sandbox status item). */
type SourceArg = { source: SourceKind };

export function registerPlayer(context: vscode.ExtensionContext, deps: PlayerDeps): void {
  const env: PlayerEnv = { extensionUri: context.extensionUri, probe: deps.probe, playerKey: (stream) => playerKey(deps, stream) };
  context.subscriptions.push(
    vscode.commands.registerCommand('momentoLive.player.open', async (node?: NodeArg | SourceArg) => {
      try {
        const stream = node && !('source' in node) ? await nodeStream(deps, node) : await paletteStream(deps, node?.source);
        if (!stream) return;
        await (await import('../features')).openPlayer(env, stream);
      } catch (error) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not open the player: {0}', (error as Error).message));
      }
    }),
    vscode.window.registerWebviewPanelSerializer(PLAYER_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => (await import('../features')).restorePlayer(env, panel, state),
    }),
  );
}

async function playerKey(deps: PlayerDeps, stream: StreamRef): Promise<string | undefined> {
  const keyNames = (await workspaceLiveOrigin())?.keyNames ?? {};
  const stored = await deps.keyStore.get({ role: 'player', keyNames });
  if (stored) return stored;
  // A sandbox started without a workspace live-origin.json naming the key: its own player key.
  const sandbox = deps.sandbox();
  const origin = stream.sources.find((s) => s.kind === 'origin');
  return sandbox && origin?.url.startsWith(`${sandbox.momento.httpEndpoint}/`) ? sandbox.momento.playerKey : undefined;
}

function streamContext(deps: PlayerDeps, target: CloudTarget): StreamContext {
  return { target, sandboxEdge: target.kind === 'sandbox' ? deps.sandbox()?.cloudfront.edge : undefined };
}

async function nodeStream(deps: PlayerDeps, node: NodeArg): Promise<StreamRef> {
  const streams = await import('../features');
  const context = streamContext(deps, node.target);
  if ('namespace' in node) return streams.namespaceStream(context, node.namespace.name);
  if ('channel' in node) return streams.channelStream(context, node.channel.id, node.channel.name);
  return streams.distributionStream(context, node.distribution);
}

/** live-origin.json's stream on the configured target; asks origin or edge when both exist. */
async function paletteStream(deps: PlayerDeps, source?: SourceKind): Promise<StreamRef | undefined> {
  const resolved = await deps.targets.resolve();
  if (!resolved.ok) throw new Error(resolved.message);
  const streams = await import('../features');
  const knownEdge = resolved.target.kind === 'sandbox' ? deps.sandbox()?.stream?.playbackUrl : undefined;
  const stream = await streams.workspaceStream(streamContext(deps, resolved.target), knownEdge);
  if (stream.sources.length < 2) return stream;
  if (source && stream.sources.some((candidate) => candidate.kind === source)) return { ...stream, preferred: source };
  type Choice = vscode.QuickPickItem & { source: SourceKind };
  const choices: Choice[] = stream.sources.map((source) => ({
    source: source.kind,
    label: source.kind === 'origin' ? `$(database) ${vscode.l10n.t('From the origin (Momento, with the player key)')}` : `$(globe) ${vscode.l10n.t('Through the distribution (as viewers play it)')}`,
    description: source.url,
  }));
  const chosen = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Open the player'), placeHolder: vscode.l10n.t('Where the player reads the stream') });
  return chosen ? { ...stream, preferred: chosen.source } : undefined;
}
