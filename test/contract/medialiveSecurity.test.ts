import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BadRequestException,
  CreateChannelCommand,
  CreateChannelCommandInput,
  CreateInputCommand,
  DescribeChannelCommand,
  ListChannelsCommand,
  MediaLiveClient,
  StartChannelCommand,
  StopChannelCommand,
  UpdateChannelCommand,
} from '@aws-sdk/client-medialive';
import { MediaLiveSandbox, startMediaLiveSandbox } from '../../src/sandbox/medialive';
import { MomentoSandbox, startMomentoSandbox } from '../../src/sandbox/momento';
import { SsmSandbox, startSsmSandbox } from '../../src/sandbox/ssm';
import { withRawBody } from './sdkBodyRewrite';
import { channelRequest, GUIDE_LADDER } from './medialive/channelFixture';
import { PutReceiver, startPutReceiver } from './medialive/putReceiver';
import { until } from './until';

const REGION = 'us-west-2';
const TIMINGS = { transitionMs: 50, startMs: 300, stopGraceMs: 3000 };
const LIMITS = { channels: 50, inputs: 50 };
const SMALL_LADDER = [GUIDE_LADDER[2]];
// Long enough for a started ffmpeg to pass its first frames through every filter.
const ENCODER_RUN_MS = 2000;
const FRAMERATE_PATH = 'encoderSettings.videoDescriptions[0].codecSettings.h264Settings.framerateNumerator';

/** The reported attack: ends the fps filter and starts one that writes `file`. */
const injection = (file: string) => `30,metadata=mode=print:file=${file}`;

function h264Of(request: CreateChannelCommandInput): Record<string, unknown> {
  return request.EncoderSettings!.VideoDescriptions![0].CodecSettings!.H264Settings! as Record<string, unknown>;
}

/** The NUL-separated strings of /proc/<pid>/cmdline and /proc/<pid>/environ, joined. */
function processText(pid: number): string {
  return ['cmdline', 'environ'].map((file) => readFileSync(`/proc/${pid}/${file}`, 'utf8').replace(/\0/g, ' ')).join('\n');
}

