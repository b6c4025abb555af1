import assert from 'node:assert/strict';
import type { CreateChannelCommandInput } from '@aws-sdk/client-medialive';
import { buildFfmpegArgs } from '../../../src/sandbox/medialive/ffmpegArgs';
import { EncodePlanError } from '../../../src/sandbox/medialive/encodePlan';
import { channelRequest, GUIDE_LADDER } from '../../contract/medialive/channelFixture';

const URL_WITH_TOKEN = 'https://api.cache.example/cache/live-origin/playlist.m3u8?token=abc&ttl_seconds=3600&role=origin';
const QUERY = 'token=abc&ttl_seconds=3600&role=origin';

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
  it('names the master, variants and segments as MediaLive does, keeping the query on each', () => {
    const args = buildFfmpegArgs(request());
    assert.equal(option(args, '-master_pl_name'), `playlist.m3u8?${QUERY}`);
    assert.equal(option(args, '-hls_segment_filename'), `https://api.cache.example/cache/live-origin/playlist%v_%05d.ts?${QUERY}`);
    assert.equal(args[args.length - 1], `https://api.cache.example/cache/live-origin/playlist%v.m3u8?${QUERY}`);
    assert.equal(option(args, '-var_stream_map'), 'v:0,a:0,name:_720p30 v:1,a:1,name:_480p30 v:2,a:2,name:_240p30');
  });

  it('takes the base name from a URL without .m3u8 and one without a query', () => {
    const args = buildFfmpegArgs(request({ url: 'http://127.0.0.1:8080/live/index' }));
    assert.equal(option(args, '-master_pl_name'), 'index.m3u8');
    assert.equal(args[args.length - 1], 'http://127.0.0.1:8080/live/index%v.m3u8');
  });

  it('encodes one rendition per output with the size, rate, bitrate and GOP of its video description', () => {
    const args = buildFfmpegArgs(request());
    const filters = option(args, '-filter_complex')!;
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
    const args = buildFfmpegArgs(channel);
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

  it('sends no Authorization header in token-in-URL mode', () => {
    assert.equal(option(buildFfmpegArgs(request()), '-headers'), undefined);
  });

  it('sends HTTP Basic auth with the resolved password in credentials mode', () => {
    const channel = request({
      url: 'https://api.cache.example/cache/live-origin/playlist.m3u8?ttl_seconds=3600&role=origin',
      credentials: { username: 'momento', passwordParam: '/live-origin/momento-encoder-key' },
    });
    const args = buildFfmpegArgs(channel, { username: 'momento', password: 's3cret:key' });
    assert.equal(option(args, '-headers'), `Authorization: Basic ${Buffer.from('momento:s3cret:key').toString('base64')}\r\n`);
    assert.equal(option(args, '-master_pl_name'), 'playlist.m3u8?ttl_seconds=3600&role=origin');
    assert.throws(() => buildFfmpegArgs(channel), EncodePlanError, 'the password must be resolved first');
  });

  it('escapes a token so ffmpeg neither splits the URL at a slash nor expands a template in it', () => {
    const args = buildFfmpegArgs(request({ url: 'http://127.0.0.1:1/cache/ns/playlist.m3u8?token=ab/c+d%2Fe%2512d&ttl_seconds=60&role=origin' }));
    const expected = 'token=ab%2Fc+d%2Fe%2512%64&ttl_seconds=60&role=origin';
    assert.equal(option(args, '-master_pl_name'), `playlist.m3u8?${expected}`);
    const segments = option(args, '-hls_segment_filename')!;
    assert.equal(segments, `http://127.0.0.1:1/cache/ns/playlist%v_%05d.ts?${expected}`);
    assert.deepEqual(segments.match(/%\d*d/g), ['%05d'], 'only the segment number is a template');
    assert.equal(segments.split('?')[1].includes('/'), false);
  });

  it('follows the frame rate, GOP units and manifest options of the descriptions', () => {
    const channel = request({ ladder: [GUIDE_LADDER[2]] });
    const h264 = channel.EncoderSettings!.VideoDescriptions![0].CodecSettings!.H264Settings!;
    Object.assign(h264, { FramerateNumerator: 30000, FramerateDenominator: 1001, GopSize: 45, GopSizeUnits: 'FRAMES', RateControlMode: 'VBR', MaxBitrate: 900000 });
    Object.assign(hlsGroup(channel), { ManifestDurationFormat: 'INTEGER', ProgramDateTime: 'INCLUDE', OutputSelection: 'VARIANT_MANIFESTS_AND_SEGMENTS' });
    const args = buildFfmpegArgs(channel);
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
    const args = buildFfmpegArgs(channel);
    assert.equal(args.some((arg) => arg.startsWith('sine=')), false);
    assert.equal(option(args, '-var_stream_map'), 'v:0,name:_480p30');
    assert.equal(option(args, '-c:a'), undefined);
  });

  it('refuses what the sandbox encoder cannot make, saying why', () => {
    const h265 = request();
    h265.EncoderSettings!.VideoDescriptions![0].CodecSettings = { H265Settings: { FramerateNumerator: 30, FramerateDenominator: 1 } };
    assert.throws(() => buildFfmpegArgs(h265), /not H\.264/);
    const spaced = request();
    spaced.EncoderSettings!.OutputGroups![0].Outputs![0].OutputSettings!.HlsOutputSettings!.NameModifier = '_7 20';
    assert.throws(() => buildFfmpegArgs(spaced), /NameModifier "_7 20"/);
    const noHls = request();
    noHls.EncoderSettings!.OutputGroups![0].OutputGroupSettings = { ArchiveGroupSettings: { Destination: { DestinationRefId: 'momento' } } };
    assert.throws(() => buildFfmpegArgs(noHls), /no HLS output group/);
    assert.throws(() => buildFfmpegArgs(request({ url: 'rtmp://example/live/x' })), /not an http\(s\) URL/);
  });
});
