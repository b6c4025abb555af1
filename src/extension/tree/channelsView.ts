// The MediaLive channels view: name, state (text and icon), class; under each channel the
// namespace its HLS destination publishes to and the findings of the editor's rules. A channel in
// a transitional state refreshes itself with backoff until it settles.
import * as vscode from 'vscode';
import { auditChannel, channelPublishTarget } from '../../audit/channelAudit';
import type { ChannelItem } from '../../cloud/medialive';
import type { CloudTarget } from '../../cloud/target';
import { cloud } from '../cloud';
import { workspaceLiveOrigin } from '../workspaceConfig';
import { channelStateIcon, isTransitional } from './channelStates';
import { linkedChildren, type ExplorerNode } from './nodes';
import type { Explain, PagedView, ResourceSource } from './pagedView';

export const CHANNELS_VIEW = 'momentoLive.channels';
const FIRST_POLL_MS = 1000;
const MAX_POLL_MS = 8000;

export class ChannelNode implements ExplorerNode {
  readonly id: string;
  private poll: ReturnType<typeof setTimeout> | undefined;

  constructor(public channel: ChannelItem, readonly target: CloudTarget, private readonly view: PagedView<ChannelItem>, private readonly explain: Explain) {
    this.id = `${CHANNELS_VIEW}/${channel.id}`;
    if (isTransitional(channel.state)) this.watch(FIRST_POLL_MS);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.channel.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = [this.channel.state, this.channel.channelClass].filter(Boolean).join(' · ');
    item.iconPath = channelStateIcon(this.channel.state);
    item.tooltip = vscode.l10n.t('Channel {0} ({1}): {2}', this.channel.name, this.channel.id, this.channel.state);
    item.contextValue = `momentoLive.channel.${this.channel.state}`;
    return item;
  }

  children(): Promise<ExplorerNode[]> {
    return linkedChildren(this, async () => {
      const description = await (await cloud()).describeChannel(this.target, this.channel.id);
      const config = await workspaceLiveOrigin();
      const published = channelPublishTarget(description);
      // live-origin.json speaks for its own channel and namespace; other channels are audited on their own.
      const governed = config !== undefined && (description.Name === config.channelName || published.namespace === config.namespace);
      return {
        ...published,
        linkLabel: (namespace) => vscode.l10n.t('publishes to namespace {0}', namespace),
        findings: auditChannel(description, governed ? { namespace: config.namespace, momentoRestEndpoint: config.restEndpoint, ttlSeconds: config.ttlSeconds } : {}),
      };
    }, (error) => this.explain(error, this.target));
  }

  /** Re-reads the channel's state until it settles, waiting longer each time. */
  watch(delayMs: number): void {
    clearTimeout(this.poll);
    this.poll = setTimeout(async () => {
      try {
        const described = await (await cloud()).describeChannel(this.target, this.channel.id);
        this.channel = { ...this.channel, state: described.State ?? this.channel.state };
      } catch {
        // A failed poll keeps the last known state; the next one tries again.
      }
      this.view.refresh(this);
      if (isTransitional(this.channel.state)) this.watch(Math.min(delayMs * 2, MAX_POLL_MS));
    }, delayMs);
  }

  dispose(): void {
    clearTimeout(this.poll);
  }
}

export function channelsSource(explain: Explain): ResourceSource<ChannelItem> {
  return {
    viewId: CHANNELS_VIEW,
    load: async (target, pageSize, next) => (await cloud()).listChannels(target, pageSize, next),
    node: (item, target, view) => new ChannelNode(item, target, view, explain),
  };
}