describe('sandbox MediaLive security', function () {
  this.timeout(60000);
  let ssm: SsmSandbox;
  let medialive: MediaLiveSandbox;
  let receiver: PutReceiver;
  let client: MediaLiveClient;
  let markers: string;

  async function newInput(): Promise<string> {
    const created = await client.send(new CreateInputCommand({ Name: 'pattern', Type: 'RTMP_PUSH' }));
    return created.Input!.Id!;
  }

  async function waitForState(channelId: string, state: string, timeoutMs = 5000): Promise<void> {
    await until(`channel ${channelId} to be ${state}`, async () =>
      ((await client.send(new DescribeChannelCommand({ ChannelId: channelId }))).State === state ? true : undefined), timeoutMs);
  }

  async function fixture(path: string): Promise<CreateChannelCommandInput> {
    return channelRequest({ url: `${receiver.origin}${path}`, inputId: await newInput(), ladder: SMALL_LADDER, segmentLength: 1 });
  }

  async function createIdle(request: CreateChannelCommandInput): Promise<string> {
    const id = (await client.send(new CreateChannelCommand(request))).Channel!.Id!;
    await waitForState(id, 'IDLE');
    return id;
  }

  async function stopIfRunning(id: string): Promise<void> {
    const state = (await client.send(new DescribeChannelCommand({ ChannelId: id }))).State;
    if (state !== 'RUNNING' && state !== 'STARTING') return;
    await client.send(new StopChannelCommand({ ChannelId: id }));
    await waitForState(id, 'IDLE', TIMINGS.stopGraceMs + 2000);
  }

  before(async () => {
    ssm = await startSsmSandbox({ region: REGION });
    medialive = await startMediaLiveSandbox({ region: REGION, ssm, timings: TIMINGS, limits: LIMITS });
    receiver = await startPutReceiver();
    client = new MediaLiveClient({ region: REGION, endpoint: medialive.endpoint, credentials: medialive.credentials });
    markers = mkdtempSync(join(tmpdir(), 'medialive-injection-'));
  });

  after(async () => {
    client?.destroy();
    await medialive?.close();
    await receiver?.close();
    await ssm?.close();
    if (markers) rmSync(markers, { recursive: true, force: true });
  });

  describe('ffmpeg filter injection', () => {
    it('refuses the reported frame-rate injection at CreateChannel, naming the field', async () => {
      const request = await fixture('/cache/inject/playlist.m3u8');
      request.Name = 'injected';
      const h264 = h264Of(request);
      delete h264.FramerateControl;
      h264.FramerateNumerator = injection(join(markers, 'create.txt'));
      await assert.rejects(client.send(new CreateChannelCommand(request)), (error: unknown) =>
        error instanceof BadRequestException && error.$metadata.httpStatusCode === 400
        && error.message.includes(`${FRAMERATE_PATH} must be an integer, not a string`));
      const listed = await client.send(new ListChannelsCommand({}));
      assert.equal(listed.Channels?.some((channel) => channel.Name === 'injected'), false, 'nothing was created');
    });

    it('refuses it at UpdateChannel and keeps the channel as it was', async () => {
      const id = await createIdle(await fixture('/cache/inject-update/playlist.m3u8'));
      const encoder = (await client.send(new DescribeChannelCommand({ ChannelId: id }))).EncoderSettings!;
      const h264 = encoder.VideoDescriptions![0].CodecSettings!.H264Settings! as Record<string, unknown>;
      delete h264.FramerateControl;
      h264.FramerateNumerator = injection(join(markers, 'update.txt'));
      await assert.rejects(client.send(new UpdateChannelCommand({ ChannelId: id, EncoderSettings: encoder })), (error: unknown) =>
        error instanceof BadRequestException && error.message.includes(FRAMERATE_PATH));
      const after = await client.send(new DescribeChannelCommand({ ChannelId: id }));
      assert.equal(after.State, 'IDLE');
      assert.equal(after.EncoderSettings?.VideoDescriptions?.[0].CodecSettings?.H264Settings?.FramerateNumerator, 30);
    });

    it('never lets the payload reach ffmpeg, however it is smuggled in', async () => {
      const smuggled: Array<[string, (request: CreateChannelCommandInput, file: string) => void]> = [
        ['numerator without FramerateControl', (request, file) => {
          delete h264Of(request).FramerateControl;
          h264Of(request).FramerateNumerator = injection(file);
        }],
        ['numerator with an unknown FramerateControl', (request, file) => Object.assign(h264Of(request), { FramerateControl: 'specified', FramerateNumerator: injection(file) })],
        ['numerator with INITIALIZE_FROM_SOURCE', (request, file) => Object.assign(h264Of(request), { FramerateControl: 'INITIALIZE_FROM_SOURCE', FramerateNumerator: injection(file) })],
        ['denominator', (request, file) => Object.assign(h264Of(request), { FramerateDenominator: `1,metadata=mode=print:file=${file}` })],
        ['numerator in a list', (request, file) => Object.assign(h264Of(request), { FramerateNumerator: [injection(file)] })],
        ['width', (request, file) => Object.assign(request.EncoderSettings!.VideoDescriptions![0], { Width: `426:240,metadata=mode=print:file=${file},scale=426` })],
      ];
      const outcomes: string[] = [];
      const files: string[] = [];
      const attempt = async (what: string, create: () => Promise<string>) => {
        let id: string;
        try {
          id = await create();
        } catch (error) {
          outcomes.push(`${what}: refused at create (${(error as Error).name})`);
          return;
        }
        await waitForState(id, 'IDLE');
        try {
          await client.send(new StartChannelCommand({ ChannelId: id }));
        } catch (error) {
          outcomes.push(`${what}: refused at start (${(error as Error).name})`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, ENCODER_RUN_MS));
        await stopIfRunning(id);
        outcomes.push(`${what}: ran`);
      };
      for (const [index, [what, smuggle]] of smuggled.entries()) {
        const file = join(markers, `smuggled-${index}.txt`);
        files.push(file);
        const request = await fixture(`/cache/smuggled-${index}/playlist.m3u8`);
        smuggle(request, file);
        await attempt(what, async () => (await client.send(new CreateChannelCommand(request))).Channel!.Id!);
      }
      const twiceFile = join(markers, 'twice.txt');
      files.push(twiceFile);
      let doubled = false;
      const twice = withRawBody(new CreateChannelCommand(await fixture('/cache/twice/playlist.m3u8')), (body) => {
        doubled = body.includes('"framerateNumerator":30');
        return body.replace('"framerateNumerator":30', `"framerateNumerator":30,"FramerateNumerator":${JSON.stringify(injection(twiceFile))}`);
      });
      await attempt('the member twice, PascalCase last', async () => (await client.send(twice)).Channel!.Id!);
      assert.ok(doubled, 'the SDK\'s body had the member to send twice');
      const updateFile = join(markers, 'smuggled-update.txt');
      files.push(updateFile);
      await attempt('UpdateChannel of an idle channel', async () => {
        const id = await createIdle(await fixture('/cache/smuggled-update/playlist.m3u8'));
        const request = await fixture('/cache/unused/playlist.m3u8');
        Object.assign(h264Of(request), { FramerateControl: 'INITIALIZE_FROM_SOURCE', FramerateNumerator: injection(updateFile) });
        await client.send(new UpdateChannelCommand({ ChannelId: id, EncoderSettings: request.EncoderSettings }));
        return id;
      });
      assert.equal(outcomes.length, files.length);
      for (const file of files) assert.equal(existsSync(file), false, `${file} was written:\n${outcomes.join('\n')}`);
    });
  });

  describe('destinations', () => {
    it('refuses an HLS destination on another host at CreateChannel and UpdateChannel', async () => {
      for (const url of ['http://example.com/cache/ns/playlist.m3u8', 'https://10.0.0.1/cache/ns/playlist.m3u8',
        'http://[::ffff:127.0.0.1]:8080/cache/ns/playlist.m3u8', 'http://127.0.0.1.nip.io/cache/ns/playlist.m3u8']) {
        const request = channelRequest({ url, inputId: await newInput(), ladder: SMALL_LADDER });
        await assert.rejects(client.send(new CreateChannelCommand(request)), (error: unknown) =>
          error instanceof BadRequestException && /publishes only to this machine \(127\.0\.0\.0\/8, ::1 or localhost\)/.test(error.message), url);
      }
      const id = await createIdle(await fixture('/cache/moving/playlist.m3u8'));
      await assert.rejects(client.send(new UpdateChannelCommand({
        ChannelId: id,
        Destinations: [{ Id: 'momento', Settings: [{ Url: 'https://api.cache.cell-4-us-west-2-1.prod.a.momentohq.com/cache/ns/playlist.m3u8' }] }],
      })), BadRequestException);
      const after = await client.send(new DescribeChannelCommand({ ChannelId: id }));
      assert.equal(after.Destinations?.[0].Settings?.[0].Url, `${receiver.origin}/cache/moving/playlist.m3u8`);
    });

    it('accepts the loopback spellings', async () => {
      for (const url of ['http://localhost:1/cache/ns/playlist.m3u8', 'http://127.0.0.2:1/cache/ns/playlist.m3u8', 'http://[::1]:1/cache/ns/playlist.m3u8']) {
        await client.send(new CreateChannelCommand(channelRequest({ url, inputId: await newInput(), ladder: SMALL_LADDER })));
      }
    });
  });

  describe('the encoder key', () => {
    let momento: MomentoSandbox;
    let encoderKey: string;
    let playerKey: string;

    before(async () => {
      momento = await startMomentoSandbox();
      momento.createNamespace('live-origin');
      encoderKey = momento.mintKey({ namespace: 'live-origin', role: 'read-write', ttlSeconds: 600 });
      playerKey = momento.mintKey({ namespace: 'live-origin', role: 'read-only', ttlSeconds: 600 });
      ssm.putParameter('/live-origin/momento-encoder-key', encoderKey);
    });

    after(async () => {
      await momento?.close();
    });

    /** Publishes `<base>.m3u8` through a channel; resolves to the last segment line of its variant playlist. */
    async function publishes(base: string, query: string, credentials?: { username: string; passwordParam: string }): Promise<string> {
      const url = `${momento.httpEndpoint}/cache/live-origin/${base}.m3u8?${query}`;
      const id = await createIdle(channelRequest({ url, inputId: await newInput(), ladder: SMALL_LADDER, segmentLength: 1, credentials }));
      await client.send(new StartChannelCommand({ ChannelId: id }));
      try {
        await waitForState(id, 'RUNNING');
        const pid = medialive.channels().find((channel) => channel.id === id)?.pid;
        assert.ok(pid, 'a running channel has an ffmpeg');
        const seen = processText(pid);
        const forms: Record<string, string> = {
          'key': encoderKey,
          'URL-encoded key': encodeURIComponent(encoderKey),
          'Basic credentials': Buffer.from(`momento:${encoderKey}`).toString('base64'),
          'token parameter': 'token=',
          'Authorization header': 'Authorization',
        };
        for (const [form, text] of Object.entries(forms)) assert.equal(seen.includes(text), false, `ffmpeg's command line and environment hold no ${form}`);
        const read = (key: string) => fetch(`${momento.httpEndpoint}/cache/live-origin/${key}`, { headers: { authorization: playerKey } });
        const variant = await until('a variant playlist with two segments', async () => {
          const response = await read(`${base}_240p30.m3u8`);
          const text = response.status === 200 ? await response.text() : '';
          return (text.match(/\.ts/g) ?? []).length >= 2 ? text : undefined;
        }, 8000);
        const lastSegment = variant.trim().split('\n').filter((line) => !line.startsWith('#')).pop()!;
        const segment = new Uint8Array(await (await read(lastSegment.split('?')[0])).arrayBuffer());
        assert.ok(segment.length > 1000 && segment[0] === 0x47, 'the live point is MPEG-TS');
        return lastSegment;
      } finally {
        await stopIfRunning(id);
      }
    }

    it('stays off ffmpeg\'s command line in token mode, and the stream lands with the query in its URIs', async () => {
      const lastSegment = await publishes('stream-a', `token=${encodeURIComponent(encoderKey)}&ttl_seconds=60&role=origin`);
      assert.match(lastSegment, /^stream-a_240p30_\d{5}\.ts\?token=[^&]+&ttl_seconds=60&role=origin$/, 'as MediaLive copies the query into the playlists');
    });

    it('stays off ffmpeg\'s command line in credentials mode, and the stream lands', async () => {
      const lastSegment = await publishes('stream-b', 'ttl_seconds=60&role=origin', { username: 'momento', passwordParam: '/live-origin/momento-encoder-key' });
      assert.match(lastSegment, /^stream-b_240p30_\d{5}\.ts\?ttl_seconds=60&role=origin$/);
    });
  });
});
