// Tags, as apply finds its resources again: MediaLive CreateTags / DeleteTags / ListTagsForResource
// on channel and input ARNs, CloudFront CreateDistributionWithTags and TagResource / UntagResource /
// ListTagsForResource on distribution ARNs, through the real SDK clients.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  CloudFrontClient,
  CreateDistributionCommand,
  CreateDistributionWithTagsCommand,
  DistributionAlreadyExists,
  InvalidArgument,
  InvalidTagging,
  ListDistributionsCommand,
  ListTagsForResourceCommand as ListCloudFrontTagsCommand,
  NoSuchResource,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudfront';
import {
  BadRequestException,
  CreateChannelCommand,
  CreateInputCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeChannelCommand,
  DescribeInputCommand,
  ListChannelsCommand,
  ListTagsForResourceCommand,
  MediaLiveClient,
  NotFoundException,
} from '@aws-sdk/client-medialive';
import { generateAwsCredentials } from '../../src/sandbox/aws/credentials';
import { startCloudFrontSandbox, type CloudFrontSandbox } from '../../src/sandbox/cloudfront';
import { startMediaLiveSandbox, type MediaLiveSandbox } from '../../src/sandbox/medialive';
import { distributionConfig, httpOrigin } from './cloudfrontHarness';
import { channelRequest } from './medialive/channelFixture';

const REGION = 'us-west-2';
const CREDENTIALS = generateAwsCredentials();

