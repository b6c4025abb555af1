// The audits on what the real SDKs read back from the sandbox: a channel and a distribution created
// broken through CreateChannel/CreateDistribution, described with DescribeChannel and
// GetDistributionConfig, and handed to the audits as the SDKs return them.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CloudFrontClient, CreateDistributionCommand, GetDistributionConfigCommand } from '@aws-sdk/client-cloudfront';
import { CreateChannelCommand, CreateInputCommand, DescribeChannelCommand, MediaLiveClient } from '@aws-sdk/client-medialive';
import { auditChannel, channelPublishedStream, channelPublishTarget } from '../../src/audit/channelAudit';
import type { AuditFinding } from '../../src/audit/auditFinding';
import { auditDistribution, distributionFronts } from '../../src/audit/distributionAudit';
import type { LiveOriginConfig } from '../../src/config/model';
import { createChannelRequest } from '../../src/deploy/channelRequest';
import { distributionConfig } from '../../src/deploy/distributionConfig';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/sandbox';

const summary = (findings: readonly AuditFinding[]) => findings.map(({ code, field }) => `${code} @ ${field}`).sort();

describe('audits of channels and distributions read back from the sandbox through the real SDKs', function () {
  this.timeout(30_000);
  let dir: string;
  let sandbox: RunningSandbox;
  let medialive: MediaLiveClient;
  let cloudfront: CloudFrontClient;
  let created = 0;

  const endpoint = () => new URL(sandbox.info.momento.httpEndpoint).host;
  const changedConfig = (change: (config: LiveOriginConfig) => void): LiveOriginConfig => {
    const config = structuredClone(sandbox.config);
    change(config);
    return config;
  };

  async function describedChannel(change: (config: LiveOriginConfig) => void) {
    const input = await medialive.send(new CreateInputCommand({ Name: `audit-input-${++created}`, Type: 'RTMP_PUSH' }));
    const request = createChannelRequest(changedConfig(change), { inputId: input.Input!.Id!, requestId: `audit-${created}` });
    const channel = await medialive.send(new CreateChannelCommand({ ...request, Name: `audit-channel-${created}` }));
    return medialive.send(new DescribeChannelCommand({ ChannelId: channel.Channel!.Id! }));
  }

  async function readDistributionConfig(change: (config: ReturnType<typeof distributionConfig>) => void) {
    const config = distributionConfig(sandbox.config, `audit-${++created}`, sandbox.info.momento.playerKey);
    change(config);
    const distribution = await cloudfront.send(new CreateDistributionCommand({ DistributionConfig: config }));
    const read = await cloudfront.send(new GetDistributionConfigCommand({ Id: distribution.Distribution!.Id! }));
    return read.DistributionConfig!;
  }

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'live-origin-audit-'));
    sandbox = await startSandbox({ dir, deployDelayMs: 50 });
    const credentials = { ...sandbox.info.aws };
    medialive = new MediaLiveClient({ region: sandbox.info.medialive.region, endpoint: sandbox.info.medialive.endpoint, credentials });
    cloudfront = new CloudFrontClient({ region: 'us-east-1', endpoint: sandbox.info.cloudfront.endpoint, credentials });
  });

  after(async () => {
    medialive?.destroy();
    cloudfront?.destroy();
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('finds nothing in the sandbox\'s own workflow, and links the channel and the distribution to its namespace', async () => {
    const channel = await describedChannel(() => undefined);
    const context = { momentoRestEndpoint: endpoint(), namespace: sandbox.info.momento.namespace, ttlSeconds: 3600 };
    assert.deepEqual(auditChannel(channel, context), []);
    const distribution = await readDistributionConfig(() => undefined);
    assert.deepEqual(auditDistribution(distribution, { ...context, ...channelPublishedStream(channel) }), []);
    const target = { namespace: sandbox.info.momento.namespace, host: endpoint() };
    assert.deepEqual(channelPublishTarget(channel), target);
    assert.deepEqual(distributionFronts(distribution), target);
  });

  it('finds the tts_seconds typo, the missing role=origin and NumRetries in a channel as DescribeChannel returns it', async () => {
    const channel = await describedChannel((config) => {
      config.medialive.destination.url = `${sandbox.info.momento.httpEndpoint}/cache/${sandbox.info.momento.namespace}/playlist.m3u8?tts_seconds=3600`;
      config.medialive.cdn = { type: 'basic-put', numRetries: 5 };
    });
    assert.match(channel.Destinations![0].Settings![0].Url!, /tts_seconds=3600$/, 'the sandbox kept the URL as sent');
    const hls = 'EncoderSettings.OutputGroups[0].OutputGroupSettings.HlsGroupSettings';
    const findings = auditChannel(channel, { momentoRestEndpoint: endpoint(), namespace: sandbox.info.momento.namespace, ttlSeconds: 3600 });
    assert.deepEqual(summary(findings), [
      `basic-put-retries-ignored @ ${hls}.HlsCdnSettings.HlsBasicPutSettings.NumRetries`,
      'destination-url-role-missing @ Destinations[0].Settings[0].Url',
      'destination-url-ttl-missing @ Destinations[0].Settings[0].Url',
    ]);
    assert.match(findings.find((finding) => finding.code === 'destination-url-ttl-missing')!.message, /"tts_seconds" is not a parameter Momento knows/);
  });

  it('finds the missing Authorization header in a distribution as GetDistributionConfig returns it, without its key', async () => {
    const config = await readDistributionConfig((sent) => {
      sent.Origins!.Items![0].CustomHeaders = { Quantity: 0, Items: [] };
    });
    const findings = auditDistribution(config, { momentoRestEndpoint: endpoint(), namespace: sandbox.info.momento.namespace, segmentLengthSeconds: 2 });
    assert.deepEqual(summary(findings), ['cloudfront-authorization-missing @ Origins.Items[0].CustomHeaders']);
  });

  it('never shows the player key of a distribution whose header carries it', async () => {
    const config = await readDistributionConfig((sent) => {
      sent.Origins!.Items![0].OriginPath = '/cache/elsewhere';
    });
    assert.equal(config.Origins!.Items![0].CustomHeaders!.Items![0].HeaderValue, sandbox.info.momento.playerKey);
    const findings = auditDistribution(config, { namespace: sandbox.info.momento.namespace, playerKeyIsEncoderKey: true });
    assert.deepEqual(summary(findings), ['cloudfront-authorization-encoder-key @ Origins.Items[0].CustomHeaders', 'cloudfront-origin-path @ Origins.Items[0].OriginPath']);
    assert.ok(!JSON.stringify(findings).includes(sandbox.info.momento.playerKey));
  });
});
