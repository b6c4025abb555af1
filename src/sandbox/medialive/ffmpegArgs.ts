// The ffmpeg command line of a started channel: lavfi testsrc2 + sine stand in for the input, one
// libx264/AAC rendition per HLS output, PUT under MediaLive's names `<base>.m3u8`,
// `<base><NameModifier>.m3u8`, `<base><NameModifier>_%05d.ts` to a loopback relay directory that
// holds no secret (the relay adds the key and the destination's query string). Filter text only
// ever gets integers and fixed words: `integer()` refuses anything else, whatever built the plan.
import { ChannelToEncode, EncodePlan, EncodePlanError, NAME_MODIFIER, planHlsEncode, Variant } from './encodePlan';

// Seconds without socket progress before a PUT fails (ffmpeg would otherwise wait forever).
const IO_TIMEOUT_SECONDS = 10;
const TONE_HZ = 1000;
const TONE_SAMPLE_RATE = 48000;
// A base name as hlsDestination.ts leaves it: one path segment, escapes but no template.
const BASE_NAME = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%]+$/;
const RELAY_DIRECTORY = /^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]+\/$/;

function integer(value: number): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new EncodePlanError(`The encode plan holds a ${typeof value} where an integer belongs`);
  return String(value);
}

function rate(numerator: number, denominator: number): string {
  return denominator === 1 ? integer(numerator) : `${integer(numerator)}/${integer(denominator)}`;
}

function videoFilters(videos: Variant[]): string {
  const splits = videos.map((_, index) => `[s${index}]`).join('');
  const chains = videos.map(({ video }, index) =>
    `[s${index}]scale=${integer(video!.width)}:${integer(video!.height)},fps=${rate(video!.framerateNumerator, video!.framerateDenominator)},format=yuv420p[v${index}]`);
  return [`[0:v]split=${videos.length}${splits}`, ...chains].join(';');
}

function videoOptions(plan: EncodePlan, videos: Variant[]): string[] {
  if (videos.length === 0) return [];
  const args = ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-sc_threshold', '0',
    '-force_key_frames', `expr:gte(t,n_forced*${integer(plan.segmentLength)})`];
  videos.forEach(({ video }, index) => {
    const v = video!;
    args.push(`-b:v:${index}`, integer(v.bitrate), `-g:v:${index}`, integer(v.gopFrames), `-keyint_min:v:${index}`, integer(v.gopFrames));
    if (v.maxBitrate !== undefined) args.push(`-maxrate:v:${index}`, integer(v.maxBitrate));
    if (v.bufferSize !== undefined) args.push(`-bufsize:v:${index}`, integer(v.bufferSize));
    if (v.profile) args.push(`-profile:v:${index}`, v.profile);
  });
  return args;
}

function audioOptions(audios: Variant[]): string[] {
  if (audios.length === 0) return [];
  const args = ['-c:a', 'aac'];
  audios.forEach(({ audio }, index) => {
    args.push(`-b:a:${index}`, integer(audio!.bitrate), `-ar:a:${index}`, integer(audio!.sampleRate), `-ac:a:${index}`, integer(audio!.channels));
  });
  return args;
}

function streamMap(plan: EncodePlan): string {
  let videoIndex = 0;
  let audioIndex = 0;
  return plan.variants.map((variant) => {
    const parts: string[] = [];
    if (variant.video) parts.push(`v:${videoIndex++}`);
    if (variant.audio) parts.push(`a:${audioIndex++}`);
    if (!NAME_MODIFIER.test(variant.nameModifier)) throw new EncodePlanError(`NameModifier ${JSON.stringify(variant.nameModifier)} is not a plain name`);
    parts.push(`name:${variant.nameModifier}`);
    return parts.join(',');
  }).join(' ');
}

function hlsFlags(plan: EncodePlan): string {
  return ['independent_segments', ...(plan.integerDurations ? ['round_durations'] : []), ...(plan.programDateTime ? ['program_date_time'] : [])].join('+');
}

/** `relayDirectory`: `http://127.0.0.1:<port>/<prefix>/` from the relay. */
export function argsForPlan(plan: EncodePlan, relayDirectory: string): string[] {
  const { source, destination } = plan;
  if (!RELAY_DIRECTORY.test(relayDirectory)) throw new EncodePlanError(`ffmpeg writes only to the loopback relay, not to ${relayDirectory}`);
  if (!BASE_NAME.test(destination.base)) throw new EncodePlanError(`The base name ${JSON.stringify(destination.base)} is not one plain path segment`);
  const videos = plan.variants.filter((variant) => variant.video);
  const audios = plan.variants.filter((variant) => variant.audio);
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'warning',
    '-re', '-f', 'lavfi', '-i', `testsrc2=size=${integer(source.width)}x${integer(source.height)}:rate=${rate(source.framerateNumerator, source.framerateDenominator)}`];
  if (audios.length > 0) args.push('-re', '-f', 'lavfi', '-i', `sine=frequency=${TONE_HZ}:sample_rate=${TONE_SAMPLE_RATE}`);
  if (videos.length > 0) args.push('-filter_complex', videoFilters(videos));
  videos.forEach((_, index) => args.push('-map', `[v${index}]`));
  audios.forEach(() => args.push('-map', '1:a'));
  args.push(...videoOptions(plan, videos), ...audioOptions(audios));
  args.push('-f', 'hls', '-hls_time', integer(plan.segmentLength), '-hls_list_size', integer(plan.playlistSize),
    '-hls_flags', hlsFlags(plan), '-hls_segment_type', 'mpegts',
    '-method', 'PUT', '-http_persistent', '1', '-timeout', String(IO_TIMEOUT_SECONDS));
  args.push('-var_stream_map', streamMap(plan));
  if (plan.writeMaster) args.push('-master_pl_name', `${destination.base}.m3u8`);
  args.push('-hls_segment_filename', `${relayDirectory}${destination.base}%v_%05d.ts`);
  args.push(`${relayDirectory}${destination.base}%v.m3u8`);
  return args;
}

/** The whole command line (without the ffmpeg executable) for a channel's first HLS group. */
export function buildFfmpegArgs(channel: ChannelToEncode, relayDirectory: string): string[] {
  return argsForPlan(planHlsEncode(channel), relayDirectory);
}
