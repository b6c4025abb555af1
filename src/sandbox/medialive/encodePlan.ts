// What a started channel encodes: its first HLS output group, one variant per output, with the
// sizes, rates and bitrates of the video and audio descriptions the outputs name. Anything the
// sandbox encoder cannot produce is refused here with a message that says why.
import type { AudioDescription, Channel, HlsGroupSettings, Output, OutputDestinationSettings, VideoDescription } from '@aws-sdk/client-medialive';
import { HlsDestination, parseHlsDestination } from './hlsDestination';

export type ChannelToEncode = Pick<Channel, 'Destinations' | 'EncoderSettings'>;

export interface VideoRendition {
  width: number;
  height: number;
  framerateNumerator: number;
  framerateDenominator: number;
  bitrate: number;
  maxBitrate?: number;
  bufferSize?: number;
  gopFrames: number;
  profile?: 'baseline' | 'main' | 'high';
}

export interface AudioRendition {
  bitrate: number;
  sampleRate: number;
  channels: number;
}

export interface Variant {
  /** The NameModifier: `playlist` + `_720p30` -> `playlist_720p30.m3u8`. */
  nameModifier: string;
  video?: VideoRendition;
  audio?: AudioRendition;
}

export interface EncodePlan {
  destination: HlsDestination;
  /** Credentials mode: both set. */
  username?: string;
  passwordParam?: string;
  segmentLength: number;
  playlistSize: number;
  writeMaster: boolean;
  integerDurations: boolean;
  programDateTime: boolean;
  source: { width: number; height: number; framerateNumerator: number; framerateDenominator: number };
  variants: Variant[];
}

export class EncodePlanError extends Error {}

// What MediaLive falls back to when a field is left out.
const DEFAULT_SEGMENT_LENGTH = 6;
const DEFAULT_INDEX_N_SEGMENTS = 10;
const DEFAULT_AAC_BITRATE = 192000;
const DEFAULT_SAMPLE_RATE = 48000;
// The test pattern's size and rate when no description sets them.
const DEFAULT_SOURCE = { width: 1280, height: 720, framerateNumerator: 30, framerateDenominator: 1 };
// Bits per pixel per frame for a video description without any bitrate.
const FALLBACK_BITS_PER_PIXEL = 0.1;
const NAME_MODIFIER = /^[A-Za-z0-9_\-.~]+$/;
const PROFILES: Record<string, VideoRendition['profile']> = { BASELINE: 'baseline', MAIN: 'main', HIGH: 'high' };
const CHANNELS: Record<string, number> = { CODING_MODE_1_0: 1, CODING_MODE_1_1: 2, CODING_MODE_2_0: 2, CODING_MODE_5_1: 6 };

function fail(message: string): never {
  throw new EncodePlanError(message);
}

function destinationSettings(channel: ChannelToEncode, group: HlsGroupSettings): OutputDestinationSettings {
  const refId = group.Destination?.DestinationRefId;
  const destination = channel.Destinations?.find((candidate) => candidate.Id === refId);
  const settings = destination?.Settings?.[0];
  if (!settings?.Url) fail(`The HLS group's destination "${refId ?? ''}" has no URL`);
  return settings;
}

function videoRendition(description: VideoDescription, segmentLength: number): VideoRendition {
  const codec = description.CodecSettings;
  if (codec && !codec.H264Settings) {
    fail(`Video description "${description.Name}" is not H.264: the sandbox encoder only makes H.264 (libx264)`);
  }
  const h264 = codec?.H264Settings ?? {};
  const specified = h264.FramerateControl !== 'INITIALIZE_FROM_SOURCE' && h264.FramerateNumerator && h264.FramerateDenominator;
  const framerateNumerator = specified ? h264.FramerateNumerator! : DEFAULT_SOURCE.framerateNumerator;
  const framerateDenominator = specified ? h264.FramerateDenominator! : DEFAULT_SOURCE.framerateDenominator;
  const fps = framerateNumerator / framerateDenominator;
  const width = description.Width ?? DEFAULT_SOURCE.width;
  const height = description.Height ?? DEFAULT_SOURCE.height;
  const bitrate = h264.Bitrate ?? h264.MaxBitrate ?? Math.round(width * height * fps * FALLBACK_BITS_PER_PIXEL);
  const gopFrames = h264.GopSize === undefined
    ? segmentLength * fps
    : h264.GopSizeUnits === 'SECONDS' ? h264.GopSize * fps : h264.GopSize;
  const cbr = h264.RateControlMode === 'CBR';
  return {
    width,
    height,
    framerateNumerator,
    framerateDenominator,
    bitrate,
    maxBitrate: cbr ? bitrate : h264.MaxBitrate,
    bufferSize: h264.BufSize ?? (cbr ? bitrate : undefined),
    gopFrames: Math.max(1, Math.round(gopFrames)),
    profile: PROFILES[h264.Profile ?? ''],
  };
}

