// Whether this page can play the stream, decided before hls.js starts: Media Source Extensions
// that hls.js accepts, and every codec the master playlist's CODECS lists (hls.js remuxes MPEG-TS
// to fragmented MP4, so the MP4 MIME types are the ones to ask about). Pure: no DOM.

export interface CapabilityProbe {
  /** Hls.isSupported(). */
  hlsSupported: boolean;
  /** MediaSource.isTypeSupported. */
  isTypeSupported(mimeType: string): boolean;
}

export type Capability =
  | { play: true }
  | { play: false; reason: 'no-mse' }
  /** `videoOnly`: only audio codecs are missing, so the picture alone can play. */
  | { play: false; reason: 'codecs'; missing: string[]; videoOnly: boolean };

const AUDIO_CODEC = /^(mp4a|ac-3|ec-3|opus|flac|mp3|dtsc|dtse|dtsh|dtsl)(\.|$)/i;
const STREAM_INF = /^#EXT-X-STREAM-INF:/;
const CODECS_ATTRIBUTE = /(^|[:,])CODECS="([^"]*)"/;

export function isAudioCodec(codec: string): boolean {
  return AUDIO_CODEC.test(codec);
}

/** Every codec the variants of a master playlist declare, each once, in order of appearance. */
export function masterCodecs(master: string): string[] {
  const codecs = new Set<string>();
  for (const line of master.split(/\r?\n/)) {
    if (!STREAM_INF.test(line)) continue;
    const list = CODECS_ATTRIBUTE.exec(line)?.[2] ?? '';
    for (const codec of list.split(',').map((c) => c.trim()).filter(Boolean)) codecs.add(codec);
  }
  return [...codecs];
}

export function decideCapability(probe: CapabilityProbe, codecs: readonly string[]): Capability {
  if (!probe.hlsSupported) return { play: false, reason: 'no-mse' };
  const missing = codecs.filter((codec) => !probe.isTypeSupported(`${isAudioCodec(codec) ? 'audio' : 'video'}/mp4; codecs="${codec}"`));
  if (missing.length === 0) return { play: true };
  const videoMissing = missing.some((codec) => !isAudioCodec(codec));
  const hasVideo = codecs.some((codec) => !isAudioCodec(codec));
  return { play: false, reason: 'codecs', missing, videoOnly: hasVideo && !videoMissing };
}

/** The master playlist with its audio codecs taken out of CODECS, so hls.js keeps the variants for their video alone. */
export function stripAudioCodecs(master: string): string {
  return master.split(/(\r?\n)/).map((line) => {
    if (!STREAM_INF.test(line)) return line;
    return line.replace(CODECS_ATTRIBUTE, (_match, lead: string, list: string) =>
      `${lead}CODECS="${list.split(',').map((c) => c.trim()).filter((c) => c && !isAudioCodec(c)).join(',')}"`);
  }).join('');
}
