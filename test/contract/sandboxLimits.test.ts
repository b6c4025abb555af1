import assert from 'node:assert/strict';
import {
  BadRequestException,
  ConflictException,
  CreateChannelCommand,
  CreateInputCommand,
  DeleteChannelCommand,
  DeleteInputCommand,
  DescribeChannelCommand,
  DescribeInputCommand,
  ListAlertsCommand,
  MediaLiveClient,
  NotFoundException,
  StartChannelCommand,
  StopChannelCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-medialive';
import { DeleteParameterCommand, GetParameterCommand, ParameterLimitExceeded, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { MediaLiveSandbox, MediaLiveSandboxOptions, startMediaLiveSandbox } from '../../src/sandbox/medialive';
import { SsmSandbox, startSsmSandbox } from '../../src/sandbox/ssm';
import { withRawBody } from './sdkBodyRewrite';
import { channelRequest, GUIDE_LADDER } from './medialive/channelFixture';
import { startPutReceiver } from './medialive/putReceiver';
import { until } from './until';

const REGION = 'us-west-2';
const TIMINGS = { transitionMs: 50, startMs: 300, stopGraceMs: 3000 };
const DEEP = 10000;
// Nothing listens on port 9 (discard): these channels are never started.
const DESTINATION = 'http://127.0.0.1:9/cache/ns/playlist.m3u8';

const deepJson = (key: string) => `{"${key}":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`;

describe('sandbox quotas and caps', function () {
  this.timeout(30000);

  describe('MediaLive', () => {
    let medialive: MediaLiveSandbox;
    let client: MediaLiveClient;

    async function open(options: MediaLiveSandboxOptions): Promise<void> {
      medialive = await startMediaLiveSandbox({ region: REGION, timings: TIMINGS, ...options });
      // One attempt: the SDK would retry a 429 twice before giving up.
      client = new MediaLiveClient({ region: REGION, endpoint: medialive.endpoint, credentials: medialive.credentials, maxAttempts: 1 });
    }

    afterEach(async () => {
      client?.destroy();
      await medialive?.close();
    });

    async function createChannel(url = DESTINATION): Promise<string> {
      const input = await client.send(new CreateInputCommand({ Name: 'pattern', Type: 'RTMP_PUSH' }));
      const created = await client.send(new CreateChannelCommand(channelRequest({ url, inputId: input.Input!.Id!, ladder: [GUIDE_LADDER[2]] })));
      return created.Channel!.Id!;
    }

    async function waitForState(id: string, state: string): Promise<void> {
      await until(`${id} to be ${state}`, async () => ((await client.send(new DescribeChannelCommand({ ChannelId: id }))).State === state ? true : undefined), 5000);
    }

    it('refuses a sixth channel with TooManyRequestsException, and takes one again after a delete', async () => {
      await open({});
      const ids: string[] = [];
      for (let index = 0; index < 5; index += 1) ids.push(await createChannel());
      const input = await client.send(new CreateInputCommand({ Name: 'spare', Type: 'RTMP_PUSH' }));
      const sixth = channelRequest({ url: DESTINATION, inputId: input.Input!.Id!, ladder: [GUIDE_LADDER[2]], name: 'sixth' });
      await assert.rejects(client.send(new CreateChannelCommand(sixth)), (error: unknown) =>
        error instanceof TooManyRequestsException && error.$metadata.httpStatusCode === 429 && /may have 5 channels/.test(error.message));
      await waitForState(ids[0], 'IDLE');
      await client.send(new DeleteChannelCommand({ ChannelId: ids[0] }));
      await waitForState(ids[0], 'DELETED');
      assert.equal((await client.send(new CreateChannelCommand(sixth))).Channel?.Name, 'sixth');
    });

    it('refuses an input beyond the quota with TooManyRequestsException', async () => {
      await open({ limits: { inputs: 2 } });
      const first = await client.send(new CreateInputCommand({ Name: 'one', Type: 'RTMP_PUSH' }));
      await client.send(new CreateInputCommand({ Name: 'two', Type: 'RTMP_PUSH' }));
      await assert.rejects(client.send(new CreateInputCommand({ Name: 'three', Type: 'RTMP_PUSH' })), TooManyRequestsException);
      await client.send(new DeleteInputCommand({ InputId: first.Input!.Id! }));
      await client.send(new CreateInputCommand({ Name: 'three', Type: 'RTMP_PUSH' }));
    });

    it('forgets DELETED channels and inputs after a while, and keeps only the newest few', async () => {
      await open({ limits: { deletedRetentionMs: 60_000, deletedKept: 2 } });
      const ids: string[] = [];
      for (let index = 0; index < 3; index += 1) ids.push(await createChannel());
      for (const id of ids) {
        await waitForState(id, 'IDLE');
        await client.send(new DeleteChannelCommand({ ChannelId: id }));
        await waitForState(id, 'DELETED');
      }
      await assert.rejects(client.send(new DescribeChannelCommand({ ChannelId: ids[0] })), NotFoundException, 'the oldest of three went');
      assert.equal(medialive.channels().length, 2);
      const inputs = [];
      for (let index = 0; index < 3; index += 1) inputs.push((await client.send(new CreateInputCommand({ Name: `gone-${index}`, Type: 'RTMP_PUSH' }))).Input!.Id!);
      for (const id of inputs) await client.send(new DeleteInputCommand({ InputId: id }));
      await assert.rejects(client.send(new DescribeInputCommand({ InputId: inputs[0] })), NotFoundException);
      assert.equal((await client.send(new DescribeInputCommand({ InputId: inputs[2] }))).State, 'DELETED');

      client.destroy();
      await medialive.close();
      await open({ limits: { deletedRetentionMs: 300 } });
      const brief = await createChannel();
      await waitForState(brief, 'IDLE');
      await client.send(new DeleteChannelCommand({ ChannelId: brief }));
      await waitForState(brief, 'DELETED');
      await until('the deleted channel to vanish', async () =>
        client.send(new DescribeChannelCommand({ ChannelId: brief })).then(() => undefined, (error: unknown) => (error instanceof NotFoundException ? true : undefined)), 3000);
    });

    it('runs at most two encoders at once and says which', async () => {
      await open({});
      const receiver = await startPutReceiver();
      const ids: string[] = [];
      for (let index = 0; index < 3; index += 1) ids.push(await createChannel(`${receiver.origin}/cache/encoder-${index}/playlist.m3u8`));
      for (const id of ids) await waitForState(id, 'IDLE');
      try {
        await client.send(new StartChannelCommand({ ChannelId: ids[0] }));
        await client.send(new StartChannelCommand({ ChannelId: ids[1] }));
        await assert.rejects(client.send(new StartChannelCommand({ ChannelId: ids[2] })), (error: unknown) =>
          error instanceof ConflictException && error.message.includes(`at most 2 encoders at once (channels ${ids[0]}, ${ids[1]})`));
        await client.send(new StopChannelCommand({ ChannelId: ids[0] }));
        await waitForState(ids[0], 'IDLE');
        await client.send(new StartChannelCommand({ ChannelId: ids[2] }));
      } finally {
        for (const id of ids) await client.send(new StopChannelCommand({ ChannelId: id })).catch(() => undefined);
        await medialive.close();
        await receiver.close();
      }
    });

    it('keeps only the newest alerts of an encoder that keeps failing', async () => {
      await open({ limits: { alertsKept: 1 } });
      const receiver = await startPutReceiver();
      try {
        const id = await createChannel(`${receiver.origin}/cache/failing/playlist.m3u8`);
        await waitForState(id, 'IDLE');
        const messages: string[] = [];
        for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
          await client.send(new StartChannelCommand({ ChannelId: id }));
          const pid = await until('an ffmpeg pid', async () => medialive.channels().find((channel) => channel.id === id)?.pid, 2000);
          process.kill(pid, signal);
          await waitForState(id, 'IDLE');
          messages.push(medialive.channels().find((channel) => channel.id === id)!.lastError!);
        }
        const alerts = (await client.send(new ListAlertsCommand({ ChannelId: id }))).Alerts ?? [];
        assert.deepEqual(alerts.map((alert) => alert.Message), [messages[1]]);
      } finally {
        await medialive.close();
        await receiver.close();
      }
    });

    it('answers ten thousand levels of JSON with BadRequestException, not a stack overflow', async () => {
      await open({});
      const input = await client.send(new CreateInputCommand({ Name: 'pattern', Type: 'RTMP_PUSH' }));
      const command = withRawBody(new CreateChannelCommand(channelRequest({ url: DESTINATION, inputId: input.Input!.Id! })), () => deepJson('encoderSettings'));
      await assert.rejects(client.send(command), (error: unknown) =>
        error instanceof BadRequestException && error.$metadata.httpStatusCode === 400 && /nests deeper than 64 levels/.test(error.message));
    });
  });

  describe('SSM', () => {
    let ssm: SsmSandbox;
    let client: SSMClient;

    before(async () => {
      ssm = await startSsmSandbox({ region: REGION, maxParameters: 3 });
      client = new SSMClient({ region: REGION, endpoint: ssm.endpoint, credentials: ssm.credentials });
    });

    after(async () => {
      client?.destroy();
      await ssm?.close();
    });

    it('refuses a parameter beyond the cap with ParameterLimitExceeded, but still overwrites', async () => {
      for (const name of ['/a', '/b', '/c']) await client.send(new PutParameterCommand({ Name: name, Value: 'v', Type: 'String' }));
      await assert.rejects(client.send(new PutParameterCommand({ Name: '/d', Value: 'v', Type: 'String' })), (error: unknown) =>
        error instanceof ParameterLimitExceeded && error.$metadata.httpStatusCode === 400);
      await client.send(new PutParameterCommand({ Name: '/a', Value: 'w', Overwrite: true }));
      await client.send(new DeleteParameterCommand({ Name: '/b' }));
      await client.send(new PutParameterCommand({ Name: '/d', Value: 'v', Type: 'String' }));
      assert.equal((await client.send(new GetParameterCommand({ Name: '/a' }))).Parameter?.Value, 'w');
    });

    it('answers ten thousand levels of JSON with SerializationException', async () => {
      const command = withRawBody(new GetParameterCommand({ Name: '/a' }), () => deepJson('Name'));
      await assert.rejects(client.send(command), (error: unknown) =>
        error instanceof Error && error.name === 'SerializationException' && /nests deeper than 64 levels/.test(error.message));
    });
  });
});
