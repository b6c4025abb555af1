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
  ListChannelsCommand,
  MediaLiveClient,
  NotFoundException,
  paginateListChannels,
  StartChannelCommand,
  StopChannelCommand,
  UnprocessableEntityException,
  UpdateChannelCommand,
} from '@aws-sdk/client-medialive';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { randomUUID } from 'node:crypto';
import { generateAwsCredentials } from '../../src/sandbox/aws/credentials';
import { MediaLiveSandbox, startMediaLiveSandbox } from '../../src/sandbox/medialive';
import { MomentoSandbox, startMomentoSandbox } from '../../src/sandbox/momento';
import { SsmSandbox, startSsmSandbox } from '../../src/sandbox/ssm';
import { channelRequest, GUIDE_LADDER, Rung } from './medialive/channelFixture';
import { PutReceiver, ReceivedRequest, startPutReceiver } from './medialive/putReceiver';
import { until } from './until';

const REGION = 'us-west-2';
const CREDENTIALS = generateAwsCredentials();
const TIMINGS = { transitionMs: 50, startMs: 300, stopGraceMs: 3000 };
// The suite keeps every channel and input it makes, beyond the default quotas.
const LIMITS = { channels: 50, inputs: 50 };
const SEGMENT_SECONDS = 1;
// From RUNNING, the first segments of every rendition must land within a few segment lengths.
const SEGMENTS_DEADLINE_MS = 8 * SEGMENT_SECONDS * 1000;
const SMALL_LADDER: Rung[] = [GUIDE_LADDER[2]];

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('sandbox MediaLive through @aws-sdk/client-medialive', function () {
  this.timeout(30000);
  let ssm: SsmSandbox;
  let medialive: MediaLiveSandbox;
  let receiver: PutReceiver;
  let client: MediaLiveClient;
  const pids = new Set<number>();

  async function newInput(): Promise<string> {
    const created = await client.send(new CreateInputCommand({ Name: `pattern-${randomUUID()}`, Type: 'URL_PULL', Sources: [{ Url: 'https://example.invalid/source.m3u8' }] }));
    return created.Input!.Id!;
  }

  async function waitForState(channelId: string, state: string, timeoutMs = 5000): Promise<void> {
    await until(`channel ${channelId} to be ${state}`, async () => {
      const described = await client.send(new DescribeChannelCommand({ ChannelId: channelId }));
      return described.State === state ? true : undefined;
    }, timeoutMs);
  }

  async function createIdle(request: Parameters<typeof channelRequest>[0]): Promise<string> {
    const created = await client.send(new CreateChannelCommand(channelRequest(request)));
    assert.equal(created.Channel?.State, 'CREATING');
    await waitForState(created.Channel!.Id!, 'IDLE');
    return created.Channel!.Id!;
  }

  async function startRunning(channelId: string): Promise<number> {
    const started = await client.send(new StartChannelCommand({ ChannelId: channelId }));
    assert.equal(started.State, 'STARTING');
    await waitForState(channelId, 'RUNNING');
    const pid = medialive.channels().find((channel) => channel.id === channelId)?.pid;
    assert.ok(pid, 'a running channel has an ffmpeg');
    pids.add(pid);
    return pid;
  }

  function requestsUnder(prefix: string): ReceivedRequest[] {
    return receiver.requests.filter((request) => request.path.startsWith(prefix));
  }

  before(async () => {
    ssm = await startSsmSandbox({ region: REGION, awsCredentials: CREDENTIALS });
    medialive = await startMediaLiveSandbox({ region: REGION, ssm, timings: TIMINGS, limits: LIMITS, awsCredentials: CREDENTIALS });
    receiver = await startPutReceiver();
    client = new MediaLiveClient({ region: REGION, endpoint: medialive.endpoint, credentials: CREDENTIALS });
  });

  afterEach(async () => {
    for (const channel of medialive.channels()) {
      if (channel.state !== 'RUNNING' && channel.state !== 'STARTING') continue;
      await client.send(new StopChannelCommand({ ChannelId: channel.id }));
      await waitForState(channel.id, 'IDLE', TIMINGS.stopGraceMs + 2000);
    }
  });

  after(async () => {
    client?.destroy();
    await medialive?.close();
    await receiver?.close();
    await ssm?.close();
    for (const pid of pids) assert.equal(isAlive(pid), false, `ffmpeg ${pid} outlived the sandbox`);
  });

  describe('control plane', () => {
    it('rejects a broken channel with UnprocessableEntityException and its validation errors', async () => {
      const request = channelRequest({ url: `${receiver.origin}/cache/bad/playlist.m3u8`, inputId: await newInput(), name: 'broken' });
      request.Destinations![0].Settings!.push({ Url: `${receiver.origin}/cache/bad-b/playlist.m3u8` });
      const group = request.EncoderSettings!.OutputGroups![0];
      group.OutputGroupSettings!.HlsGroupSettings!.Destination = { DestinationRefId: 'nowhere' };
      group.Outputs![1].OutputSettings!.HlsOutputSettings!.NameModifier = '_720p30';
      delete (request.EncoderSettings as { TimecodeConfig?: unknown }).TimecodeConfig;
      const error = await client.send(new CreateChannelCommand(request)).then(() => undefined, (caught: unknown) => caught);
      assert.ok(error instanceof UnprocessableEntityException, `got ${String(error)}`);
      assert.equal(error.$metadata.httpStatusCode, 422);
      assert.equal(error.message, 'Failed Create Channel validation');
      const byPath = new Map(error.ValidationErrors?.map((item) => [item.ElementPath, item.ErrorMessage]));
      assert.equal(byPath.get('outputGroups[0].outputGroupSettings.hlsGroupSettings.destination.destinationRefId'), 'Object references undefined destination "nowhere"');
      assert.match(byPath.get('destinations[0].settings') ?? '', /SINGLE_PIPELINE channel needs exactly 1 destination setting/);
      assert.equal(byPath.get('timecodeConfig'), 'timecodeConfig is required');
      assert.match(byPath.get('outputGroups[0].outputs[1].outputSettings.hlsOutputSettings.nameModifier') ?? '', /must be unique/);
      const listed = await client.send(new ListChannelsCommand({}));
      assert.equal(listed.Channels?.some((channel) => channel.Name === 'broken'), false, 'nothing was created');
    });

    it('makes one channel from two creates with the same RequestId', async () => {
      const request = channelRequest({ url: `${receiver.origin}/cache/idem/playlist.m3u8`, inputId: await newInput(), requestId: randomUUID(), name: 'idempotent' });
      const first = await client.send(new CreateChannelCommand(request));
      const second = await client.send(new CreateChannelCommand(request));
      assert.ok(first.Channel?.Id);
      assert.equal(second.Channel?.Id, first.Channel.Id);
      assert.equal(second.Channel?.Arn, `arn:aws:medialive:${REGION}:123456789012:channel:${first.Channel.Id}`);
      const listed = await client.send(new ListChannelsCommand({}));
      assert.equal(listed.Channels?.filter((channel) => channel.Name === 'idempotent').length, 1);
    });

    it('pages ListChannels with MaxResults and NextToken', async () => {
      const created: string[] = [];
      for (let index = 0; index < 5; index += 1) {
        const response = await client.send(new CreateChannelCommand(channelRequest({ url: `${receiver.origin}/cache/page/playlist.m3u8`, inputId: await newInput(), name: `page-${index}` })));
        created.push(response.Channel!.Id!);
      }
      const pages: string[][] = [];
      let token: string | undefined;
      for (let guard = 0; guard < 50; guard += 1) {
        const response = await client.send(new ListChannelsCommand({ MaxResults: 2, NextToken: token }));
        pages.push((response.Channels ?? []).map((channel) => channel.Id!));
        token = response.NextToken;
        if (!token) break;
      }
      assert.equal(token, undefined, 'paging ends');
      const all = pages.flat();
      assert.ok(pages.slice(0, -1).every((page) => page.length === 2));
      assert.equal(new Set(all).size, all.length, 'no channel twice');
      for (const id of created) assert.ok(all.includes(id), `channel ${id} listed`);
      const viaPaginator: string[] = [];
      for await (const page of paginateListChannels({ client, pageSize: 3 }, {})) viaPaginator.push(...(page.Channels ?? []).map((channel) => channel.Id!));
      assert.deepEqual(viaPaginator, all);
      await assert.rejects(client.send(new ListChannelsCommand({ NextToken: 'not-a-token' })), BadRequestException);
      await assert.rejects(client.send(new ListChannelsCommand({ MaxResults: 0 })), BadRequestException);
    });

    it('updates an idle channel and validates the result', async () => {
      const id = await createIdle({ url: `${receiver.origin}/cache/upd/playlist.m3u8`, inputId: await newInput(), name: 'before' });
      const described = await client.send(new DescribeChannelCommand({ ChannelId: id }));
      const encoder = described.EncoderSettings!;
      encoder.OutputGroups![0].OutputGroupSettings!.HlsGroupSettings!.SegmentLength = 4;
      const updated = await client.send(new UpdateChannelCommand({ ChannelId: id, Name: 'after', EncoderSettings: encoder }));
      assert.equal(updated.Channel?.State, 'UPDATING');
      await waitForState(id, 'IDLE');
      const after = await client.send(new DescribeChannelCommand({ ChannelId: id }));
      assert.equal(after.Name, 'after');
      assert.equal(after.EncoderSettings?.OutputGroups?.[0].OutputGroupSettings?.HlsGroupSettings?.SegmentLength, 4);
      assert.equal(after.Destinations?.[0].Settings?.[0].Url, `${receiver.origin}/cache/upd/playlist.m3u8`, 'fields not sent are kept');
      encoder.VideoDescriptions![0].Name = 'renamed';
      await assert.rejects(client.send(new UpdateChannelCommand({ ChannelId: id, EncoderSettings: encoder })), (error: unknown) =>
        error instanceof UnprocessableEntityException && error.message === 'Failed Update Channel validation'
        && error.ValidationErrors!.some((item) => item.ElementPath === 'outputGroups[0].outputs[0].videoDescriptionName'));
    });

    it('deletes only idle channels, ends in DELETED and frees the input', async () => {
      const inputId = await newInput();
      const created = await client.send(new CreateChannelCommand(channelRequest({ url: `${receiver.origin}/cache/del/playlist.m3u8`, inputId, name: 'to-delete' })));
      const id = created.Channel!.Id!;
      await assert.rejects(client.send(new DeleteChannelCommand({ ChannelId: id })), ConflictException, 'CREATING is not deletable');
      await waitForState(id, 'IDLE');
      const input = await client.send(new DescribeInputCommand({ InputId: inputId }));
      assert.equal(input.State, 'ATTACHED');
      assert.deepEqual(input.AttachedChannels, [id]);
      await assert.rejects(client.send(new DeleteInputCommand({ InputId: inputId })), ConflictException);
      const deleting = await client.send(new DeleteChannelCommand({ ChannelId: id }));
      assert.equal(deleting.State, 'DELETING');
      await waitForState(id, 'DELETED');
      const listed = await client.send(new ListChannelsCommand({}));
      assert.equal(listed.Channels?.some((channel) => channel.Id === id), false);
      assert.equal((await client.send(new DescribeInputCommand({ InputId: inputId }))).State, 'DETACHED');
      await client.send(new DeleteInputCommand({ InputId: inputId }));
      await assert.rejects(client.send(new StartChannelCommand({ ChannelId: id })), NotFoundException);
    });

    it('answers NotFoundException for an unknown channel and 422 for an unknown input', async () => {
      await assert.rejects(client.send(new DescribeChannelCommand({ ChannelId: '9999999' })), (error: unknown) =>
        error instanceof NotFoundException && error.$metadata.httpStatusCode === 404);
      await assert.rejects(client.send(new CreateChannelCommand(channelRequest({ url: `${receiver.origin}/cache/x/playlist.m3u8`, inputId: '0000001' }))),
        (error: unknown) => error instanceof UnprocessableEntityException && error.ValidationErrors?.[0].ElementPath === 'inputAttachments[0].inputId');
    });
  });

  describe('channel runner', () => {
    it('streams every rendition to the destination while RUNNING, and stopping ends ffmpeg', async () => {
      const prefix = '/cache/guide/';
      const query = 'token=tok%2Fen&ttl_seconds=60&role=origin';
      const id = await createIdle({ url: `${receiver.origin}${prefix}playlist.m3u8?${query}`, inputId: await newInput(), segmentLength: SEGMENT_SECONDS });
      await assert.rejects(client.send(new StopChannelCommand({ ChannelId: id })), ConflictException, 'an idle channel cannot stop');
      const pid = await startRunning(id);
      const described = await client.send(new DescribeChannelCommand({ ChannelId: id }));
      assert.equal(described.PipelinesRunningCount, 1);
      const wanted = GUIDE_LADDER.flatMap((rung) => [`${prefix}playlist${rung.modifier}_00001.ts`, `${prefix}playlist${rung.modifier}.m3u8`]);
      await receiver.waitFor('two segments of every rendition', () => wanted.every((path) => requestsUnder(prefix).some((request) => request.path === path)), SEGMENTS_DEADLINE_MS);
      const received = requestsUnder(prefix);
      assert.ok(received.every((request) => request.method === 'PUT' && request.chunked));
      assert.ok(received.every((request) => request.query.token === 'tok/en' && request.query.ttl_seconds === '60' && request.query.role === 'origin'), 'the query string rides on every PUT');
      assert.ok(received.every((request) => request.authorization === undefined), 'token mode sends no Authorization');
      const segments = received.filter((request) => request.path.endsWith('.ts'));
      assert.ok(segments.every((request) => request.firstByte === 0x47 && request.bytes > 1000), 'segments are MPEG-TS');
      assert.ok(segments.every((request) => /^\/cache\/guide\/playlist_(720|480|240)p30_\d{5}\.ts$/.test(request.path)));
      await receiver.waitFor('the master playlist', () => receiver.playlists.has(`${prefix}playlist.m3u8`), SEGMENTS_DEADLINE_MS);
      const master = receiver.playlists.get(`${prefix}playlist.m3u8`)!;
      for (const rung of GUIDE_LADDER) {
        assert.ok(master.includes(`RESOLUTION=${rung.width}x${rung.height}`), master);
        assert.ok(master.includes(`playlist${rung.modifier}.m3u8?token=tok%2Fen&ttl_seconds=60&role=origin`), master);
      }
      assert.match(receiver.playlists.get(`${prefix}playlist_240p30.m3u8`)!, /#EXT-X-TARGETDURATION:1\n/);

      await assert.rejects(client.send(new UpdateChannelCommand({ ChannelId: id, Name: 'busy' })), ConflictException);
      await assert.rejects(client.send(new DeleteChannelCommand({ ChannelId: id })), ConflictException);
      await assert.rejects(client.send(new StartChannelCommand({ ChannelId: id })), ConflictException);

      const stopping = await client.send(new StopChannelCommand({ ChannelId: id }));
      assert.equal(stopping.State, 'STOPPING');
      await waitForState(id, 'IDLE', TIMINGS.stopGraceMs + 2000);
      assert.equal(isAlive(pid), false, 'ffmpeg is gone');
      assert.equal(medialive.channels().find((channel) => channel.id === id)?.lastError, undefined, 'a requested stop is no error');
      assert.equal((await client.send(new ListAlertsCommand({ ChannelId: id }))).Alerts?.length, 0);
    });

    it('shows an encoder killed from outside as IDLE with a SET alert, cleared by the next start', async () => {
      const id = await createIdle({ url: `${receiver.origin}/cache/killed/playlist.m3u8?ttl_seconds=60`, inputId: await newInput(), ladder: SMALL_LADDER, segmentLength: SEGMENT_SECONDS });
      const pid = await startRunning(id);
      process.kill(pid, 'SIGKILL');
      await waitForState(id, 'IDLE');
      const described = await client.send(new DescribeChannelCommand({ ChannelId: id }));
      assert.equal(described.PipelinesRunningCount, 0);
      const status = medialive.channels().find((channel) => channel.id === id)!;
      assert.equal(status.pid, undefined);
      assert.match(status.lastError ?? '', /ffmpeg\) exited on signal SIGKILL/);
      const alerts = await client.send(new ListAlertsCommand({ ChannelId: id, StateFilter: 'SET' }));
      assert.equal(alerts.Alerts?.length, 1);
      assert.equal(alerts.Alerts![0].Message, status.lastError);
      assert.ok(alerts.Alerts![0].SetTimestamp instanceof Date);

      await startRunning(id);
      const after = await client.send(new ListAlertsCommand({ ChannelId: id }));
      assert.equal(after.Alerts?.[0].State, 'CLEARED');
      assert.ok(after.Alerts?.[0].ClearedTimestamp instanceof Date);
      assert.equal(medialive.channels().find((channel) => channel.id === id)?.lastError, undefined);
    });

    it('sends HTTP Basic auth with the SSM password on every PUT in credentials mode', async () => {
      const ssmClient = new SSMClient({ region: REGION, endpoint: ssm.endpoint, credentials: CREDENTIALS });
      try {
        await ssmClient.send(new PutParameterCommand({ Name: '/creds/momento-encoder-key', Value: 'key-from-ssm', Type: 'SecureString' }));
      } finally {
        ssmClient.destroy();
      }
      const prefix = '/cache/creds/';
      const id = await createIdle({
        url: `${receiver.origin}${prefix}playlist.m3u8?ttl_seconds=60&role=origin`,
        inputId: await newInput(),
        ladder: SMALL_LADDER,
        segmentLength: SEGMENT_SECONDS,
        credentials: { username: 'momento', passwordParam: '/creds/momento-encoder-key' },
      });
      await startRunning(id);
      await receiver.waitFor('a segment and playlists', () =>
        [`${prefix}playlist_240p30_00000.ts`, `${prefix}playlist_240p30.m3u8`, `${prefix}playlist.m3u8`].every((path) => requestsUnder(prefix).some((request) => request.path === path)), SEGMENTS_DEADLINE_MS);
      const expected = `Basic ${Buffer.from('momento:key-from-ssm').toString('base64')}`;
      const received = requestsUnder(prefix);
      assert.ok(received.length >= 3);
      for (const request of received) {
        assert.equal(request.authorization, expected, `${request.path} carries the credentials`);
        assert.equal(request.query.token, undefined);
      }
    });

    it('refuses to start when the password parameter is missing or ffmpeg is not installed', async () => {
      const id = await createIdle({
        url: `${receiver.origin}/cache/nopass/playlist.m3u8?ttl_seconds=60`,
        inputId: await newInput(),
        ladder: SMALL_LADDER,
        credentials: { username: 'momento', passwordParam: '/missing/parameter' },
      });
      await assert.rejects(client.send(new StartChannelCommand({ ChannelId: id })), (error: unknown) =>
        error instanceof BadRequestException && /SSM parameter "\/missing\/parameter" does not exist/.test(error.message));
      assert.equal((await client.send(new DescribeChannelCommand({ ChannelId: id }))).State, 'IDLE');

      const noFfmpeg = await startMediaLiveSandbox({ region: REGION, ffmpegPath: '/nonexistent/bin/ffmpeg', timings: TIMINGS, awsCredentials: CREDENTIALS });
      const other = new MediaLiveClient({ region: REGION, endpoint: noFfmpeg.endpoint, credentials: CREDENTIALS });
      try {
        const input = await other.send(new CreateInputCommand({ Name: 'pattern', Type: 'RTMP_PUSH' }));
        const created = await other.send(new CreateChannelCommand(channelRequest({ url: `${receiver.origin}/cache/noffmpeg/playlist.m3u8`, inputId: input.Input!.Id!, ladder: SMALL_LADDER })));
        await until('IDLE', () => (noFfmpeg.channels()[0]?.state === 'IDLE' ? true : undefined), 2000);
        await assert.rejects(other.send(new StartChannelCommand({ ChannelId: created.Channel!.Id! })), (error: unknown) =>
          error instanceof BadRequestException && /Debian package `ffmpeg`/.test(error.message));
        assert.equal(noFfmpeg.channels()[0].state, 'IDLE');
      } finally {
        other.destroy();
        await noFfmpeg.close();
      }
    });

    it('close() stops the ffmpeg of a running channel', async () => {
      const own = await startMediaLiveSandbox({ region: REGION, timings: TIMINGS, awsCredentials: CREDENTIALS });
      const ownClient = new MediaLiveClient({ region: REGION, endpoint: own.endpoint, credentials: CREDENTIALS });
      let pid: number | undefined;
      try {
        const input = await ownClient.send(new CreateInputCommand({ Name: 'pattern', Type: 'RTMP_PUSH' }));
        const created = await ownClient.send(new CreateChannelCommand(channelRequest({
          url: `${receiver.origin}/cache/closing/playlist.m3u8?ttl_seconds=60`, inputId: input.Input!.Id!, ladder: SMALL_LADDER, segmentLength: SEGMENT_SECONDS,
        })));
        await until('IDLE', () => (own.channels()[0]?.state === 'IDLE' ? true : undefined), 2000);
        await ownClient.send(new StartChannelCommand({ ChannelId: created.Channel!.Id! }));
        pid = await until('an ffmpeg pid', () => own.channels()[0]?.pid, 2000);
        pids.add(pid);
        assert.equal(isAlive(pid), true);
      } finally {
        ownClient.destroy();
        await own.close();
      }
      assert.equal(isAlive(pid), false, 'close() waited for ffmpeg to exit');
      assert.equal(own.channels()[0].state, 'IDLE');
    });

    describe('into the Momento sandbox', () => {
      let momento: MomentoSandbox;

      before(async () => {
        momento = await startMomentoSandbox();
      });

      after(async () => {
        await momento?.close();
      });

      it('publishes a live stream a player key can read back over HTTP', async () => {
        momento.createNamespace('live-origin');
        const encoderKey = momento.mintKey({ namespace: 'live-origin', role: 'read-write', ttlSeconds: 600 });
        const playerKey = momento.mintKey({ namespace: 'live-origin', role: 'read-only', ttlSeconds: 600 });
        ssm.putParameter('/live-origin/momento-encoder-key', encoderKey);
        const id = await createIdle({
          url: `${momento.httpEndpoint}/cache/live-origin/playlist.m3u8?ttl_seconds=60&role=origin`,
          inputId: await newInput(),
          ladder: SMALL_LADDER,
          segmentLength: SEGMENT_SECONDS,
          credentials: { username: 'momento', passwordParam: '/live-origin/momento-encoder-key' },
        });
        await startRunning(id);
        const read = (key: string) => fetch(`${momento.httpEndpoint}/cache/live-origin/${key}?token=${encodeURIComponent(playerKey)}`);
        const variant = await until('a variant playlist with two segments', async () => {
          const response = await read('playlist_240p30.m3u8');
          if (response.status !== 200) return undefined;
          const text = await response.text();
          return (text.match(/\.ts/g) ?? []).length >= 2 ? text : undefined;
        }, SEGMENTS_DEADLINE_MS);
        assert.match(variant, /^#EXTM3U\n/);
        const lastSegment = variant.trim().split('\n').filter((line) => !line.startsWith('#')).pop()!;
        assert.match(lastSegment, /^playlist_240p30_\d{5}\.ts\?ttl_seconds=60&role=origin$/);
        const segment = await read(lastSegment.split('?')[0]);
        assert.equal(segment.status, 200);
        const bytes = new Uint8Array(await segment.arrayBuffer());
        assert.ok(bytes.length > 1000 && bytes[0] === 0x47, 'the live point is MPEG-TS');
        const master = await (await read('playlist.m3u8')).text();
        assert.match(master, /playlist_240p30\.m3u8\?ttl_seconds=60&role=origin/);
      });
    });
  });
});
