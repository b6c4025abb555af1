// The kinds of node every explorer view shows besides its resources: a message (error, missing
// credentials, empty), "Load more", a finding with its code, and a link to another view's node.
import * as vscode from 'vscode';
import type { AuditFinding } from '../../audit/auditFinding';

export interface ExplorerNode {
  readonly id: string;
  treeItem(): vscode.TreeItem;
  children?(): Promise<ExplorerNode[]>;
  readonly parent?: ExplorerNode;
}

export class MessageNode implements ExplorerNode {
  constructor(
    readonly id: string,
    private readonly label: string,
    private readonly options: { icon: string; tooltip?: string; command?: vscode.Command; contextValue?: string; parent?: ExplorerNode },
  ) {}

  get parent(): ExplorerNode | undefined {
    return this.options.parent;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.options.icon);
    item.tooltip = this.options.tooltip ?? this.label;
    item.command = this.options.command;
    item.contextValue = this.options.contextValue;
    return item;
  }
}

/** A failed load: the message, and "Retry" / "Show log" in its context menu; clicking retries. */
export function errorNode(id: string, message: string, retry: vscode.Command, parent?: ExplorerNode): MessageNode {
  return new MessageNode(id, message, { icon: 'error', tooltip: message, command: retry, contextValue: 'momentoLive.error', parent });
}

export class FindingNode implements ExplorerNode {
  constructor(readonly id: string, readonly parent: ExplorerNode, readonly code: string, private readonly severity: string, private readonly message: string, private readonly field: string) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.code, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.field;
    item.tooltip = new vscode.MarkdownString().appendText(this.message);
    item.iconPath = new vscode.ThemeIcon(this.severity === 'error' ? 'error' : this.severity === 'warning' ? 'warning' : 'info');
    item.contextValue = 'momentoLive.finding';
    return item;
  }
}

/**
 * What a channel or distribution shows under it: the namespace it is linked to (clicking reveals
 * it in the namespaces view), then its audit findings; or an error node with Retry when reading
 * the resource failed.
 */
export async function linkedChildren(
  parent: ExplorerNode,
  read: () => Promise<{ namespace?: string; host?: string; linkLabel: (namespace: string) => string; findings: AuditFinding[] }>,
  explain: (error: unknown) => Promise<string>,
): Promise<ExplorerNode[]> {
  try {
    const { namespace, host, linkLabel, findings } = await read();
    const link: ExplorerNode[] = namespace ? [new MessageNode(`${parent.id}/namespace`, linkLabel(namespace), {
      icon: 'database',
      tooltip: host,
      command: { title: vscode.l10n.t('Reveal the namespace'), command: 'momentoLive.explorer.revealNamespace', arguments: [namespace] },
      parent,
    })] : [];
    return [...link, ...findings.map((finding, index) => new FindingNode(`${parent.id}/finding/${index}`, parent, finding.code, finding.severity, finding.message, finding.field))];
  } catch (error) {
    const retry = { title: vscode.l10n.t('Retry'), command: 'momentoLive.explorer.refreshNode', arguments: [parent] };
    return [errorNode(`${parent.id}/error`, await explain(error), retry, parent)];
  }
}
