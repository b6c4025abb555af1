// What a started channel encodes: its first HLS output group, one variant per output, with the
// sizes, rates and bitrates of the video and audio descriptions the outputs name. Anything the
// sandbox encoder cannot produce is refused here with a message that says why. Validation already
// checked the types, but every number is checked again here: the plan holds only finite numbers,
// so no stored string can ever reach ffmpeg's filter text.
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
export const NAME_MODIFIER = /^[A-Za-z0-9_\-.~]+$/;
// Maps, not object literals: a key such as `constructor` must find nothing.
const PROFILES = new Map<unknown, VideoRendition['profile']>([['BASELINE', 'baseline'], ['MAIN', 'main'], ['HIGH', 'high']]);
const CHANNELS = new Map<unknown, number>([['CODING_MODE_1_0', 1], ['CODING_MODE_1_1', 2], ['CODING_MODE_2_0', 2], ['CODING_MODE_5_1', 6]]);
// What the sandbox's test-pattern encoder agrees to make (two cores, real time).
const MAX_SIZE = 4096;
const MAX_FPS = 120;
const SAMPLE_RATES = { min: 8000, max: 96000 };

function fail(message: string): never {
  throw new EncodePlanError(message);
}

// JSON null reads as absent, as in the service.
const absent = (value: unknown): value is undefined | null => value === undefined || value === null;

function describeValue(value: unknown): string {
  return typeof value === 'number' ? String(value) : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

/** `value` if it is a number within bounds, else `fallback` when absent; refuses anything else. */
function integerOr(value: unknown, fallback: number, what: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (absent(value)) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(`${what} must be an integer from ${min} to ${max}, not ${describeValue(value)}`);
  }
  return value;
}

function optionalInteger(value: unknown, what: string, min: number): number | undefined {
  return absent(value) ? undefined : integerOr(value, min, what, min);
}

function positiveOr(value: unknown, fallback: number, what: string): number {
  if (absent(value)) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) fail(`${what} must be a number greater than 0, not ${describeValue(value)}`);
  return value;
}

function destinationSettings(channel: ChannelToEncode, group: HlsGroupSettings): OutputDestinationSettings {
  const refId = group.Destination?.DestinationRefId;
  const destination = channel.Destinations?.find((candidate) => candidate.Id === refId);
  const settings = destination?.Settings?.[0];
  if (!settings?.Url) fail(`The HLS group's destination "${refId ?? ''}" has no URL`);
  for (const field of ['Url', 'Username', 'PasswordParam'] as const) {
    if (!absent(settings[field]) && typeof settings[field] !== 'string') fail(`${field} of destination "${refId}" must be a string`);
  }
  return settings;
}

function videoRendition(description: VideoDescription, segmentLength: number): VideoRendition {
  const codec = description.CodecSettings;
  if (codec && !codec.H264Settings) {
    fail(`Video description "${description.Name}" is not H.264: the sandbox encoder only makes H.264 (libx264)`);
  }
  const h264 = codec?.H264Settings ?? {};
  const of = `of video description "${description.Name}"`;
  const fromSource = h264.FramerateControl === 'INITIALIZE_FROM_SOURCE' || absent(h264.FramerateNumerator) || absent(h264.FramerateDenominator);
  const framerateNumerator = fromSource ? DEFAULT_SOURCE.framerateNumerator : integerOr(h264.FramerateNumerator, 1, `FramerateNumerator ${of}`, 1);
  const framerateDenominator = fromSource ? DEFAULT_SOURCE.framerateDenominator : integerOr(h264.FramerateDenominator, 1, `FramerateDenominator ${of}`, 1);
  const fps = framerateNumerator / framerateDenominator;
  if (fps > MAX_FPS) fail(`The frame rate ${of} is ${fps} fps: the sandbox encoder makes at most ${MAX_FPS}`);
  const width = integerOr(description.Width, DEFAULT_SOURCE.width, `Width ${of}`, 2, MAX_SIZE);
  const height = integerOr(description.Height, DEFAULT_SOURCE.height, `Height ${of}`, 2, MAX_SIZE);
  const maxBitrate = optionalInteger(h264.MaxBitrate, `MaxBitrate ${of}`, 1);
  const bitrate = integerOr(h264.Bitrate, maxBitrate ?? Math.round(width * height * fps * FALLBACK_BITS_PER_PIXEL), `Bitrate ${of}`, 1);
  const gopSize = positiveOr(h264.GopSize, segmentLength, `GopSize ${of}`);
  const gopFrames = absent(h264.GopSize) || h264.GopSizeUnits === 'SECONDS' ? gopSize * fps : gopSize;
  const cbr = h264.RateControlMode === 'CBR';
  return {
    width,
    height,
    framerateNumerator,
    framerateDenominator,
    bitrate,
    maxBitrate: cbr ? bitrate : maxBitrate,
    bufferSize: optionalInteger(h264.BufSize, `BufSize ${of}`, 0) ?? (cbr ? bitrate : undefined),
    gopFrames: Math.max(1, Math.round(gopFrames)),
    profile: PROFILES.get(h264.Profile),
  };
}

function audioRendition(description: AudioDescription): AudioRendition {
  const codec = description.CodecSettings;
  if (codec && !codec.AacSettings) {
    fail(`Audio description "${description.Name}" is not AAC: the sandbox encoder only makes AAC`);
  }
  const aac = codec?.AacSettings ?? {};
  const of = `of audio description "${description.Name}"`;
  return {
    bitrate: Math.round(positiveOr(aac.Bitrate, DEFAULT_AAC_BITRATE, `Bitrate ${of}`)),
    sampleRate: integerOr(aac.SampleRate, DEFAULT_SAMPLE_RATE, `SampleRate ${of}`, SAMPLE_RATES.min, SAMPLE_RATES.max),
    channels: CHANNELS.get(aac.CodingMode) ?? 2,
  };
}

function variant(channel: ChannelToEncode, output: Output, segmentLength: number): Variant {
  const nameModifier = output.OutputSettings?.HlsOutputSettings?.NameModifier ?? '';
  if (typeof nameModifier !== 'string' || !NAME_MODIFIER.test(nameModifier)) {
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
  const segmentLength = integerOr(hls.SegmentLength, DEFAULT_SEGMENT_LENGTH, 'SegmentLength of the HLS group', 1);
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
    playlistSize: integerOr(hls.IndexNSegments, DEFAULT_INDEX_N_SEGMENTS, 'IndexNSegments of the HLS group', 1),
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
