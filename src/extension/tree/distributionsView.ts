// The CloudFront distributions view: id, domain, status, enabled; under each the namespace it
// fronts and the findings of the editor's CloudFront rules.
import * as vscode from 'vscode';
import { auditDistribution, distributionFronts } from '../../audit/distributionAudit';
import type { DistributionItem } from '../../cloud/cloudfront';
import type { CloudTarget } from '../../cloud/target';
import { cloud } from '../cloud';
import { workspaceLiveOrigin } from '../workspaceConfig';
import { linkedChildren, type ExplorerNode } from './nodes';
import type { Explain, ResourceSource } from './pagedView';

export const DISTRIBUTIONS_VIEW = 'momentoLive.distributions';

export class DistributionNode implements ExplorerNode {
  readonly id: string;

  constructor(readonly distribution: DistributionItem, readonly target: CloudTarget, private readonly explain: Explain) {
    this.id = `${DISTRIBUTIONS_VIEW}/${distribution.id}`;
  }

  treeItem(): vscode.TreeItem {
    const { id, domainName, status, enabled } = this.distribution;
    const item = new vscode.TreeItem(id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = `${domainName} · ${status}${enabled ? '' : ` · ${vscode.l10n.t('disabled')}`}`;
    item.iconPath = new vscode.ThemeIcon(status === 'Deployed' ? 'globe' : 'loading~spin');
    item.tooltip = this.distribution.comment ?? domainName;
    item.contextValue = 'momentoLive.distribution';
    return item;
  }

  children(): Promise<ExplorerNode[]> {
    return linkedChildren(this, async () => {
      const config = await (await cloud()).distributionConfig(this.target, this.distribution.id);
      const workspace = await workspaceLiveOrigin();
      const fronts = distributionFronts(config);
      // live-origin.json speaks for the distribution of its own namespace; others are audited on their own.
      const governed = workspace !== undefined && fronts.namespace === workspace.namespace;
      return {
        ...fronts,
        linkLabel: (namespace) => vscode.l10n.t('fronts namespace {0}', namespace),
        findings: auditDistribution(config, governed ? {
          namespace: workspace.namespace,
          momentoRestEndpoint: workspace.restEndpoint,
          segmentLengthSeconds: workspace.segmentLengthSeconds,
        } : {}),
      };
    }, (error) => this.explain(error, this.target));
  }
}

export function distributionsSource(explain: Explain): ResourceSource<DistributionItem> {
  return {
    viewId: DISTRIBUTIONS_VIEW,
    load: async (target, pageSize, next) => (await cloud()).listDistributions(target, pageSize, next),
    node: (item, target) => new DistributionNode(item, target, explain),
  };
}
