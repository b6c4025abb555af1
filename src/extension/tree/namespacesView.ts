// The Momento namespaces view: each namespace, whether it holds a live stream (its master
// playlist) and how fresh the newest segment is; the one live-origin.json names is marked.
// Listing needs the account key; without it the view offers the command that sets it.
import * as vscode from 'vscode';
import type { LiveStatus, NamespaceItem } from '../../cloud/momento';
import type { CloudTarget } from '../../cloud/target';
import { cloud } from '../cloud';
import { workspaceLiveOrigin } from '../workspaceConfig';
import { MessageNode, type ExplorerNode } from './nodes';
import type { ResourceSource } from './pagedView';

export const NAMESPACES_VIEW = 'momentoLive.namespaces';

export interface NamespaceEntry extends NamespaceItem {
  status?: LiveStatus;
  /** live-origin.json of the workspace names this namespace. */
  configured: boolean;
}

export class NamespaceNode implements ExplorerNode {
  readonly id: string;

  constructor(public namespace: NamespaceEntry, readonly target: CloudTarget) {
    this.id = `${NAMESPACES_VIEW}/${namespace.name}`;
  }

  treeItem(): vscode.TreeItem {
    const { name, status, configured } = this.namespace;
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const live = status?.live
      ? status.newestSegmentAgeSeconds === undefined
        ? vscode.l10n.t('live')
        : vscode.l10n.t('live · newest segment {0} s ago', status.newestSegmentAgeSeconds.toFixed(0))
      : vscode.l10n.t('no stream');
    item.description = configured ? `${live} · live-origin.json` : live;
    item.iconPath = new vscode.ThemeIcon(status?.live ? 'broadcast' : 'database', configured ? new vscode.ThemeColor('charts.blue') : undefined);
    item.contextValue = 'momentoLive.namespace';
    return item;
  }
}

export function namespacesSource(accountKey: (target: CloudTarget) => Promise<string | undefined>): ResourceSource<NamespaceEntry> {
  return {
    viewId: NAMESPACES_VIEW,
    async missing(target) {
      if (await accountKey(target)) return undefined;
      return new MessageNode(`${NAMESPACES_VIEW}/key`, vscode.l10n.t('Set the Momento account key to list namespaces'), {
        icon: 'key',
        command: { title: vscode.l10n.t('Set the Momento account key'), command: 'momentoLive.keys.setAccount' },
        contextValue: 'momentoLive.missingKey',
      });
    },
    async load(target, pageSize, next) {
      const key = (await accountKey(target))!;
      const { listNamespaces, liveStatus } = await cloud();
      const all = await listNamespaces(target, key);
      const start = next === undefined ? 0 : Number(next);
      const page = all.slice(start, start + pageSize);
      const items = await Promise.all(page.map(async (namespace) => ({
        ...namespace,
        configured: false,
        status: await liveStatus(target, key, namespace.name).catch(() => undefined),
      })));
      return { items, next: start + pageSize < all.length ? String(start + pageSize) : undefined };
    },
    node: (item, target, view) => {
      const node = new NamespaceNode(item, target);
      // Finding live-origin.json may search the workspace (a process); the list does not wait for it.
      void workspaceLiveOrigin().then((config) => {
        if (config?.namespace !== item.name) return;
        node.namespace = { ...node.namespace, configured: true };
        view.refresh(node);
      });
      return node;
    },
  };
}
