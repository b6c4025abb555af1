// The ffmpeg command line of a started channel: lavfi testsrc2 + sine stand in for the input, one
// libx264/AAC rendition per HLS output, PUT to the destination under MediaLive's names:
// `<base>.m3u8`, `<base><NameModifier>.m3u8`, `<base><NameModifier>_%05d.ts`, each with the
// destination's query string.
import { ChannelToEncode, EncodePlan, EncodePlanError, planHlsEncode, Variant } from './encodePlan';
import { withQuery } from './hlsDestination';

export interface ResolvedCredentials {
  username: string;
  password: string;
}

// Seconds without socket progress before a PUT fails (ffmpeg would otherwise wait forever).
const IO_TIMEOUT_SECONDS = 10;
const TONE_HZ = 1000;
const TONE_SAMPLE_RATE = 48000;

function rate(numerator: number, denominator: number): string {
  return denominator === 1 ? String(numerator) : `${numerator}/${denominator}`;
}

function videoFilters(videos: Variant[]): string {
  const splits = videos.map((_, index) => `[s${index}]`).join('');
  const chains = videos.map(({ video }, index) =>
    `[s${index}]scale=${video!.width}:${video!.height},fps=${rate(video!.framerateNumerator, video!.framerateDenominator)},format=yuv420p[v${index}]`);
  return [`[0:v]split=${videos.length}${splits}`, ...chains].join(';');
}

function videoOptions(plan: EncodePlan, videos: Variant[]): string[] {
  if (videos.length === 0) return [];
  const args = ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-sc_threshold', '0',
    '-force_key_frames', `expr:gte(t,n_forced*${plan.segmentLength})`];
  videos.forEach(({ video }, index) => {
    const v = video!;
    args.push(`-b:v:${index}`, String(v.bitrate), `-g:v:${index}`, String(v.gopFrames), `-keyint_min:v:${index}`, String(v.gopFrames));
    if (v.maxBitrate !== undefined) args.push(`-maxrate:v:${index}`, String(v.maxBitrate));
    if (v.bufferSize !== undefined) args.push(`-bufsize:v:${index}`, String(v.bufferSize));
    if (v.profile) args.push(`-profile:v:${index}`, v.profile);
  });
  return args;
}

function audioOptions(audios: Variant[]): string[] {
  if (audios.length === 0) return [];
  const args = ['-c:a', 'aac'];
  audios.forEach(({ audio }, index) => {
    args.push(`-b:a:${index}`, String(audio!.bitrate), `-ar:a:${index}`, String(audio!.sampleRate), `-ac:a:${index}`, String(audio!.channels));
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
    parts.push(`name:${variant.nameModifier}`);
    return parts.join(',');
  }).join(' ');
}

function hlsFlags(plan: EncodePlan): string {
  return ['independent_segments', ...(plan.integerDurations ? ['round_durations'] : []), ...(plan.programDateTime ? ['program_date_time'] : [])].join('+');
}

export function basicAuthorization({ username, password }: ResolvedCredentials): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

export function argsForPlan(plan: EncodePlan, credentials?: ResolvedCredentials): string[] {
  if (plan.username !== undefined && plan.passwordParam !== undefined && !credentials) {
    throw new EncodePlanError(`The destination uses Username "${plan.username}" and PasswordParam "${plan.passwordParam}": resolve the password first`);
  }
  const videos = plan.variants.filter((variant) => variant.video);
  const audios = plan.variants.filter((variant) => variant.audio);
  const { source, destination } = plan;
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'warning',
    '-re', '-f', 'lavfi', '-i', `testsrc2=size=${source.width}x${source.height}:rate=${rate(source.framerateNumerator, source.framerateDenominator)}`];
  if (audios.length > 0) args.push('-re', '-f', 'lavfi', '-i', `sine=frequency=${TONE_HZ}:sample_rate=${TONE_SAMPLE_RATE}`);
  if (videos.length > 0) args.push('-filter_complex', videoFilters(videos));
  videos.forEach((_, index) => args.push('-map', `[v${index}]`));
  audios.forEach(() => args.push('-map', '1:a'));
  args.push(...videoOptions(plan, videos), ...audioOptions(audios));
  args.push('-f', 'hls', '-hls_time', String(plan.segmentLength), '-hls_list_size', String(plan.playlistSize),
    '-hls_flags', hlsFlags(plan), '-hls_segment_type', 'mpegts',
    '-method', 'PUT', '-http_persistent', '1', '-timeout', String(IO_TIMEOUT_SECONDS));
  if (credentials) args.push('-headers', `Authorization: ${basicAuthorization(credentials)}\r\n`);
  args.push('-var_stream_map', streamMap(plan));
  if (plan.writeMaster) args.push('-master_pl_name', withQuery(`${destination.base}.m3u8`, destination));
  args.push('-hls_segment_filename', withQuery(`${destination.directory}${destination.base}%v_%05d.ts`, destination));
  args.push(withQuery(`${destination.directory}${destination.base}%v.m3u8`, destination));
  return args;
}

/** The whole command line (without the ffmpeg executable) for a channel's first HLS group. */
export function buildFfmpegArgs(channel: ChannelToEncode, resolvedCredentials?: ResolvedCredentials): string[] {
  return argsForPlan(planHlsEncode(channel), resolvedCredentials);
}
