// Injected faults on the MediaLive, CloudFront and SSM planes as the real SDK clients meet them:
// each kind under its service's real error name and status, rule counts against the SDK's own
// retries (3 attempts by default), a delay past the client's timeout, and a stale ETag.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  CloudFrontClient,
  GetDistributionConfigCommand,
  GetDistributionCommand,
  ListDistributionsCommand,
  PreconditionFailed,
  UpdateDistributionCommand,
} from '@aws-sdk/client-cloudfront';
import { CreateChannelCommand, CreateInputCommand, ListChannelsCommand, ListInputsCommand, MediaLiveClient } from '@aws-sdk/client-medialive';
import { GetParameterCommand, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { generateAwsCredentials } from '../../src/sandbox/aws/credentials';
import { startCloudFrontSandbox, type CloudFrontSandbox } from '../../src/sandbox/cloudfront';
import { startMediaLiveSandbox, type MediaLiveSandbox } from '../../src/sandbox/medialive';
import { startSsmSandbox, type SsmSandbox } from '../../src/sandbox/ssm';
import { createDeployed, distributionConfig, httpOrigin } from './cloudfrontHarness';
import { channelRequest } from './medialive/channelFixture';
import { until } from './until';

const REGION = 'us-west-2';
const CREDENTIALS = generateAwsCredentials();
// Well under the injected delays below, well over a loopback round trip.
const CLIENT_TIMEOUT_MS = 300;
const DELAY_MS = 2000;

interface SdkFailure extends Error {
  $metadata: { httpStatusCode?: number; attempts?: number };
}

async function failure(promise: Promise<unknown>): Promise<SdkFailure> {
  const outcome = await promise.then(() => undefined, (error: unknown) => error);
  assert.ok(outcome instanceof Error, 'the call must fail');
  return outcome as SdkFailure;
}

interface ClientOptions {
  maxAttempts?: number;
  requestTimeout?: number;
}

const clientConfig = (endpoint: string, options: ClientOptions) => ({
  endpoint,
  credentials: CREDENTIALS,
  maxAttempts: options.maxAttempts ?? 3,
  // @smithy/node-http-handler 4.14 only logs a warning past requestTimeout unless told to throw.
  ...(options.requestTimeout ? { requestHandler: { requestTimeout: options.requestTimeout, throwOnRequestTimeout: true } } : {}),
});

describe('AWS fault injection through the real SDK clients', function () {
  this.timeout(30_000);
  let medialive: MediaLiveSandbox;
  let cloudfront: CloudFrontSandbox;
  let ssm: SsmSandbox;
  const clients: { destroy(): void }[] = [];

  function track<T extends { destroy(): void }>(client: T): T {
    clients.push(client);
    return client;
  }
  const medialiveClient = (options: ClientOptions = {}) => track(new MediaLiveClient({ region: REGION, ...clientConfig(medialive.endpoint, options) }));
  const cloudfrontClient = (options: ClientOptions = {}) => track(new CloudFrontClient({ region: 'us-east-1', ...clientConfig(cloudfront.endpoint, options) }));
  const ssmClient = (options: ClientOptions = {}) => track(new SSMClient({ region: REGION, ...clientConfig(ssm.endpoint, options) }));

  before(async () => {
    ssm = await startSsmSandbox({ region: REGION, awsCredentials: CREDENTIALS });
    medialive = await startMediaLiveSandbox({ region: REGION, awsCredentials: CREDENTIALS, ssm, timings: { transitionMs: 20 } });
    cloudfront = await startCloudFrontSandbox({ awsCredentials: CREDENTIALS, deployDelayMs: 20 });
  });

  afterEach(() => {
    for (const plane of [medialive, cloudfront, ssm]) {
      plane.faults.clear();
      plane.resetRequests();
    }
  });

  after(async () => {
    for (const client of clients) client.destroy();
    await Promise.all([medialive?.close(), cloudfront?.close(), ssm?.close()]);
  });

  describe('MediaLive', () => {
    it('throttle: TooManyRequestsException (429) once the count outlasts the SDK\'s 3 attempts', async () => {
      const rule = medialive.faults.inject({ kind: 'throttle', operations: ['ListChannels'], count: 5 });
      const error = await failure(medialiveClient().send(new ListChannelsCommand({})));
      assert.equal(error.name, 'TooManyRequestsException');
      assert.equal(error.$metadata.httpStatusCode, 429);
      assert.equal(error.$metadata.attempts, 3, 'the SDK retried throttling by itself');
      assert.equal(rule.applied, 3);
      assert.equal(medialive.requests().read.byOperation.ListChannels, 3, 'every attempt reached the plane');
      const unaffected = await medialiveClient({ maxAttempts: 1 }).send(new ListInputsCommand({}));
      assert.ok(Array.isArray(unaffected.Inputs), 'other operations are served');
    });

    it('throttle with count 1 is absorbed by a retry, and the retried create makes one input', async () => {
      medialive.faults.inject({ kind: 'throttle', operations: ['CreateInput'], count: 1 });
      const name = `retried-${randomUUID()}`;
      const created = await medialiveClient().send(new CreateInputCommand({ Name: name, Type: 'URL_PULL', Sources: [{ Url: 'https://example.invalid/a.m3u8' }] }));
      assert.equal(created.$metadata.attempts, 2);
      const listed = await medialiveClient().send(new ListInputsCommand({}));
      assert.equal(listed.Inputs?.filter((input) => input.Name === name).length, 1);
      assert.deepEqual(medialive.requests().mutating, { total: 2, byOperation: { CreateInput: 2 } });
    });

    it('server-error: InternalServerErrorException (500), and the channel is not created', async () => {
      const input = await medialiveClient().send(new CreateInputCommand({ Name: `in-${randomUUID()}`, Type: 'URL_PULL', Sources: [{ Url: 'https://example.invalid/b.m3u8' }] }));
      medialive.faults.inject({ kind: 'server-error', operations: ['CreateChannel'] });
      const name = `failed-${randomUUID()}`;
      const request = channelRequest({ url: 'http://127.0.0.1:9/cache/ns/live.m3u8', inputId: input.Input!.Id!, name, requestId: randomUUID() });
      const error = await failure(medialiveClient().send(new CreateChannelCommand(request)));
      assert.equal(error.name, 'InternalServerErrorException');
      assert.equal(error.$metadata.httpStatusCode, 500);
      assert.equal(error.$metadata.attempts, 3, 'the SDK retried the 5xx by itself');
      const listed = await medialiveClient().send(new ListChannelsCommand({}));
      assert.equal(listed.Channels?.some((channel) => channel.Name === name), false, 'an injected error never follows a write');
    });

    it('delay past the client\'s requestTimeout surfaces as TimeoutError; with count 1 a retry is served', async () => {
      medialive.faults.inject({ kind: 'delay', delayMs: DELAY_MS, operations: ['ListChannels'], count: 1 });
      const started = Date.now();
      const error = await failure(medialiveClient({ maxAttempts: 1, requestTimeout: CLIENT_TIMEOUT_MS }).send(new ListChannelsCommand({})));
      assert.equal(error.name, 'TimeoutError', `${error.name}: ${error.message}`);
      assert.ok(Date.now() - started < DELAY_MS, 'the client gave up before the sandbox answered');
      medialive.faults.inject({ kind: 'delay', delayMs: DELAY_MS, operations: ['ListChannels'], count: 1 });
      const retried = await medialiveClient({ requestTimeout: CLIENT_TIMEOUT_MS }).send(new ListChannelsCommand({}));
      assert.equal(retried.$metadata.attempts, 2);
    });
  });

  describe('CloudFront', () => {
    const config = () => distributionConfig([httpOrigin('origin', '127.0.0.1', 9, '')]);

    it('throttle: Throttling (400, XML error) on every attempt of a count of 3', async () => {
      const rule = cloudfront.faults.inject({ kind: 'throttle', operations: ['ListDistributions'], count: 3 });
      const error = await failure(cloudfrontClient().send(new ListDistributionsCommand({})));
      assert.equal(error.name, 'Throttling');
      assert.equal(error.message, 'Rate exceeded');
      assert.equal(error.$metadata.httpStatusCode, 400);
      assert.equal(error.$metadata.attempts, 3);
      assert.equal(rule.applied, 3);
      await cloudfrontClient({ maxAttempts: 1 }).send(new ListDistributionsCommand({}));
    });

    it('server-error: ServiceUnavailable (503); a count of 2 is absorbed by the third attempt', async () => {
      const distribution = await createDeployed(cloudfrontClient(), config());
      cloudfront.faults.inject({ kind: 'server-error', operations: ['GetDistribution'], count: 1 });
      const error = await failure(cloudfrontClient({ maxAttempts: 1 }).send(new GetDistributionCommand({ Id: distribution.Id })));
      assert.equal(error.name, 'ServiceUnavailable');
      assert.equal(error.$metadata.httpStatusCode, 503);
      cloudfront.faults.inject({ kind: 'server-error', operations: ['GetDistribution'], count: 2 });
      const got = await cloudfrontClient().send(new GetDistributionCommand({ Id: distribution.Id }));
      assert.equal(got.$metadata.attempts, 3);
      assert.equal(got.Distribution?.Id, distribution.Id);
    });

    it('stale-etag: UpdateDistribution answers PreconditionFailed (412) and changes nothing; the same ETag then works', async () => {
      const distribution = await createDeployed(cloudfrontClient(), config());
      const current = await cloudfrontClient().send(new GetDistributionConfigCommand({ Id: distribution.Id }));
      const changed = { ...current.DistributionConfig!, Comment: 'changed by apply' };
      const rule = cloudfront.faults.inject({ kind: 'stale-etag', count: 1 });
      assert.deepEqual(rule.spec.operations, ['UpdateDistribution', 'DeleteDistribution']);
      const error = await failure(cloudfrontClient().send(new UpdateDistributionCommand({ Id: distribution.Id, IfMatch: current.ETag, DistributionConfig: changed })));
      assert.ok(error instanceof PreconditionFailed, `${error.name}: ${error.message}`);
      assert.equal(error.$metadata.httpStatusCode, 412);
      assert.equal(error.$metadata.attempts, 1, 'the SDK does not retry a precondition');
      const after = await cloudfrontClient().send(new GetDistributionConfigCommand({ Id: distribution.Id }));
      assert.equal(after.ETag, current.ETag, 'the ETag did not move');
      assert.equal(after.DistributionConfig?.Comment, current.DistributionConfig?.Comment);
      const updated = await cloudfrontClient().send(new UpdateDistributionCommand({ Id: distribution.Id, IfMatch: current.ETag, DistributionConfig: changed }));
      assert.equal(updated.Distribution?.DistributionConfig?.Comment, 'changed by apply');
    });

    it('delay past the client\'s requestTimeout surfaces as TimeoutError', async () => {
      cloudfront.faults.inject({ kind: 'delay', delayMs: DELAY_MS, operations: ['ListDistributions'] });
      const error = await failure(cloudfrontClient({ maxAttempts: 1, requestTimeout: CLIENT_TIMEOUT_MS }).send(new ListDistributionsCommand({})));
      assert.equal(error.name, 'TimeoutError', `${error.name}: ${error.message}`);
    });
  });

  describe('SSM', () => {
    it('throttle: ThrottlingException (400, awsJson) on all 3 attempts, and nothing is stored', async () => {
      ssm.faults.inject({ kind: 'throttle', operations: ['PutParameter'], count: 5 });
      const name = `/faults/${randomUUID()}`;
      const error = await failure(ssmClient().send(new PutParameterCommand({ Name: name, Value: 'secret', Type: 'SecureString' })));
      assert.equal(error.name, 'ThrottlingException');
      assert.equal(error.$metadata.httpStatusCode, 400);
      assert.equal(error.$metadata.attempts, 3);
      await assert.rejects(ssmClient().send(new GetParameterCommand({ Name: name })), ParameterNotFound);
    });

    it('server-error: InternalServerError (500); with count 1 the retry writes version 1 only', async () => {
      ssm.faults.inject({ kind: 'server-error', operations: ['GetParameter'], count: 1 });
      const error = await failure(ssmClient({ maxAttempts: 1 }).send(new GetParameterCommand({ Name: '/faults/any' })));
      assert.equal(error.name, 'InternalServerError');
      assert.equal(error.$metadata.httpStatusCode, 500);
      ssm.faults.inject({ kind: 'server-error', operations: ['PutParameter'], count: 1 });
      const put = await ssmClient().send(new PutParameterCommand({ Name: `/faults/${randomUUID()}`, Value: 'v', Type: 'SecureString' }));
      assert.equal(put.$metadata.attempts, 2);
      assert.equal(put.Version, 1, 'the failed attempt wrote nothing');
    });

    it('delay past the client\'s requestTimeout surfaces as TimeoutError', async () => {
      ssm.faults.inject({ kind: 'delay', delayMs: DELAY_MS, operations: ['GetParameter'] });
      const error = await failure(ssmClient({ maxAttempts: 1, requestTimeout: CLIENT_TIMEOUT_MS }).send(new GetParameterCommand({ Name: '/faults/slow' })));
      assert.equal(error.name, 'TimeoutError', `${error.name}: ${error.message}`);
    });
  });

  it('close() releases a delayed request at once, and does not serve it', async () => {
    const plane = await startSsmSandbox({ region: REGION, awsCredentials: CREDENTIALS });
    const client = track(new SSMClient({ region: REGION, endpoint: plane.endpoint, credentials: CREDENTIALS, maxAttempts: 1 }));
    plane.faults.inject({ kind: 'delay', delayMs: 60_000 });
    const name = `/faults/${randomUUID()}`;
    const pending = failure(client.send(new PutParameterCommand({ Name: name, Value: 'late', Type: 'SecureString' })));
    await until('the request to reach the plane', () => (plane.requests().mutating.total === 1 ? true : undefined), 5000);
    const started = Date.now();
    await plane.close();
    await pending;
    assert.ok(Date.now() - started < 2000, `close took ${Date.now() - started} ms`);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(plane.getParameter(name), undefined, 'a request released by close() is not served');
  });
});