describe('AWS tags through the real SDK clients', function () {
  this.timeout(20_000);
  let medialive: MediaLiveSandbox;
  let cloudfront: CloudFrontSandbox;
  let medialiveClient: MediaLiveClient;
  let cloudfrontClient: CloudFrontClient;

  before(async () => {
    medialive = await startMediaLiveSandbox({ region: REGION, awsCredentials: CREDENTIALS, timings: { transitionMs: 20 } });
    cloudfront = await startCloudFrontSandbox({ awsCredentials: CREDENTIALS, deployDelayMs: 20 });
    medialiveClient = new MediaLiveClient({ region: REGION, endpoint: medialive.endpoint, credentials: CREDENTIALS, maxAttempts: 1 });
    cloudfrontClient = new CloudFrontClient({ region: 'us-east-1', endpoint: cloudfront.endpoint, credentials: CREDENTIALS, maxAttempts: 1 });
  });

  after(async () => {
    medialiveClient?.destroy();
    cloudfrontClient?.destroy();
    await Promise.all([medialive?.close(), cloudfront?.close()]);
  });

  describe('MediaLive', () => {
    async function newInput(tags?: Record<string, string>) {
      const created = await medialiveClient.send(new CreateInputCommand({
        Name: `in-${randomUUID()}`, Type: 'URL_PULL', Sources: [{ Url: 'https://example.invalid/a.m3u8' }], Tags: tags,
      }));
      return created.Input!;
    }

    it('a channel created with Tags carries its ARN; tags are listed, added, overwritten and deleted by ARN', async () => {
      const input = await newInput();
      const created = await medialiveClient.send(new CreateChannelCommand({
        ...channelRequest({ url: 'http://127.0.0.1:9/cache/ns/live.m3u8', inputId: input.Id!, name: `tagged-${randomUUID()}` }),
        Tags: { 'live-origin:config': 'demo', owner: 'a' },
      }));
      const { Id: id, Arn: arn } = created.Channel!;
      assert.equal(arn, `arn:aws:medialive:${REGION}:123456789012:channel:${id}`);
      assert.equal((await medialiveClient.send(new DescribeChannelCommand({ ChannelId: id }))).Arn, arn);
      const summary = (await medialiveClient.send(new ListChannelsCommand({}))).Channels?.find((channel) => channel.Id === id);
      assert.equal(summary?.Arn, arn);
      assert.deepEqual(summary?.Tags, { 'live-origin:config': 'demo', owner: 'a' });

      assert.deepEqual((await medialiveClient.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, { 'live-origin:config': 'demo', owner: 'a' });
      await medialiveClient.send(new CreateTagsCommand({ ResourceArn: arn, Tags: { owner: 'b', 'Name with spaces': 'x/y' } }));
      assert.deepEqual((await medialiveClient.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags,
        { 'live-origin:config': 'demo', owner: 'b', 'Name with spaces': 'x/y' });
      await medialiveClient.send(new DeleteTagsCommand({ ResourceArn: arn, TagKeys: ['owner', 'Name with spaces', 'absent'] }));
      assert.deepEqual((await medialiveClient.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, { 'live-origin:config': 'demo' });
      assert.deepEqual((await medialiveClient.send(new DescribeChannelCommand({ ChannelId: id }))).Tags, { 'live-origin:config': 'demo' });
    });

    it('tags inputs by their ARN too', async () => {
      const input = await newInput({ role: 'source' });
      assert.equal(input.Arn, `arn:aws:medialive:${REGION}:123456789012:input:${input.Id}`);
      await medialiveClient.send(new CreateTagsCommand({ ResourceArn: input.Arn, Tags: { more: '1' } }));
      assert.deepEqual((await medialiveClient.send(new ListTagsForResourceCommand({ ResourceArn: input.Arn }))).Tags, { role: 'source', more: '1' });
      assert.deepEqual((await medialiveClient.send(new DescribeInputCommand({ InputId: input.Id }))).Tags, { role: 'source', more: '1' });
    });

    it('answers NotFoundException for an ARN of nothing, BadRequestException for a foreign ARN or bad tags', async () => {
      const input = await newInput();
      const elsewhere = input.Arn!.replace(`:${REGION}:`, ':eu-west-1:');
      await assert.rejects(medialiveClient.send(new ListTagsForResourceCommand({ ResourceArn: elsewhere })), NotFoundException);
      await assert.rejects(medialiveClient.send(new ListTagsForResourceCommand({ ResourceArn: input.Arn!.replace(/:\d+$/, ':9999999') })), NotFoundException);
      await assert.rejects(medialiveClient.send(new CreateTagsCommand({ ResourceArn: 'arn:aws:s3:::bucket', Tags: { a: 'b' } })), BadRequestException);
      await assert.rejects(medialiveClient.send(new CreateTagsCommand({ ResourceArn: input.Arn, Tags: { 'aws:reserved': 'x' } })), BadRequestException);
      const many = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`k${index}`, 'v']));
      await assert.rejects(medialiveClient.send(new CreateTagsCommand({ ResourceArn: input.Arn, Tags: many })), /at most 50 tags/);
      assert.deepEqual((await medialiveClient.send(new ListTagsForResourceCommand({ ResourceArn: input.Arn }))).Tags, {}, 'a refused request changes nothing');
      const half = (from: number) => Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`k${from + index}`, 'v']));
      await medialiveClient.send(new CreateTagsCommand({ ResourceArn: input.Arn, Tags: half(0) }));
      await assert.rejects(medialiveClient.send(new CreateTagsCommand({ ResourceArn: input.Arn, Tags: half(30) })), /at most 50 tags; got 60/);
      assert.equal(Object.keys((await medialiveClient.send(new ListTagsForResourceCommand({ ResourceArn: input.Arn }))).Tags ?? {}).length, 30);
    });
  });

  describe('CloudFront', () => {
    const config = () => distributionConfig([httpOrigin('origin', '127.0.0.1', 9, '')]);
    const tags = (pairs: Record<string, string>) => ({ Items: Object.entries(pairs).map(([Key, Value]) => ({ Key, Value })) });
    const listed = async (arn: string) => Object.fromEntries(
      ((await cloudfrontClient.send(new ListCloudFrontTagsCommand({ Resource: arn }))).Tags?.Items ?? []).map((tag) => [tag.Key, tag.Value]));

    it('CreateDistributionWithTags creates a distribution whose ARN lists the tags; Tag and Untag change them', async () => {
      const created = await cloudfrontClient.send(new CreateDistributionWithTagsCommand({
        DistributionConfigWithTags: { DistributionConfig: config(), Tags: tags({ 'live-origin:config': 'demo', empty: '' }) },
      }));
      assert.equal(created.$metadata.httpStatusCode, 201);
      assert.ok(created.ETag);
      const { Id: id, ARN: arn } = created.Distribution!;
      assert.equal(arn, `arn:aws:cloudfront::000000000000:distribution/${id}`);
      assert.deepEqual(await listed(arn!), { 'live-origin:config': 'demo', empty: '' });

      await cloudfrontClient.send(new TagResourceCommand({ Resource: arn, Tags: tags({ empty: 'now set', extra: 'e' }) }));
      assert.deepEqual(await listed(arn!), { 'live-origin:config': 'demo', empty: 'now set', extra: 'e' });
      await cloudfrontClient.send(new UntagResourceCommand({ Resource: arn, TagKeys: { Items: ['extra', 'empty', 'absent'] } }));
      assert.deepEqual(await listed(arn!), { 'live-origin:config': 'demo' });
      const summaries = (await cloudfrontClient.send(new ListDistributionsCommand({}))).DistributionList?.Items ?? [];
      assert.equal(summaries.find((summary) => summary.Id === id)?.ARN, arn);
    });

    it('the same CallerReference twice is DistributionAlreadyExists, with or without tags', async () => {
      const first = config();
      await cloudfrontClient.send(new CreateDistributionWithTagsCommand({ DistributionConfigWithTags: { DistributionConfig: first, Tags: tags({ a: '1' }) } }));
      await assert.rejects(cloudfrontClient.send(new CreateDistributionWithTagsCommand({
        DistributionConfigWithTags: { DistributionConfig: first, Tags: tags({ a: '1' }) },
      })), DistributionAlreadyExists);
      await assert.rejects(cloudfrontClient.send(new CreateDistributionCommand({ DistributionConfig: first })), DistributionAlreadyExists);
    });

    it('refuses bad tags (InvalidTagging) before creating anything, and unknown or malformed ARNs', async () => {
      const refused = config();
      await assert.rejects(cloudfrontClient.send(new CreateDistributionWithTagsCommand({
        DistributionConfigWithTags: { DistributionConfig: refused, Tags: tags({ 'bad<key>': 'x' }) },
      })), InvalidTagging);
      const created = await cloudfrontClient.send(new CreateDistributionWithTagsCommand({ DistributionConfigWithTags: { DistributionConfig: refused, Tags: tags({}) } }));
      const arn = created.Distribution!.ARN!;
      assert.deepEqual(await listed(arn), {});
      await assert.rejects(cloudfrontClient.send(new TagResourceCommand({ Resource: arn, Tags: tags({ 'aws:cloudformation': 'x' }) })), InvalidTagging);
      const many = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`k${index}`, 'v']));
      await assert.rejects(cloudfrontClient.send(new TagResourceCommand({ Resource: arn, Tags: tags(many) })), InvalidTagging);
      assert.deepEqual(await listed(arn), {}, 'a refused request changes nothing');
      const half = (from: number) => tags(Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`k${from + index}`, 'v'])));
      await cloudfrontClient.send(new TagResourceCommand({ Resource: arn, Tags: half(0) }));
      await assert.rejects(cloudfrontClient.send(new TagResourceCommand({ Resource: arn, Tags: half(30) })), InvalidTagging, '60 tags in all');
      assert.equal(Object.keys(await listed(arn)).length, 30);
      await assert.rejects(cloudfrontClient.send(new ListCloudFrontTagsCommand({ Resource: arn.replace(/\/E\w+$/, '/E0000000000000') })), NoSuchResource);
      await assert.rejects(cloudfrontClient.send(new ListCloudFrontTagsCommand({ Resource: 'arn:aws:s3:::bucket' })), InvalidArgument);
    });
  });
});
