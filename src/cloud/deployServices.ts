// The services plan and apply act on (src/deploy/services.ts), over the real SDK clients of a
// target: the same code for AWS and Momento as for the sandbox, only endpoints and credentials differ.
import type { DeployServices, Tags } from '../deploy/services';
import { cloudFrontClient } from './cloudfront';
import { mediaLiveClient } from './medialive';
import { createNamespace, listNamespaces } from './momento';
import { readParameter, writeParameter } from './ssm';
import type { CloudTarget } from './target';

/** A listing longer than this many pages is not an account to plan against; stop rather than loop. */
const MAX_PAGES = 100;

async function allPages<T>(fetchPage: (token?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await fetchPage(token);
    items.push(...answer.items);
    if (!answer.next) return items;
    token = answer.next;
  }
  throw new Error(`More than ${MAX_PAGES} pages of results: narrow the account or region.`);
}

function originDomain(domain: string | undefined, policy: string | undefined, port: number | undefined): string {
  return policy === 'http-only' && port && port !== 80 ? `${domain}:${port}` : domain ?? '';
}

export function deployServices(target: CloudTarget, accountKey: string): DeployServices {
  const ml = async () => ({ sdk: await import('@aws-sdk/client-medialive'), client: await mediaLiveClient(target) });
  const cf = async () => ({ sdk: await import('@aws-sdk/client-cloudfront'), client: await cloudFrontClient(target) });
  return {
    namespaces: async () => (await listNamespaces(target, accountKey)).map((namespace) => namespace.name),
    createNamespace: (name) => createNamespace(target, accountKey, name),
    parameter: (name) => readParameter(target, name),
    putParameter: (name, value) => writeParameter(target, name, value),

    async inputs() {
      const { sdk, client } = await ml();
      return allPages(async (token) => {
        const page = await client.send(new sdk.ListInputsCommand({ MaxResults: 100, NextToken: token }));
        return {
          items: (page.Inputs ?? []).map((input) => ({
            id: input.Id ?? '', arn: input.Arn ?? '', name: input.Name ?? '', type: input.Type ?? '',
            tags: input.Tags ?? {}, attachedChannels: input.AttachedChannels ?? [],
          })),
          next: page.NextToken || undefined,
        };
      });
    },
    async createInput(request) {
      const { sdk, client } = await ml();
      return { id: (await client.send(new sdk.CreateInputCommand(request))).Input?.Id ?? '' };
    },
    async channels() {
      const { sdk, client } = await ml();
      return allPages(async (token) => {
        const page = await client.send(new sdk.ListChannelsCommand({ MaxResults: 100, NextToken: token }));
        return {
          items: (page.Channels ?? []).map((channel) => ({
            id: channel.Id ?? '', arn: channel.Arn ?? '', name: channel.Name ?? '', state: channel.State ?? 'UNKNOWN', tags: channel.Tags ?? {},
          })),
          next: page.NextToken || undefined,
        };
      });
    },
    async describeChannel(id) {
      const { sdk, client } = await ml();
      return client.send(new sdk.DescribeChannelCommand({ ChannelId: id }));
    },
    async createChannel(request) {
      const { sdk, client } = await ml();
      return { id: (await client.send(new sdk.CreateChannelCommand(request))).Channel?.Id ?? '' };
    },
    async updateChannel(request) {
      const { sdk, client } = await ml();
      await client.send(new sdk.UpdateChannelCommand(request));
    },
    async tagResource(arn: string, tags: Tags) {
      const { sdk, client } = await ml();
      await client.send(new sdk.CreateTagsCommand({ ResourceArn: arn, Tags: tags }));
    },
    async startChannel(id) {
      const { sdk, client } = await ml();
      await client.send(new sdk.StartChannelCommand({ ChannelId: id }));
    },
    async stopChannel(id) {
      const { sdk, client } = await ml();
      await client.send(new sdk.StopChannelCommand({ ChannelId: id }));
    },

    async distributions() {
      const { sdk, client } = await cf();
      return allPages(async (marker) => {
        const list = (await client.send(new sdk.ListDistributionsCommand({ MaxItems: 100, Marker: marker }))).DistributionList;
        return {
          items: (list?.Items ?? []).map((summary) => ({
            id: summary.Id ?? '', arn: summary.ARN ?? '', domainName: summary.DomainName ?? '', status: summary.Status ?? '',
            origins: (summary.Origins?.Items ?? []).map((origin) => ({
              domain: originDomain(origin.DomainName, origin.CustomOriginConfig?.OriginProtocolPolicy, origin.CustomOriginConfig?.HTTPPort),
              path: origin.OriginPath ?? '',
            })),
            comment: summary.Comment ?? '',
          })),
          next: list?.IsTruncated ? list.NextMarker : undefined,
        };
      });
    },
    async distributionTags(arn) {
      const { sdk, client } = await cf();
      const items = (await client.send(new sdk.ListTagsForResourceCommand({ Resource: arn }))).Tags?.Items ?? [];
      return Object.fromEntries(items.map((tag) => [tag.Key ?? '', tag.Value ?? '']));
    },
    async distributionConfig(id) {
      const { sdk, client } = await cf();
      const answer = await client.send(new sdk.GetDistributionConfigCommand({ Id: id }));
      if (!answer.DistributionConfig || !answer.ETag) throw new Error(`CloudFront returned no configuration or ETag for distribution ${id}.`);
      return { config: answer.DistributionConfig, etag: answer.ETag };
    },
    async createDistribution(request) {
      const { sdk, client } = await cf();
      const created = (await client.send(new sdk.CreateDistributionWithTagsCommand({ DistributionConfigWithTags: request }))).Distribution;
      return { id: created?.Id ?? '', domainName: created?.DomainName ?? '' };
    },
    async updateDistribution(id, config, etag) {
      const { sdk, client } = await cf();
      await client.send(new sdk.UpdateDistributionCommand({ Id: id, IfMatch: etag, DistributionConfig: config }));
    },
    async tagDistribution(arn, tags) {
      const { sdk, client } = await cf();
      await client.send(new sdk.TagResourceCommand({ Resource: arn, Tags: { Items: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } }));
    },
  };
}