function audioRendition(description: AudioDescription): AudioRendition {
  const codec = description.CodecSettings;
  if (codec && !codec.AacSettings) {
    fail(`Audio description "${description.Name}" is not AAC: the sandbox encoder only makes AAC`);
  }
  const aac = codec?.AacSettings ?? {};
  return {
    bitrate: aac.Bitrate ?? DEFAULT_AAC_BITRATE,
    sampleRate: aac.SampleRate ?? DEFAULT_SAMPLE_RATE,
    channels: CHANNELS[aac.CodingMode ?? ''] ?? 2,
  };
}

function variant(channel: ChannelToEncode, output: Output, segmentLength: number): Variant {
  const nameModifier = output.OutputSettings?.HlsOutputSettings?.NameModifier ?? '';
  if (!NAME_MODIFIER.test(nameModifier)) {
    fail(`NameModifier "${nameModifier}" of output "${output.OutputName ?? ''}": the sandbox encoder needs a non-empty modifier of letters, digits and _-.~`);
  }
  const settings = channel.EncoderSettings!;
  const videoName = output.VideoDescriptionName;
  const audioName = output.AudioDescriptionNames?.[0];
  const video = videoName === undefined ? undefined : settings.VideoDescriptions?.find((description) => description.Name === videoName);
  const audio = audioName === undefined ? undefined : settings.AudioDescriptions?.find((description) => description.Name === audioName);
  if (videoName && !video) fail(`Output "${output.OutputName ?? nameModifier}" names a missing video description`);
  if (audioName && !audio) fail(`Output "${output.OutputName ?? nameModifier}" names a missing audio description`);
  if (!video && !audio) fail(`Output "${output.OutputName ?? nameModifier}" has neither video nor audio`);
  return {
    nameModifier,
    video: video && videoRendition(video, segmentLength),
    audio: audio && audioRendition(audio),
  };
}

export function planHlsEncode(channel: ChannelToEncode): EncodePlan {
  const group = channel.EncoderSettings?.OutputGroups?.find((candidate) => candidate.OutputGroupSettings?.HlsGroupSettings);
  const hls = group?.OutputGroupSettings?.HlsGroupSettings;
  if (!group || !hls) fail('The channel has no HLS output group: the sandbox encoder only runs HLS groups');
  const settings = destinationSettings(channel, hls);
  const destination = parseHlsDestination(settings.Url!);
  if (!destination) fail(`Destination URL "${settings.Url}" is not an http(s) URL ending in a base file name`);
  const segmentLength = hls.SegmentLength ?? DEFAULT_SEGMENT_LENGTH;
  const variants = (group.Outputs ?? []).map((output) => variant(channel, output, segmentLength));
  if (variants.length === 0) fail('The HLS output group has no outputs');
  const videos = variants.flatMap((item) => (item.video ? [item.video] : []));
  const fastest = videos.reduce<VideoRendition | undefined>(
    (best, item) => (!best || item.framerateNumerator / item.framerateDenominator > best.framerateNumerator / best.framerateDenominator ? item : best),
    undefined,
  );
  return {
    destination,
    username: settings.Username,
    passwordParam: settings.PasswordParam,
    segmentLength,
    playlistSize: hls.IndexNSegments ?? DEFAULT_INDEX_N_SEGMENTS,
    writeMaster: hls.OutputSelection !== 'VARIANT_MANIFESTS_AND_SEGMENTS' && hls.OutputSelection !== 'SEGMENTS_ONLY',
    integerDurations: hls.ManifestDurationFormat === 'INTEGER',
    programDateTime: hls.ProgramDateTime === 'INCLUDE',
    source: {
      width: Math.max(0, ...videos.map((item) => item.width)) || DEFAULT_SOURCE.width,
      height: Math.max(0, ...videos.map((item) => item.height)) || DEFAULT_SOURCE.height,
      framerateNumerator: fastest?.framerateNumerator ?? DEFAULT_SOURCE.framerateNumerator,
      framerateDenominator: fastest?.framerateDenominator ?? DEFAULT_SOURCE.framerateDenominator,
    },
    variants,
  };
}
