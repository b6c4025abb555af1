// DeployServices kept in memory, for the pure plan and apply logic only: the SDK path is covered
// against the sandbox in test/contract/deploy.test.ts. Records every mutating call.
import type { CreateChannelRequest, DescribeChannelResponse, UpdateChannelRequest } from '@aws-sdk/client-medialive';
import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import type { DeployServices, Tags } from '../../../src/deploy/services';

interface Channel { id: string; arn: string; name: string; state: string; tags: Tags; request: CreateChannelRequest }

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
interface Distribution { id: string; arn: string; config: DistributionConfig; etag: number; tags: Tags }

export class MemoryServices implements DeployServices {
  readonly calls: string[] = [];
  namespaceList = new Set<string>();
  parameters = new Map<string, string>();
  inputList: { id: string; arn: string; name: string; type: string; tags: Tags; attachedChannels: string[] }[] = [];
  channelList: Channel[] = [];
  distributionList: Distribution[] = [];
  /** The HLS group settings of the n-th channel, as stored. */
  hlsSettings(index = 0) {
    return this.channelList[index].request.EncoderSettings!.OutputGroups![0].OutputGroupSettings!.HlsGroupSettings!;
  }

  /** Names of operations that throw once each time they are listed (`fail.push('createChannel')`). */
  fail: string[] = [];
  private nextId = 1;

  private mutate(name: string): void {
    this.calls.push(name);
    const index = this.fail.indexOf(name);
    if (index >= 0) {
      this.fail.splice(index, 1);
      throw Object.assign(new Error(`${name} failed on purpose`), { name: 'InternalServerErrorException' });
    }
  }

  async namespaces() { return [...this.namespaceList]; }
  async createNamespace(name: string) { this.mutate('createNamespace'); this.namespaceList.add(name); }
  async parameter(name: string) { return this.parameters.get(name); }
  async putParameter(name: string, value: string) { this.mutate('putParameter'); this.parameters.set(name, value); }
  async inputs() { return this.inputList.map((input) => ({ ...input })); }
  async createInput(request: { Name?: string; Type?: string; Tags?: Tags }) {
    this.mutate('createInput');
    const id = String(this.nextId++);
    this.inputList.push({ id, arn: `arn:input:${id}`, name: request.Name ?? '', type: request.Type ?? '', tags: { ...request.Tags }, attachedChannels: [] });
    return { id };
  }
  async channels() { return this.channelList.map(({ id, arn, name, state, tags }) => ({ id, arn, name, state, tags: { ...tags } })); }
  async describeChannel(id: string): Promise<DescribeChannelResponse> {
    const channel = this.channelList.find((candidate) => candidate.id === id)!;
    return JSON.parse(JSON.stringify({ ...channel.request, Id: id, Arn: channel.arn, State: channel.state, Tags: channel.tags })) as DescribeChannelResponse;
  }
  async createChannel(request: CreateChannelRequest) {
    this.mutate('createChannel');
    const id = String(this.nextId++);
    const stored = copy(request);
    delete stored.RequestId;
    delete stored.Tags;
    this.channelList.push({ id, arn: `arn:channel:${id}`, name: request.Name ?? '', state: 'IDLE', tags: { ...request.Tags }, request: stored });
    return { id };
  }
  async updateChannel(request: UpdateChannelRequest) {
    this.mutate('updateChannel');
    const channel = this.channelList.find((candidate) => candidate.id === request.ChannelId)!;
    if (channel.state !== 'IDLE') throw Object.assign(new Error('channel is running'), { name: 'ConflictException' });
    const update = copy(request);
    delete update.ChannelId;
    channel.request = { ...channel.request, ...update };
  }
  async tagResource(arn: string, tags: Tags) {
    this.mutate('tagResource');
    const resource = [...this.inputList, ...this.channelList].find((candidate) => candidate.arn === arn)!;
    Object.assign(resource.tags, tags);
  }
  async startChannel(id: string) { this.mutate('startChannel'); this.channelList.find((c) => c.id === id)!.state = 'RUNNING'; }
  async stopChannel(id: string) { this.mutate('stopChannel'); this.channelList.find((c) => c.id === id)!.state = 'IDLE'; }
  async distributions() {
    return this.distributionList.map(({ id, arn, config }) => ({
      id, arn, domainName: `${id.toLowerCase()}.cloudfront.net`, status: 'Deployed',
      origins: (config.Origins?.Items ?? []).map((origin) => ({
        domain: origin.CustomOriginConfig?.OriginProtocolPolicy === 'http-only' && origin.CustomOriginConfig.HTTPPort !== 80
          ? `${origin.DomainName}:${origin.CustomOriginConfig.HTTPPort}` : origin.DomainName ?? '',
        path: origin.OriginPath ?? '',
      })),
      comment: config.Comment ?? '',
    }));
  }
  async distributionTags(arn: string) { return { ...this.distributionList.find((d) => d.arn === arn)!.tags }; }
  async distributionConfig(id: string) {
    const distribution = this.distributionList.find((d) => d.id === id)!;
    return { config: JSON.parse(JSON.stringify(distribution.config)) as DistributionConfig, etag: `E${distribution.etag}` };
  }
  async createDistribution(request: { DistributionConfig?: DistributionConfig; Tags?: { Items?: { Key?: string; Value?: string }[] } }) {
    this.mutate('createDistribution');
    const id = `EDIST${this.nextId++}`;
    const tags = Object.fromEntries((request.Tags?.Items ?? []).map((tag) => [tag.Key!, tag.Value!]));
    this.distributionList.push({ id, arn: `arn:distribution/${id}`, config: JSON.parse(JSON.stringify(request.DistributionConfig)), etag: 1, tags });
    return { id, domainName: `${id.toLowerCase()}.cloudfront.net` };
  }
  async updateDistribution(id: string, config: DistributionConfig, etag: string) {
    this.mutate('updateDistribution');
    const distribution = this.distributionList.find((d) => d.id === id)!;
    if (etag !== `E${distribution.etag}`) throw Object.assign(new Error('stale'), { name: 'PreconditionFailed' });
    distribution.config = JSON.parse(JSON.stringify(config));
    distribution.etag++;
  }
  async tagDistribution(arn: string, tags: Tags) {
    this.mutate('tagDistribution');
    Object.assign(this.distributionList.find((d) => d.arn === arn)!.tags, tags);
  }
}
