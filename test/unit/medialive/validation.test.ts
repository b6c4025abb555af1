import assert from 'node:assert/strict';
import type { CreateChannelCommandInput } from '@aws-sdk/client-medialive';
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
    assert.deepEqual(paths(cdn), [`${HLS}.hlsCdnSettings`]);
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

  it('wants attached inputs to exist', () => {
    const channel = valid();
    channel.InputAttachments = [{ InputId: '7654321' }];
    assert.deepEqual(validateChannel(channel, inputs), [{ elementPath: 'inputAttachments[0].inputId', errorMessage: 'Input "7654321" does not exist' }]);
  });
});
