// The three views of the Momento Live container and their commands: refresh, load more, retry,
// reveal, and the actions on namespaces, channels and distributions.
import * as vscode from 'vscode';
import type { CloudTarget } from '../../cloud/target';
import { buildDestinationUrl } from '../../config/destinationUrl';
import { cloud } from '../cloud';
import type { TargetController } from '../target/targetController';
import { workspaceLiveOrigin } from '../workspaceConfig';
import { ChannelNode, channelsSource, CHANNELS_VIEW } from './channelsView';
import { DistributionNode, distributionsSource, DISTRIBUTIONS_VIEW } from './distributionsView';
import { runSignIn, SIGN_IN_COMMAND } from './awsSignIn';
import { explainFailure } from './explain';
import { NamespaceNode, namespacesSource, NAMESPACES_VIEW, type NamespaceEntry } from './namespacesView';
import type { ExplorerNode } from './nodes';
import { PagedView } from './pagedView';
import { showChannelJson } from './channelDocument';

export interface Explorer {
  namespaces: PagedView<NamespaceEntry>;
  channels: PagedView<unknown>;
  distributions: PagedView<unknown>;
}

export function registerExplorer(
  context: vscode.ExtensionContext,
  targets: TargetController,
  accountKey: (target: CloudTarget) => Promise<string | undefined>,
  log: () => vscode.LogOutputChannel,
): Explorer {
  const pageSize = () => vscode.workspace.getConfiguration('momentoLive.explorer').get<number>('pageSize', 25);
  const explain = async (error: unknown, target?: CloudTarget) => {
    const message = await explainFailure(error, target);
    log().warn(message);
    return message;
  };
  const namespaces = new PagedView(namespacesSource(accountKey), targets, pageSize, explain);
  const channels = new PagedView(channelsSource(explain), targets, pageSize, explain);
  const distributions = new PagedView(distributionsSource(explain), targets, pageSize, explain);
  const views = new Map<string, PagedView<never>>([
    [NAMESPACES_VIEW, namespaces as PagedView<never>], [CHANNELS_VIEW, channels as PagedView<never>], [DISTRIBUTIONS_VIEW, distributions as PagedView<never>],
  ]);
  const namespaceTree = vscode.window.createTreeView(NAMESPACES_VIEW, { treeDataProvider: namespaces, showCollapseAll: false });
  const refreshAll = () => views.forEach((view) => view.refresh());

  const act = async (what: string, action: () => Promise<unknown>, after: () => void) => {
    try {
      await action();
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} failed: {1}', what, await explain(error)));
    }
    after();
  };

  context.subscriptions.push(
    namespaceTree,
    vscode.window.createTreeView(CHANNELS_VIEW, { treeDataProvider: channels, showCollapseAll: true }),
    vscode.window.createTreeView(DISTRIBUTIONS_VIEW, { treeDataProvider: distributions, showCollapseAll: true }),
    namespaces, channels, distributions,
    targets.onDidChange(refreshAll),
    vscode.commands.registerCommand('momentoLive.target.select', () => targets.select()),
    vscode.commands.registerCommand('momentoLive.explorer.refresh', (viewId?: string) => (viewId && views.has(viewId) ? views.get(viewId)!.refresh() : refreshAll())),
    vscode.commands.registerCommand('momentoLive.explorer.refreshNamespaces', () => namespaces.refresh()),
    vscode.commands.registerCommand('momentoLive.explorer.refreshChannels', () => channels.refresh()),
    vscode.commands.registerCommand('momentoLive.explorer.refreshDistributions', () => distributions.refresh()),
    vscode.commands.registerCommand('momentoLive.explorer.refreshNode', (node: ExplorerNode) => {
      for (const view of views.values()) view.refresh(node);
    }),
    vscode.commands.registerCommand('momentoLive.explorer.loadMore', (viewId: string) => views.get(viewId)?.loadMore()),
    vscode.commands.registerCommand('momentoLive.explorer.showLog', () => log().show()),
    vscode.commands.registerCommand(SIGN_IN_COMMAND, (commandLine: string) => runSignIn(commandLine)),
    vscode.commands.registerCommand('momentoLive.explorer.revealNamespace', async (name: string) => {
      await namespaces.getChildren();
      const node = namespaces.nodes.find((candidate) => candidate instanceof NamespaceNode && candidate.namespace.name === name);
      if (node) await namespaceTree.reveal(node, { select: true, focus: true });
      else void vscode.window.showWarningMessage(vscode.l10n.t('Namespace {0} is not in the namespaces of the current target.', name));
    }),
    vscode.commands.registerCommand('momentoLive.channel.start', (node: ChannelNode) =>
      act(vscode.l10n.t('Starting channel {0}', node.channel.name), async () => (await cloud()).startChannel(node.target, node.channel.id), () => {
        node.channel = { ...node.channel, state: 'STARTING' };
        channels.refresh(node);
        node.watch(1000);
      })),
    vscode.commands.registerCommand('momentoLive.channel.stop', async (node: ChannelNode, confirmed?: boolean) => {
      const stop = vscode.l10n.t('Stop');
      if (!confirmed && await vscode.window.showWarningMessage(vscode.l10n.t('Stop channel {0}? Viewers lose the stream until it is started again.', node.channel.name), { modal: true }, stop) !== stop) return;
      await act(vscode.l10n.t('Stopping channel {0}', node.channel.name), async () => (await cloud()).stopChannel(node.target, node.channel.id), () => {
        node.channel = { ...node.channel, state: 'STOPPING' };
        channels.refresh(node);
        node.watch(1000);
      });
    }),
    vscode.commands.registerCommand('momentoLive.channel.show', async (node: ChannelNode) =>
      act(vscode.l10n.t('Reading channel {0}', node.channel.name), async () => showChannelJson(node.channel.id, await (await cloud()).describeChannel(node.target, node.channel.id)), () => undefined)),
    vscode.commands.registerCommand('momentoLive.namespace.create', async (name?: string) => {
      const resolved = await targets.resolve();
      if (!resolved.ok) return void vscode.window.showErrorMessage(resolved.message);
      const key = await accountKey(resolved.target);
      if (!key) return void vscode.commands.executeCommand('momentoLive.keys.setAccount');
      const chosen = name ?? await vscode.window.showInputBox({
        title: vscode.l10n.t('Create a Momento namespace'),
        value: (await workspaceLiveOrigin())?.namespace ?? 'live-origin',
        validateInput: (text) => (/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/.test(text) ? undefined : vscode.l10n.t('Letters, digits, ".", "_" and "-", starting with a letter or digit.')),
      });
      if (!chosen) return;
      await act(vscode.l10n.t('Creating namespace {0}', chosen), async () => (await cloud()).createNamespace(resolved.target, key, chosen), () => namespaces.refresh());
    }),
    vscode.commands.registerCommand('momentoLive.namespace.delete', async (node: NamespaceNode, confirmed?: boolean) => {
      const key = await accountKey(node.target);
      if (!key) return;
      const remove = vscode.l10n.t('Delete');
      const question = vscode.l10n.t('Delete namespace {0}? Every playlist and segment in it is lost, and an encoder publishing into it fails.', node.namespace.name);
      if (!confirmed && await vscode.window.showWarningMessage(question, { modal: true }, remove) !== remove) return;
      await act(vscode.l10n.t('Deleting namespace {0}', node.namespace.name), async () => (await cloud()).deleteNamespace(node.target, key, node.namespace.name), () => namespaces.refresh());
    }),
    vscode.commands.registerCommand('momentoLive.namespace.copyRestUrl', async (node: NamespaceNode) => {
      await vscode.env.clipboard.writeText(`${restBase(node.target, (await workspaceLiveOrigin())?.restEndpoint)}/cache/${node.namespace.name}`);
    }),
    vscode.commands.registerCommand('momentoLive.namespace.copyDestinationUrl', async (node: NamespaceNode) => {
      const config = await workspaceLiveOrigin();
      const restEndpoint = new URL(restBase(node.target, config?.restEndpoint)).host;
      await vscode.env.clipboard.writeText(buildDestinationUrl({ restEndpoint, namespace: node.namespace.name, manifestName: 'playlist', ttlSeconds: config?.ttlSeconds ?? 3600 }));
    }),
    vscode.commands.registerCommand('momentoLive.distribution.copyPlaybackUrl', async (node: DistributionNode) => {
      await vscode.env.clipboard.writeText(`https://${node.distribution.domainName}/playlist.m3u8`);
    }),
  );
  return { namespaces, channels: channels as PagedView<unknown>, distributions: distributions as PagedView<unknown> };
}

/** The Momento REST base: the sandbox's own HTTP endpoint, or the workspace's REST endpoint. */
function restBase(target: CloudTarget, restEndpoint: string | undefined): string {
  if (target.endpoints.momentoHttp) return target.endpoints.momentoHttp;
  return `https://${restEndpoint ?? 'api.cache.cell-4-us-west-2-1.prod.a.momentohq.com'}`;
}
