import assert from 'node:assert/strict';
import type { CreateChannelCommandInput } from '@aws-sdk/client-medialive';
import { channelAsConfig } from '../../../src/audit/channelAsConfig';
import { auditChannel, channelPublishedStream, channelPublishTarget } from '../../../src/audit/channelAudit';
import { momentoPublications } from '../../../src/audit/channelPublications';
import type { AuditFinding } from '../../../src/audit/auditFinding';
import type { LiveOriginConfig } from '../../../src/config/model';
import { analyzeConfig, guideConfig, render } from '../config/helpers';
import { CHANNEL_CONTEXT, ENCODER_KEY, ENDPOINT, guideChannel, HLS_FIELD, NAMESPACE, setUrl, URL_BASE, URL_FIELD } from './resources';

const summary = (findings: readonly AuditFinding[]) => findings.map(({ code, field }) => `${code} @ ${field}`);

/** The editor's message for this code on the same change to live-origin.json. */
function editorMessages(change: (config: LiveOriginConfig) => void, code: string): string[] {
  const config = guideConfig();
  change(config);
  return analyzeConfig(render(config)).filter((finding) => finding.code === code).map((finding) => finding.message);
}

interface Case {
  name: string;
  change: (config: LiveOriginConfig) => void;
  code: string;
  field: string;
  /** The same part of the channel set in a way that is fine. */
  nearMiss: (config: LiveOriginConfig) => void;
}

const CASES: Case[] = [
  {
    name: 'the guide\'s tts_seconds misspelling',
    change: setUrl(`${URL_BASE}?tts_seconds=3600&role=origin`),
    code: 'destination-url-ttl-missing',
    field: URL_FIELD,
    nearMiss: setUrl(`${URL_BASE}?role=origin&ttl_seconds=3600`),
  },
  {
    name: 'no ttl_seconds at all',
    change: setUrl(`${URL_BASE}?role=origin`),
    code: 'destination-url-ttl-missing',
    field: URL_FIELD,
    nearMiss: setUrl(`${URL_BASE}?role=origin&ttl_seconds=3600&extra=1`),
  },
  {
    name: 'ttl_seconds other than the namespace TTL',
    change: setUrl(`${URL_BASE}?ttl_seconds=600&role=origin`),
    code: 'destination-url-ttl-mismatch',
    field: URL_FIELD,
    nearMiss: setUrl(`${URL_BASE}?ttl_seconds=3600&role=origin`),
  },
  {
    name: 'no role=origin',
    change: setUrl(`${URL_BASE}?ttl_seconds=3600`),
    code: 'destination-url-role-missing',
    field: URL_FIELD,
    nearMiss: setUrl(`${URL_BASE}?role=origin&ttl_seconds=3600`),
  },
  {
    name: 'role other than origin',
    change: setUrl(`${URL_BASE}?ttl_seconds=3600&role=originn`),
    code: 'destination-url-role-missing',
    field: URL_FIELD,
    nearMiss: setUrl(`${URL_BASE}?ttl_seconds=3600&role=origin`),
  },
  {
    name: 'the REST endpoint of another region',
    change: setUrl(`https://api.cache.cell-us-east-1-1.prod.a.momentohq.com/cache/${NAMESPACE}/playlist.m3u8?ttl_seconds=3600&role=origin`),
    code: 'destination-url-host',
    field: URL_FIELD,
    nearMiss: setUrl(`https://${ENDPOINT.toUpperCase()}/cache/${NAMESPACE}/playlist.m3u8?ttl_seconds=3600&role=origin`),
  },
  {
    name: 'a path into another namespace',
    change: setUrl(`https://${ENDPOINT}/cache/other/playlist.m3u8?ttl_seconds=3600&role=origin`),
    code: 'destination-url-path',
    field: URL_FIELD,
    nearMiss: setUrl(`https://${ENDPOINT}/cache/${NAMESPACE}/playlist.m3u8?ttl_seconds=3600&role=origin`),
  },
  {
    name: 'NumRetries in HlsBasicPutSettings',
    change: (c) => { c.medialive.cdn = { type: 'basic-put', numRetries: 5, connectionRetryInterval: 1 }; },
    code: 'basic-put-retries-ignored',
    field: `${HLS_FIELD}.HlsCdnSettings.HlsBasicPutSettings.NumRetries`,
    nearMiss: (c) => { c.medialive.cdn = { type: 'basic-put', connectionRetryInterval: 1, restartDelay: 15 }; },
  },
  {
    name: 'a bitrate whose segments pass 10 MB',
    change: (c) => { c.stream.ladder[1].bitrateKbps = 40000; },
    code: 'segment-size-limit',
    field: 'EncoderSettings.VideoDescriptions[1].CodecSettings.H264Settings.Bitrate',
    nearMiss: (c) => { c.stream.ladder[1].bitrateKbps = 29000; },
  },
  {
    name: 'a segment length that is not whole GOPs',
    change: (c) => { c.stream.gopSeconds = 1.5; },
    code: 'gop-segment-mismatch',
    field: `${HLS_FIELD}.SegmentLength`,
    nearMiss: (c) => { c.stream.gopSeconds = 1; },
  },
  {
    name: 'a name modifier CloudFront\'s playlist pattern misses',
    change: (c) => { c.stream.ladder[2].nameModifier = '240p30'; },
    code: 'name-modifier-pattern',
    field: 'EncoderSettings.OutputGroups[0].Outputs[2].OutputSettings.HlsOutputSettings.NameModifier',
    nearMiss: (c) => { c.stream.ladder[2].nameModifier = '_240p'; },
  },
];

