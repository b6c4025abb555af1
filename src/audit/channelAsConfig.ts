// One Momento publication of a channel, read as the live-origin.json sections it amounts to
// (momento, stream, medialive), with the channel field behind each path.
import type { QueryParameter } from '../config/destinationUrl';
import { regionOfRestEndpoint } from '../config/regions';
import type { DescribeChannelShape, H264SettingsShape, OutputShape } from './channelShape';
import { manifestNameOf, type Publication } from './channelPublications';
import { FieldMap } from './auditAsConfig';
import { namespaceOfPath } from './momentoAddress';

export interface ChannelAuditContext {
  /** The namespace's Momento REST endpoint (`host` or loopback `host:port`). */
  momentoRestEndpoint?: string;
  namespace?: string;
  /** The namespace's configured TTL; without it, the URL's own ttl_seconds is the TTL. */
  ttlSeconds?: number;
}

/** Shown in place of a key in a token= parameter; the rules only need to know one is there. */
const REDACTED_TOKEN = '…';

export function channelAsConfig(channel: DescribeChannelShape, publication: Publication, context: ChannelAuditContext): { section: object; fields: FieldMap } {
  const { hls, setting, parsed, hlsField, settingField, groupField } = publication;
  const urlField = `${settingField}.Url`;
  const fields = new FieldMap(groupField)
    .set(['momento'], urlField)
    .set(['medialive', 'manifestName'], urlField)
    .set(['medialive', 'destination'], settingField)
    .set(['medialive', 'destination', 'url'], urlField)
    .set(['medialive', 'destination', 'username'], `${settingField}.Username`)
    .set(['medialive', 'destination', 'passwordParam'], `${settingField}.PasswordParam`)
    .set(['medialive', 'playlistSegments'], `${hlsField}.IndexNSegments`)
    .set(['stream', 'segmentLengthSeconds'], `${hlsField}.SegmentLength`);

  const tokens = parsed.query.filter((parameter) => parameter.name === 'token');
  const urlTtl = Number(parsed.query.find((parameter) => parameter.name === 'ttl_seconds')?.value);
  const momento = {
    // The region names the namespace's cell in the editor's messages.
    region: context.momentoRestEndpoint === undefined ? undefined : regionOfRestEndpoint(context.momentoRestEndpoint),
    restEndpoint: context.momentoRestEndpoint,
    namespace: context.namespace ?? namespaceOfPath(parsed.url.pathname),
    ttlSeconds: context.ttlSeconds ?? (Number.isFinite(urlTtl) ? urlTtl : undefined),
  };
  const medialive = {
    manifestName: manifestNameOf(publication),
    playlistSegments: hls.IndexNSegments,
    destination: {
      url: withRedactedTokens(publication.url, tokens),
      // A real destination has no mode: the rules see a token in the URL for themselves, and
      // without one the destination must carry credentials.
      publishMode: 'credentials',
      username: setting.Username,
      passwordParam: setting.PasswordParam,
    },
    cdn: cdnSection(publication, fields),
  };
  const stream = {
    segmentLengthSeconds: hls.SegmentLength,
    gopSeconds: gopSecondsOf(channel, publication),
    ladder: (publication.group.Outputs ?? []).map((output, index) => rendition(channel, publication, output, index, fields)),
  };
  return { section: { momento, stream, medialive }, fields };
}

function withRedactedTokens(url: string, tokens: readonly QueryParameter[]): string {
  return [...tokens]
    .sort((a, b) => b.start - a.start)
    .reduce((redacted, token) => (token.valueStart < token.end
      ? redacted.slice(0, token.valueStart) + REDACTED_TOKEN + redacted.slice(token.end)
      : redacted), url);
}

function cdnSection({ hls, hlsField }: Publication, fields: FieldMap): object | undefined {
  const cdn = hls.HlsCdnSettings;
  if (cdn?.HlsBasicPutSettings) {
    const basicPutField = `${hlsField}.HlsCdnSettings.HlsBasicPutSettings`;
    fields.set(['medialive', 'cdn'], basicPutField).set(['medialive', 'cdn', 'numRetries'], `${basicPutField}.NumRetries`);
    return { type: 'basic-put', numRetries: cdn.HlsBasicPutSettings.NumRetries };
  }
  if (cdn?.HlsAkamaiSettings) {
    fields.set(['medialive', 'cdn'], `${hlsField}.HlsCdnSettings.HlsAkamaiSettings`);
    return { type: 'akamai' };
  }
  return undefined;
}

interface OutputVideo {
  h264: H264SettingsShape;
  field: string;
}

function videoOf(channel: DescribeChannelShape, output: OutputShape): OutputVideo | undefined {
  const videos = channel.EncoderSettings?.VideoDescriptions ?? [];
  const index = videos.findIndex((video) => output.VideoDescriptionName !== undefined && video.Name === output.VideoDescriptionName);
  const h264 = videos[index]?.CodecSettings?.H264Settings;
  return h264 && { h264, field: `EncoderSettings.VideoDescriptions[${index}].CodecSettings.H264Settings` };
}

function rendition(channel: DescribeChannelShape, publication: Publication, output: OutputShape, index: number, fields: FieldMap): object {
  const outputField = `${publication.groupField}.Outputs[${index}]`;
  fields
    .set(['stream', 'ladder', index], outputField)
    .set(['stream', 'ladder', index, 'nameModifier'], `${outputField}.OutputSettings.HlsOutputSettings.NameModifier`);
  const video = videoOf(channel, output);
  // QVBR channels set only MaxBitrate: the peak, which is what the object limit is about.
  const bitrateName = video?.h264.Bitrate !== undefined ? 'Bitrate' : 'MaxBitrate';
  const bitrate = video?.h264[bitrateName];
  if (video && bitrate !== undefined) fields.set(['stream', 'ladder', index, 'bitrateKbps'], `${video.field}.${bitrateName}`);
  return {
    nameModifier: output.OutputSettings?.HlsOutputSettings?.NameModifier,
    bitrateKbps: bitrate === undefined ? undefined : bitrate / 1000,
  };
}

/** The first rendition's GOP: MediaLive counts it in frames unless GopSizeUnits says SECONDS. */
function gopSecondsOf(channel: DescribeChannelShape, publication: Publication): number | undefined {
  for (const output of publication.group.Outputs ?? []) {
    const { GopSize, GopSizeUnits, FramerateNumerator, FramerateDenominator } = videoOf(channel, output)?.h264 ?? {};
    if (GopSize === undefined) continue;
    if (GopSizeUnits === 'SECONDS') return GopSize;
    return FramerateNumerator && FramerateDenominator ? GopSize * FramerateDenominator / FramerateNumerator : undefined;
  }
  return undefined;
}
