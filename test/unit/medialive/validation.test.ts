import assert from 'node:assert/strict';
import type { CreateChannelCommandInput } from '@aws-sdk/client-medialive';
import { MalformedMember } from '../../../src/sandbox/medialive/channelShape';
import { validateChannel } from '../../../src/sandbox/medialive/validation';
import { channelRequest } from '../../contract/medialive/channelFixture';

const inputs = { inputProblem: (id: string) => (id === '1234567' ? undefined : `Input "${id}" does not exist`) };

function valid(): CreateChannelCommandInput {
  return channelRequest({ url: 'https://api.cache.example/cache/ns/playlist.m3u8?ttl_seconds=60&role=origin', inputId: '1234567' });
}

function paths(channel: CreateChannelCommandInput): string[] {
  return validateChannel(channel, inputs).map((error) => error.elementPath);
}

const HLS = 'outputGroups[0].outputGroupSettings.hlsGroupSettings';

describe('sandbox MediaLive channel validation', () => {
  it('accepts the guide\'s channel', () => {
    assert.deepEqual(validateChannel(valid(), inputs), []);
  });

  it('requires the four encoder settings members', () => {
    const channel = valid();
    channel.EncoderSettings = {} as never;
    assert.deepEqual(paths(channel), ['audioDescriptions', 'outputGroups', 'timecodeConfig', 'videoDescriptions']);
    delete channel.EncoderSettings;
    assert.deepEqual(paths(channel), ['encoderSettings']);
  });

  it('needs one destination setting per pipeline', () => {
    const channel = valid();
    channel.Destinations![0].Settings!.push({ Url: 'https://b.example/cache/ns/playlist' });
    assert.deepEqual(paths(channel), ['destinations[0].settings']);
    channel.ChannelClass = 'STANDARD';
    assert.deepEqual(paths(channel), []);
    channel.Destinations![0].Settings!.pop();
    assert.deepEqual(paths(channel), ['destinations[0].settings']);
  });

  it('checks the HLS group\'s destination reference, CDN settings and segment counts', () => {
    const channel = valid();
    const hls = channel.EncoderSettings!.OutputGroups![0].OutputGroupSettings!.HlsGroupSettings!;
    hls.Destination = { DestinationRefId: 'elsewhere' };
    const [error] = validateChannel(channel, inputs);
    assert.deepEqual(error, { elementPath: `${HLS}.destination.destinationRefId`, errorMessage: 'Object references undefined destination "elsewhere"' });

    const cdn = valid();
    const cdnHls = cdn.EncoderSettings!.OutputGroups![0].OutputGroupSettings!.HlsGroupSettings!;
    cdnHls.HlsCdnSettings = { HlsBasicPutSettings: { RestartDelay: 16 }, HlsS3Settings: {} };
    assert.deepEqual(paths(cdn), [`${HLS}.hlsCdnSettings.hlsBasicPutSettings.restartDelay`, `${HLS}.hlsCdnSettings`]);
    cdnHls.HlsCdnSettings = { HlsBasicPutSettings: { RestartDelay: 16, FilecacheDuration: 601 } };
    assert.deepEqual(paths(cdn), [`${HLS}.hlsCdnSettings.hlsBasicPutSettings.filecacheDuration`, `${HLS}.hlsCdnSettings.hlsBasicPutSettings.restartDelay`]);
    cdnHls.HlsCdnSettings = { HlsS3Settings: {} };
    assert.deepEqual(paths(cdn), [`${HLS}.hlsCdnSettings.hlsS3Settings`], 'S3 cannot PUT to https://');
    cdnHls.HlsCdnSettings = { HlsAkamaiSettings: { HttpTransferMode: 'NON_CHUNKED' } };
    Object.assign(cdnHls, { SegmentLength: 0, IndexNSegments: 21, KeepSegments: 21 });
    assert.deepEqual(paths(cdn), [`${HLS}.segmentLength`, `${HLS}.keepSegments`]);
  });

  it('wants a base file name at the end of an HLS destination', () => {
    const channel = valid();
    channel.Destinations![0].Settings![0].Url = 'https://api.cache.example/cache/ns/';
    assert.deepEqual(paths(channel), [`${HLS}.destination`]);
  });

  it('checks outputs against the descriptions and the name modifiers against each other', () => {
    const channel = valid();
    const outputs = channel.EncoderSettings!.OutputGroups![0].Outputs!;
    outputs[1].OutputSettings!.HlsOutputSettings!.NameModifier = '_720p30';
    outputs[2].VideoDescriptionName = 'video_1080p';
    outputs[2].AudioDescriptionNames = ['audio_240p30', 'audio_missing'];
    assert.deepEqual(validateChannel(channel, inputs), [
      { elementPath: 'outputGroups[0].outputs[2].videoDescriptionName', errorMessage: 'Object references undefined video description "video_1080p"' },
      { elementPath: 'outputGroups[0].outputs[2].audioDescriptionNames[1]', errorMessage: 'Object references undefined audio description "audio_missing"' },
      { elementPath: 'outputGroups[0].outputs[0].outputSettings.hlsOutputSettings.nameModifier', errorMessage: 'Name modifier "_720p30" must be unique within the output group' },
      { elementPath: 'outputGroups[0].outputs[1].outputSettings.hlsOutputSettings.nameModifier', errorMessage: 'Name modifier "_720p30" must be unique within the output group' },
    ]);
  });

  it('checks descriptions: names, audio selector, sizes, frame rate', () => {
    const channel = valid();
    const [video] = channel.EncoderSettings!.VideoDescriptions!;
    video.Width = 1279;
    video.CodecSettings!.H264Settings!.FramerateNumerator = undefined;
    channel.EncoderSettings!.AudioDescriptions![1].AudioSelectorName = undefined as never;
    channel.EncoderSettings!.AudioDescriptions![2].Name = 'audio_720p30';
    assert.deepEqual(paths(channel), [
      'videoDescriptions[0].width',
      'videoDescriptions[0].codecSettings.h264Settings.framerateNumerator',
      'audioDescriptions[0].name',
      'audioDescriptions[1].audioSelectorName',
      'audioDescriptions[2].name',
      'outputGroups[0].outputs[2].audioDescriptionNames[0]',
    ]);
  });

  it('refuses a member of the wrong JSON type, naming it, whatever the other members say', () => {
    const h264 = 'encoderSettings.videoDescriptions[0].codecSettings.h264Settings';
    const cases: Array<[string, (channel: CreateChannelCommandInput) => void]> = [
      [`${h264}.framerateNumerator must be an integer, not a string`, (channel) => {
        const settings = channel.EncoderSettings!.VideoDescriptions![0].CodecSettings!.H264Settings!;
        delete settings.FramerateControl;
        Object.assign(settings, { FramerateNumerator: '30,metadata=mode=print:file=/tmp/x.txt' });
      }],
      [`${h264}.framerateDenominator must be an integer, not 1.5`, (channel) => Object.assign(channel.EncoderSettings!.VideoDescriptions![0].CodecSettings!.H264Settings!, { FramerateControl: 'INITIALIZE_FROM_SOURCE', FramerateDenominator: 1.5 })],
      [`${h264}.gopSize must be a number, not a string`, (channel) => Object.assign(channel.EncoderSettings!.VideoDescriptions![0].CodecSettings!.H264Settings!, { GopSize: '2' })],
      ['encoderSettings.videoDescriptions[1].width must be an integer, not a list', (channel) => Object.assign(channel.EncoderSettings!.VideoDescriptions![1], { Width: [854] })],
      ['encoderSettings.audioDescriptions[0].codecSettings.aacSettings.sampleRate must be a number, not a string', (channel) => Object.assign(channel.EncoderSettings!.AudioDescriptions![0].CodecSettings!.AacSettings!, { SampleRate: '48000' })],
      [`${HLS.replace(/^/, 'encoderSettings.')}.segmentLength must be an integer, not 1e+300`, (channel) => Object.assign(channel.EncoderSettings!.OutputGroups![0].OutputGroupSettings!.HlsGroupSettings!, { SegmentLength: 1e300 })],
      ['encoderSettings.outputGroups[0].outputs[0].outputSettings.hlsOutputSettings.nameModifier must be a string, not an object', (channel) => Object.assign(channel.EncoderSettings!.OutputGroups![0].Outputs![0].OutputSettings!.HlsOutputSettings!, { NameModifier: { x: 1 } })],
      ['destinations[0].settings[0].passwordParam must be a string, not a boolean', (channel) => Object.assign(channel.Destinations![0].Settings![0], { PasswordParam: true })],
      ['encoderSettings.videoDescriptions must be a list, not an object', (channel) => Object.assign(channel.EncoderSettings!, { VideoDescriptions: {} })],
    ];
    for (const [message, spoil] of cases) {
      const channel = valid();
      spoil(channel);
      assert.throws(() => validateChannel(channel, inputs), (error: unknown) => error instanceof MalformedMember && error.message === message, message);
    }
  });

  it('reports numbers outside the API\'s ranges and unknown enum values', () => {
    const channel = valid();
    Object.assign(channel.EncoderSettings!.VideoDescriptions![0].CodecSettings!.H264Settings!, { FramerateNumerator: 0, Bitrate: 999, BufSize: -1, Profile: 'constructor' });
    Object.assign(channel.EncoderSettings!.OutputGroups![0].OutputGroupSettings!.HlsGroupSettings!, { IndexNSegments: 2 });
    const h264 = 'videoDescriptions[0].codecSettings.h264Settings';
    assert.deepEqual(validateChannel(channel, inputs), [
      { elementPath: `${HLS}.indexNSegments`, errorMessage: 'must be an integer of at least 3' },
      { elementPath: `${h264}.bitrate`, errorMessage: 'must be an integer of at least 1000' },
      { elementPath: `${h264}.bufSize`, errorMessage: 'must be an integer of at least 0' },
      { elementPath: `${h264}.framerateNumerator`, errorMessage: 'must be an integer of at least 1' },
      { elementPath: `${h264}.profile`, errorMessage: '"constructor" is not one of BASELINE, HIGH, HIGH_10BIT, HIGH_422, HIGH_422_10BIT, MAIN' },
    ]);
  });

  it('wants attached inputs to exist', () => {
    const channel = valid();
    channel.InputAttachments = [{ InputId: '7654321' }];
    assert.deepEqual(validateChannel(channel, inputs), [{ elementPath: 'inputAttachments[0].inputId', errorMessage: 'Input "7654321" does not exist' }]);
  });
});
