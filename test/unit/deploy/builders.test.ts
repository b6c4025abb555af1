import * as assert from 'node:assert/strict';
import { createChannelRequest } from '../../../src/deploy/channelRequest';
import { desiredState } from '../../../src/deploy/desired';
import { distributionConfig } from '../../../src/deploy/distributionConfig';
import { fakeKey, guideConfig } from '../config/helpers';

describe('deploy builders', () => {
  it('builds a channel that PUTs HLS with program date-time into the namespace, one output per rung', () => {
    const config = guideConfig();
    const request = createChannelRequest(config, { inputId: 'in-1', requestId: 'req-1' });
    const group = request.EncoderSettings!.OutputGroups![0];
    const hls = group.OutputGroupSettings!.HlsGroupSettings!;
    assert.equal(hls.ProgramDateTime, 'INCLUDE');
    assert.equal(hls.SegmentLength, config.stream.segmentLengthSeconds);
    assert.deepEqual(group.Outputs!.map((output) => output.OutputSettings!.HlsOutputSettings!.NameModifier), config.stream.ladder.map((r) => r.nameModifier));
    assert.deepEqual(request.Destinations![0].Settings![0], {
      Url: config.medialive.destination.url, Username: config.medialive.destination.username, PasswordParam: config.medialive.destination.passwordParam,
    });
    assert.deepEqual(request.EncoderSettings!.VideoDescriptions!.map((video) => video.CodecSettings!.H264Settings!.Bitrate), config.stream.ladder.map((r) => r.bitrateKbps * 1000));
  });

  it('puts the encoder key into the destination URL only in token-in-url mode', () => {
    const key = fakeKey();
    const request = createChannelRequest(guideConfig({ publishMode: 'token-in-url' }), { inputId: 'in', requestId: 'r', encoderKey: key });
    assert.match(request.Destinations![0].Settings![0].Url!, new RegExp(`token=${key}`));
    assert.throws(() => createChannelRequest(guideConfig({ publishMode: 'token-in-url' }), { inputId: 'in', requestId: 'r' }), /needs the encoder key/);
  });

  it('builds a distribution that sends the player key as Authorization to the namespace path', () => {
    const key = fakeKey();
    const config = guideConfig();
    const built = distributionConfig(config, 'ref', key);
    const origin = built.Origins!.Items![0];
    assert.equal(origin.OriginPath, `/cache/${config.momento.namespace}`);
    assert.deepEqual(origin.CustomHeaders!.Items, [{ HeaderName: 'Authorization', HeaderValue: key }]);
    assert.equal(origin.CustomOriginConfig!.OriginProtocolPolicy, 'https-only');
    assert.equal(built.CacheBehaviors!.Quantity, config.cloudfront.behaviors.length);
  });

  it('puts the managed SimpleCORS response headers policy on every behavior, so players on other origins can read the stream', () => {
    const config = guideConfig();
    const built = distributionConfig(config, 'ref', fakeKey());
    const behaviors = [built.DefaultCacheBehavior!, ...built.CacheBehaviors!.Items!];
    assert.ok(behaviors.length >= 3, 'the default behavior and the path behaviors');
    for (const behavior of behaviors) {
      assert.equal(behavior.ResponseHeadersPolicyId, '60669652-455b-4ae9-85a4-c4c02393f86c', `SimpleCORS on ${'PathPattern' in behavior ? behavior.PathPattern : 'the default behavior'}`);
    }
  });

  it('derives idempotency tokens from the configuration, not from the keys', () => {
    const config = guideConfig();
    const one = desiredState(config, { encoderKey: `${fakeKey()}a`, playerKey: `${fakeKey()}b` });
    const other = desiredState(config, { encoderKey: `${fakeKey()}c`, playerKey: `${fakeKey()}d` });
    assert.equal(one.channel.RequestId, other.channel.RequestId);
    assert.equal(one.input.RequestId, other.input.RequestId);
    assert.equal(one.distribution.CallerReference, other.distribution.CallerReference);
    const changed = guideConfig({ segmentLengthSeconds: 4 });
    const third = desiredState(changed, { encoderKey: `${fakeKey()}a`, playerKey: `${fakeKey()}b` });
    assert.notEqual(third.channel.RequestId, one.channel.RequestId);
    assert.ok(one.distribution.CallerReference!.length <= 128);
  });
});
