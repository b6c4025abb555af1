// A view that lists one kind of resource of the current target: page by page with "Load more", a
// message node when the target or a key is missing, an error node with Retry when a load fails.
import * as vscode from 'vscode';
import type { Page } from '../../cloud/page';
import type { CloudTarget } from '../../cloud/target';
import type { TargetController } from '../target/targetController';
import { signInCommand } from './awsSignIn';
import { errorNode, MessageNode, type ExplorerNode } from './nodes';

export interface ResourceSource<T> {
  readonly viewId: string;
  /** A node shown instead of the list when something the load needs is missing (a key). */
  missing?(target: CloudTarget): Promise<ExplorerNode | undefined>;
  load(target: CloudTarget, pageSize: number, next?: string): Promise<Page<T>>;
  node(item: T, target: CloudTarget, view: PagedView<T>): ExplorerNode;
}

export type Explain = (error: unknown, target?: CloudTarget) => Promise<string>;

export class PagedView<T> implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private loaded: { target: CloudTarget; nodes: ExplorerNode[]; next?: string } | undefined;
  private notice: ExplorerNode | undefined;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly source: ResourceSource<T>,
    private readonly targets: TargetController,
    private readonly pageSize: () => number,
    private readonly explain: Explain,
  ) {}

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.treeItem();
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (node) return node.children ? node.children() : [];
    if (!this.loaded && !this.notice) await (this.loading ??= this.loadFirst().finally(() => { this.loading = undefined; }));
    if (this.notice) return [this.notice];
    const { nodes, next } = this.loaded!;
    return next === undefined ? nodes : [...nodes, this.loadMoreNode()];
  }

  /** The nodes listed so far (tests and reveal look them up). */
  get nodes(): readonly ExplorerNode[] {
    return this.loaded?.nodes ?? [];
  }

  refresh(node?: ExplorerNode): void {
    if (!node) {
      this.loaded = undefined;
      this.notice = undefined;
    }
    this.changed.fire(node);
  }

  async loadMore(): Promise<void> {
    const loaded = this.loaded;
    if (!loaded?.next) return;
    try {
      const page = await this.source.load(loaded.target, this.pageSize(), loaded.next);
      loaded.nodes.push(...page.items.map((item) => this.source.node(item, loaded.target, this)));
      loaded.next = page.next;
    } catch (error) {
      this.notice = this.failureNode(await this.explain(error, loaded.target));
    }
    this.changed.fire(undefined);
  }

  private async loadFirst(): Promise<void> {
    const resolved = await this.targets.resolve();
    if (!resolved.ok) {
      this.notice = new MessageNode(`${this.source.viewId}/target`, resolved.message, {
        icon: 'plug',
        command: { title: vscode.l10n.t('Choose the target'), command: resolved.kind === 'sandbox' ? 'momentoLive.sandbox.start' : 'momentoLive.target.select' },
      });
      return;
    }
    const { target } = resolved;
    try {
      const missing = await this.source.missing?.(target);
      if (missing) {
        this.notice = missing;
        return;
      }
      const page = await this.source.load(target, this.pageSize());
      this.loaded = { target, nodes: page.items.map((item) => this.source.node(item, target, this)), next: page.next };
      if (page.items.length === 0) {
        this.notice = new MessageNode(`${this.source.viewId}/empty`, vscode.l10n.t('Nothing here in {0}.', target.label), { icon: 'info' });
      }
    } catch (error) {
      this.notice = this.failureNode(await this.explain(error, target));
    }
  }

  private loadMoreNode(): ExplorerNode {
    return new MessageNode(`${this.source.viewId}/more/${this.loaded?.nodes.length ?? 0}`, vscode.l10n.t('Load more…'), {
      icon: 'ellipsis',
      command: { title: vscode.l10n.t('Load more'), command: 'momentoLive.explorer.loadMore', arguments: [this.source.viewId] },
      contextValue: 'momentoLive.loadMore',
    });
  }

  /** Clicking runs the sign-in the message names, if it names one; Retry stays in the context menu. */
  private failureNode(message: string): ExplorerNode {
    return errorNode(`${this.source.viewId}/error`, message, signInCommand(message) ?? this.retryCommand());
  }

  private retryCommand(): vscode.Command {
    return { title: vscode.l10n.t('Retry'), command: 'momentoLive.explorer.refresh', arguments: [this.source.viewId] };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
