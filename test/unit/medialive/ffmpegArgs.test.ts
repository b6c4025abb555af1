import assert from 'node:assert/strict';
import type { CreateChannelCommandInput } from '@aws-sdk/client-medialive';
import { buildFfmpegArgs } from '../../../src/sandbox/medialive/ffmpegArgs';
import { channelRequest, GUIDE_LADDER } from '../../contract/medialive/channelFixture';

const URL_WITH_TOKEN = 'https://api.cache.example/cache/live-origin/playlist.m3u8?token=abc&ttl_seconds=3600&role=origin';
const RELAY = 'http://127.0.0.1:9/0123456789abcdef0123456789abcdef/';
// What a filter graph may hold: the split, then per rendition a scale, an fps and a pixel format.
const FILTER_GRAPH = /^\[0:v\]split=\d+(\[s\d+\])+(;\[s\d+\]scale=\d+:\d+,fps=\d+(\/\d+)?,format=yuv420p\[v\d+\])+$/;

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index < 0 ? undefined : args[index + 1];
}

function request(overrides: Partial<Parameters<typeof channelRequest>[0]> = {}): CreateChannelCommandInput {
  return channelRequest({ url: URL_WITH_TOKEN, inputId: '1234567', segmentLength: 2, ...overrides });
}

function hlsGroup(channel: CreateChannelCommandInput) {
  return channel.EncoderSettings!.OutputGroups![0].OutputGroupSettings!.HlsGroupSettings!;
}

