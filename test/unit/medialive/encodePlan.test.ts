import assert from 'node:assert/strict';
import type { CreateChannelCommandInput, H264Settings } from '@aws-sdk/client-medialive';
import { EncodePlanError, planHlsEncode } from '../../../src/sandbox/medialive/encodePlan';
import { argsForPlan } from '../../../src/sandbox/medialive/ffmpegArgs';
import { channelRequest, GUIDE_LADDER } from '../../contract/medialive/channelFixture';

// The reported attack: a frame rate that ends the fps filter and starts another writing a file.
const INJECTION = '30,metadata=mode=print:file=/tmp/momento-live-origin-injection.txt';
const RELAY = 'http://127.0.0.1:9/0123456789abcdef0123456789abcdef/';

function channel(): CreateChannelCommandInput {
  return channelRequest({ url: 'http://127.0.0.1:1/cache/ns/playlist.m3u8', inputId: '1234567', ladder: [GUIDE_LADDER[2]] });
}

/** Sets members as a JSON body could, whatever the SDK's types say: validation is bypassed here. */
function withH264(values: Record<string, unknown>): CreateChannelCommandInput {
  const request = channel();
  const h264 = request.EncoderSettings!.VideoDescriptions![0].CodecSettings!.H264Settings! as Record<string, unknown>;
  for (const key of Object.keys(h264)) if (key.startsWith('Framerate')) delete h264[key];
  Object.assign(h264, values);
  return request;
}

describe('sandbox MediaLive encode plan', () => {
  it('refuses a frame rate that is not a number, whatever FramerateControl says', () => {
    for (const values of [
      { FramerateNumerator: INJECTION, FramerateDenominator: 1 },
      { FramerateControl: 'SPECIFIED', FramerateNumerator: INJECTION, FramerateDenominator: 1 },
      { FramerateControl: 'specified ', FramerateNumerator: 30, FramerateDenominator: INJECTION },
      { FramerateNumerator: [INJECTION], FramerateDenominator: 1 },
      { FramerateNumerator: '30', FramerateDenominator: 1 },
    ]) {
      assert.throws(() => planHlsEncode(withH264(values)), (error: unknown) =>
        error instanceof EncodePlanError && /Framerate(Numerator|Denominator) of video description "video_240p30" must be an integer/.test(error.message), JSON.stringify(values));
    }
  });

  it('refuses every other number that reaches ffmpeg when it is not one', () => {
    const cases: Array<[string, (request: CreateChannelCommandInput) => void]> = [
      ['Width', (request) => Object.assign(request.EncoderSettings!.VideoDescriptions![0], { Width: `426:${INJECTION}` })],
      ['Bitrate', (request) => Object.assign(request.EncoderSettings!.VideoDescriptions![0].CodecSettings!.H264Settings!, { Bitrate: '750000' })],
      ['BufSize', (request) => Object.assign(request.EncoderSettings!.VideoDescriptions![0].CodecSettings!.H264Settings!, { BufSize: INJECTION })],
      ['GopSize', (request) => Object.assign(request.EncoderSettings!.VideoDescriptions![0].CodecSettings!.H264Settings!, { GopSize: '2', GopSizeUnits: 'FRAMES' })],
      ['SampleRate', (request) => Object.assign(request.EncoderSettings!.AudioDescriptions![0].CodecSettings!.AacSettings!, { SampleRate: INJECTION })],
      ['SegmentLength', (request) => Object.assign(request.EncoderSettings!.OutputGroups![0].OutputGroupSettings!.HlsGroupSettings!, { SegmentLength: '1)+0' })],
      ['IndexNSegments', (request) => Object.assign(request.EncoderSettings!.OutputGroups![0].OutputGroupSettings!.HlsGroupSettings!, { IndexNSegments: 1e300 })],
    ];
    for (const [field, spoil] of cases) {
      const request = channel();
      spoil(request);
      assert.throws(() => planHlsEncode(request), (error: unknown) => error instanceof EncodePlanError && error.message.startsWith(field), field);
    }
  });

  it('finds nothing for enum values named like Object members', () => {
    const request = withH264({ Profile: 'constructor' } satisfies Partial<Record<keyof H264Settings, unknown>>);
    Object.assign(request.EncoderSettings!.AudioDescriptions![0].CodecSettings!.AacSettings!, { CodingMode: 'toString' });
    const plan = planHlsEncode(request);
    assert.equal(plan.variants[0].video?.profile, undefined);
    assert.equal(plan.variants[0].audio?.channels, 2);
  });

  it('keeps the test pattern within what two cores encode', () => {
    assert.throws(() => planHlsEncode(withH264({ FramerateControl: 'SPECIFIED', FramerateNumerator: 1000000, FramerateDenominator: 1 })), /at most 120/);
    const huge = channel();
    Object.assign(huge.EncoderSettings!.VideoDescriptions![0], { Width: 100000, Height: 100000 });
    assert.throws(() => planHlsEncode(huge), /Width .* must be an integer from 2 to 4096/);
  });

  it('has ffmpegArgs refuse a forged plan that holds anything but integers and plain names', () => {
    const forge = (spoil: (plan: ReturnType<typeof planHlsEncode>) => void) => {
      const plan = planHlsEncode(channel());
      spoil(plan);
      return () => argsForPlan(plan, RELAY);
    };
    assert.doesNotThrow(forge(() => undefined));
    assert.throws(forge((plan) => Object.assign(plan.variants[0].video!, { framerateNumerator: INJECTION })), EncodePlanError);
    assert.throws(forge((plan) => Object.assign(plan.source, { width: '426:x' })), EncodePlanError);
    assert.throws(forge((plan) => Object.assign(plan.variants[0].audio!, { sampleRate: 48000.5 })), EncodePlanError);
    assert.throws(forge((plan) => Object.assign(plan, { segmentLength: '1)+0' })), EncodePlanError);
    assert.throws(forge((plan) => Object.assign(plan.variants[0], { nameModifier: '_a v:1,name:_b' })), EncodePlanError);
    assert.throws(forge((plan) => Object.assign(plan.destination, { base: 'playlist/../x' })), EncodePlanError);
    assert.throws(() => argsForPlan(planHlsEncode(channel()), 'http://example.com/x/'), /only to the loopback relay/);
  });
});