describe('auditChannel: a real channel under the editor\'s rules', () => {
  it('finds nothing in the channel the product builds for the guide workflow, with or without context', () => {
    assert.deepEqual(auditChannel(guideChannel(), CHANNEL_CONTEXT), []);
    assert.deepEqual(auditChannel(guideChannel()), []);
  });

  for (const { name, change, code, field, nearMiss } of CASES) {
    it(`${code}: ${name}, with the editor's message, pointed at ${field.split('.').pop()}`, () => {
      const findings = auditChannel(guideChannel(change), CHANNEL_CONTEXT);
      assert.deepEqual(summary(findings), [`${code} @ ${field}`]);
      assert.deepEqual(findings.map((finding) => finding.message), editorMessages(change, code));
    });

    it(`${code}: not for the near miss of "${name}"`, () => {
      assert.deepEqual(auditChannel(guideChannel(nearMiss), CHANNEL_CONTEXT), []);
    });
  }

  it('warns about the encoder key in the URL without ever showing it', () => {
    const channel = guideChannel((c) => { c.medialive.destination = { url: `${URL_BASE}?ttl_seconds=3600&role=origin`, publishMode: 'token-in-url' }; });
    assert.match(channel.Destinations![0].Settings![0].Url!, new RegExp(`token=${ENCODER_KEY}`));
    const findings = auditChannel(channel, CHANNEL_CONTEXT);
    assert.deepEqual(summary(findings), [`destination-url-token-exposed @ ${URL_FIELD}`]);
    assert.equal(findings[0].severity, 'warning');
    assert.ok(!JSON.stringify(findings).includes(ENCODER_KEY));
  });

  it('hands the rules a URL whose token is redacted, so no message can quote the key', () => {
    const channel = guideChannel((c) => { c.medialive.destination = { url: `${URL_BASE}?ttl_seconds=3600&role=origin`, publishMode: 'token-in-url' }; });
    const { section } = channelAsConfig(channel, momentoPublications(channel)[0], {});
    const rendered = JSON.stringify(section);
    assert.ok(!rendered.includes(ENCODER_KEY));
    assert.match(rendered, /&token=…"/);
  });

  it('keeps the key out of findings that quote the URL\'s host and path', () => {
    const url = `https://example.com/cache/${NAMESPACE}/playlist.m3u8?token=${ENCODER_KEY}&role=origin`;
    const findings = auditChannel({ ...guideChannel(), Destinations: [{ Id: 'momento', Settings: [{ Url: url }] }] });
    assert.deepEqual(findings.map((finding) => finding.code).sort(), ['destination-url-host', 'destination-url-token-exposed', 'destination-url-ttl-missing']);
    assert.ok(!JSON.stringify(findings).includes(ENCODER_KEY));
  });

  it('flags a host that is no Momento endpoint even without context', () => {
    const findings = auditChannel(guideChannel(setUrl(`https://media.example.com/cache/${NAMESPACE}/playlist.m3u8?ttl_seconds=3600&role=origin`)));
    assert.deepEqual(summary(findings), [`destination-url-host @ ${URL_FIELD}`]);
    assert.match(findings[0].message, /media\.example\.com is not a Momento REST endpoint/);
  });

  it('takes the URL\'s ttl_seconds as the TTL when the namespace\'s is not known', () => {
    const withoutTtl = { ...CHANNEL_CONTEXT, ttlSeconds: undefined };
    const findings = auditChannel(guideChannel(setUrl(`${URL_BASE}?ttl_seconds=15&role=origin`)), withoutTtl);
    assert.deepEqual(summary(findings), [`ttl-shorter-than-window @ ${URL_FIELD}`]);
    assert.deepEqual(auditChannel(guideChannel(setUrl(`${URL_BASE}?ttl_seconds=22&role=origin`)), withoutTtl), []);
  });

  it('flags a destination with neither token nor credentials', () => {
    const channel = guideChannel();
    delete channel.Destinations![0].Settings![0].PasswordParam;
    delete channel.Destinations![0].Settings![0].Username;
    assert.deepEqual(summary(auditChannel(channel, CHANNEL_CONTEXT)), ['destination-credentials-missing @ Destinations[0].Settings[0]']);
  });

  it('reads a GOP counted in frames at the channel\'s frame rate', () => {
    const withGop = (gopSize: number): CreateChannelCommandInput => {
      const channel = guideChannel();
      for (const video of channel.EncoderSettings!.VideoDescriptions!) {
        Object.assign(video.CodecSettings!.H264Settings!, { GopSize: gopSize, GopSizeUnits: 'FRAMES', FramerateNumerator: 30000, FramerateDenominator: 1000 });
      }
      return channel;
    };
    assert.deepEqual(summary(auditChannel(withGop(45))), [`gop-segment-mismatch @ ${HLS_FIELD}.SegmentLength`]);
    assert.deepEqual(auditChannel(withGop(60)), []);
  });

  it('reports each pipeline\'s destination once, and a finding about the stream once', () => {
    const channel = guideChannel((c) => {
      c.stream.segmentLengthSeconds = 6;
      c.stream.gopSeconds = 2;
      c.medialive.destination.url = `${URL_BASE}?ttl_seconds=3600`;
    });
    const setting = channel.Destinations![0].Settings![0];
    channel.Destinations![0].Settings = [setting, { ...setting }];
    assert.deepEqual(summary(auditChannel(channel, CHANNEL_CONTEXT)).sort(), [
      'destination-url-role-missing @ Destinations[0].Settings[0].Url',
      'destination-url-role-missing @ Destinations[0].Settings[1].Url',
      `segment-length-range @ ${HLS_FIELD}.SegmentLength`,
    ]);
  });

  it('leaves alone a channel that publishes somewhere other than Momento', () => {
    const channel = guideChannel(setUrl('https://ingest.example.com/live/index.m3u8'));
    assert.deepEqual(auditChannel(channel), []);
    assert.deepEqual(channelPublishTarget(channel), {});
    assert.deepEqual(channelPublishedStream(channel), {});
  });

  it('tells the namespace and host the channel publishes to, and what it publishes', () => {
    const channel = guideChannel(setUrl(`http://127.0.0.1:4567/cache/live%20origin/master.m3u8?ttl_seconds=3600&role=origin`));
    assert.deepEqual(channelPublishTarget(channel), { namespace: 'live origin', host: '127.0.0.1:4567' });
    assert.deepEqual(channelPublishedStream(guideChannel()), { segmentLengthSeconds: 2, manifestName: 'playlist', nameModifiers: ['_720p30', '_480p30', '_240p30'] });
  });
});