describe('sandbox MediaLive ffmpeg arguments', () => {
  it('names the master, variants and segments as MediaLive does, in the relay\'s directory', () => {
    const args = buildFfmpegArgs(request(), RELAY);
    assert.equal(option(args, '-master_pl_name'), 'playlist.m3u8');
    assert.equal(option(args, '-hls_segment_filename'), `${RELAY}playlist%v_%05d.ts`);
    assert.equal(args[args.length - 1], `${RELAY}playlist%v.m3u8`);
    assert.equal(option(args, '-var_stream_map'), 'v:0,a:0,name:_720p30 v:1,a:1,name:_480p30 v:2,a:2,name:_240p30');
  });

  it('takes the base name from a URL without .m3u8', () => {
    const args = buildFfmpegArgs(request({ url: 'http://127.0.0.1:8080/live/index' }), RELAY);
    assert.equal(option(args, '-master_pl_name'), 'index.m3u8');
    assert.equal(args[args.length - 1], `${RELAY}index%v.m3u8`);
  });

  it('encodes one rendition per output with the size, rate, bitrate and GOP of its video description', () => {
    const args = buildFfmpegArgs(request(), RELAY);
    const filters = option(args, '-filter_complex')!;
    assert.match(filters, FILTER_GRAPH);
    assert.match(filters, /^\[0:v\]split=3\[s0\]\[s1\]\[s2\];/);
    GUIDE_LADDER.forEach((rung, index) => {
      assert.ok(filters.includes(`[s${index}]scale=${rung.width}:${rung.height},fps=30,format=yuv420p[v${index}]`), filters);
      assert.equal(option(args, `-b:v:${index}`), String(rung.kbps * 1000));
      assert.equal(option(args, `-maxrate:v:${index}`), String(rung.kbps * 1000), 'CBR caps the rate at the bitrate');
      assert.equal(option(args, `-g:v:${index}`), '60', '2 s GOP at 30 fps');
      assert.equal(option(args, `-profile:v:${index}`), 'main');
      assert.equal(option(args, `-b:a:${index}`), '96000');
      assert.equal(option(args, `-ac:a:${index}`), '2');
    });
    assert.equal(args.filter((arg) => arg === '-map').length, 6);
    assert.match(option(args, '-i')!, /^testsrc2=size=1280x720:rate=30$/);
    assert.equal(option(args, '-preset'), 'ultrafast');
  });

  it('runs in real time and PUTs with the group\'s segment length and playlist size', () => {
    const channel = request({ segmentLength: 2 });
    hlsGroup(channel).IndexNSegments = 7;
    const args = buildFfmpegArgs(channel, RELAY);
    const inputs = args.map((arg, index) => (arg === '-i' ? index : -1)).filter((index) => index >= 0);
    assert.equal(inputs.length, 2);
    for (const index of inputs) assert.deepEqual(args.slice(index - 3, index), ['-re', '-f', 'lavfi']);
    assert.match(args[inputs[1] + 1], /^sine=/);
    assert.equal(args[args.lastIndexOf('-f') + 1], 'hls');
    assert.equal(option(args, '-hls_time'), '2');
    assert.equal(option(args, '-hls_list_size'), '7');
    assert.equal(option(args, '-method'), 'PUT');
    assert.equal(option(args, '-http_persistent'), '1');
    assert.equal(option(args, '-force_key_frames'), 'expr:gte(t,n_forced*2)');
  });

  it('puts neither the destination, its query nor any credential on the command line', () => {
    for (const channel of [request(), request({ credentials: { username: 'momento', passwordParam: '/live-origin/momento-encoder-key' } })]) {
      const line = buildFfmpegArgs(channel, RELAY).join(' ');
      for (const secret of ['token=', 'api.cache.example', 'ttl_seconds', '-headers', 'Authorization', 'momento']) {
        assert.equal(line.includes(secret), false, `${secret} is not on the command line`);
      }
    }
  });

  it('escapes a base name so ffmpeg expands no template in it', () => {
    const args = buildFfmpegArgs(request({ url: 'http://127.0.0.1:1/cache/ns/play%2512dlist.m3u8?token=ab/c' }), RELAY);
    assert.equal(option(args, '-master_pl_name'), 'play%2512%64list.m3u8');
    const segments = option(args, '-hls_segment_filename')!;
    assert.equal(segments, `${RELAY}play%2512%64list%v_%05d.ts`);
    assert.deepEqual(segments.match(/%\d*d/g), ['%05d'], 'only the segment number is a template');
  });

  it('follows the frame rate, GOP units and manifest options of the descriptions', () => {
    const channel = request({ ladder: [GUIDE_LADDER[2]] });
    const h264 = channel.EncoderSettings!.VideoDescriptions![0].CodecSettings!.H264Settings!;
    Object.assign(h264, { FramerateNumerator: 30000, FramerateDenominator: 1001, GopSize: 45, GopSizeUnits: 'FRAMES', RateControlMode: 'VBR', MaxBitrate: 900000 });
    Object.assign(hlsGroup(channel), { ManifestDurationFormat: 'INTEGER', ProgramDateTime: 'INCLUDE', OutputSelection: 'VARIANT_MANIFESTS_AND_SEGMENTS' });
    const args = buildFfmpegArgs(channel, RELAY);
    assert.ok(option(args, '-filter_complex')!.includes('fps=30000/1001'));
    assert.equal(option(args, '-i'), 'testsrc2=size=426x240:rate=30000/1001');
    assert.equal(option(args, '-g:v:0'), '45');
    assert.equal(option(args, '-maxrate:v:0'), '900000');
    assert.equal(option(args, '-hls_flags'), 'independent_segments+round_durations+program_date_time');
    assert.equal(option(args, '-master_pl_name'), undefined, 'no master playlist without MANIFESTS_AND_SEGMENTS');
  });

  it('encodes video-only outputs without an audio source', () => {
    const channel = request({ ladder: [GUIDE_LADDER[1]] });
    delete channel.EncoderSettings!.OutputGroups![0].Outputs![0].AudioDescriptionNames;
    const args = buildFfmpegArgs(channel, RELAY);
    assert.equal(args.some((arg) => arg.startsWith('sine=')), false);
    assert.equal(option(args, '-var_stream_map'), 'v:0,name:_480p30');
    assert.equal(option(args, '-c:a'), undefined);
  });

  it('refuses what the sandbox encoder cannot make, saying why', () => {
    const h265 = request();
    h265.EncoderSettings!.VideoDescriptions![0].CodecSettings = { H265Settings: { FramerateNumerator: 30, FramerateDenominator: 1 } };
    assert.throws(() => buildFfmpegArgs(h265, RELAY), /not H\.264/);
    const spaced = request();
    spaced.EncoderSettings!.OutputGroups![0].Outputs![0].OutputSettings!.HlsOutputSettings!.NameModifier = '_7 20';
    assert.throws(() => buildFfmpegArgs(spaced, RELAY), /NameModifier "_7 20"/);
    const noHls = request();
    noHls.EncoderSettings!.OutputGroups![0].OutputGroupSettings = { ArchiveGroupSettings: { Destination: { DestinationRefId: 'momento' } } };
    assert.throws(() => buildFfmpegArgs(noHls, RELAY), /no HLS output group/);
    assert.throws(() => buildFfmpegArgs(request({ url: 'rtmp://example/live/x' }), RELAY), /not an http\(s\) URL/);
  });
});
