// CloudFront distributions of a target: list (paged) and read one's configuration.
import type { CloudFrontClient, DistributionConfig } from '@aws-sdk/client-cloudfront';
import type { Page } from './page';
import { awsClientOptions, type CloudTarget } from './target';

export interface DistributionItem {
  id: string;
  domainName: string;
  status: string;
  enabled: boolean;
  comment?: string;
}

const clients = new WeakMap<CloudTarget, Promise<CloudFrontClient>>();

export function cloudFrontClient(target: CloudTarget): Promise<CloudFrontClient> {
  let created = clients.get(target);
  if (!created) {
    // CloudFront is global: its API is always signed for us-east-1.
    created = import('@aws-sdk/client-cloudfront').then(({ CloudFrontClient }) =>
      new CloudFrontClient({ region: 'us-east-1', ...awsClientOptions(target, target.endpoints.cloudfront) }));
    clients.set(target, created);
  }
  return created;
}

export async function listDistributions(target: CloudTarget, pageSize: number, next?: string): Promise<Page<DistributionItem>> {
  const { ListDistributionsCommand } = await import('@aws-sdk/client-cloudfront');
  const list = (await (await cloudFrontClient(target)).send(new ListDistributionsCommand({ MaxItems: pageSize, Marker: next }))).DistributionList;
  return {
    items: (list?.Items ?? []).map((summary) => ({
      id: summary.Id ?? '',
      domainName: summary.DomainName ?? '',
      status: summary.Status ?? 'Unknown',
      enabled: summary.Enabled ?? false,
      comment: summary.Comment || undefined,
    })),
    next: list?.IsTruncated ? list.NextMarker : undefined,
  };
}

export async function distributionConfig(target: CloudTarget, id: string): Promise<DistributionConfig> {
  const { GetDistributionConfigCommand } = await import('@aws-sdk/client-cloudfront');
  const answer = await (await cloudFrontClient(target)).send(new GetDistributionConfigCommand({ Id: id }));
  if (!answer.DistributionConfig) throw new Error(`Distribution ${id} has no configuration`);
  return answer.DistributionConfig;
}

export async function distributionStatus(target: CloudTarget, id: string): Promise<{ status: string; domainName: string }> {
  const { GetDistributionCommand } = await import('@aws-sdk/client-cloudfront');
  const { Distribution } = await (await cloudFrontClient(target)).send(new GetDistributionCommand({ Id: id }));
  return { status: Distribution?.Status ?? 'Unknown', domainName: Distribution?.DomainName ?? '' };
}
