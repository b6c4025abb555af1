// Playlists as MediaLive and ffmpeg write them, to build reload sequences from.

export interface MediaOptions {
  target?: number;
  /** First media sequence number. */
  sequence: number;
  count: number;
  duration?: number | ((sequence: number) => number);
  name?: string;
  /** Program date time of the first segment (epoch ms); none when undefined. */
  pdtStart?: number;
  /** Media sequence numbers that carry EXT-X-DISCONTINUITY. */
  discontinuities?: readonly number[];
  discontinuitySequence?: number;
  query?: string;
  endList?: boolean;
  uri?: (sequence: number) => string;
}

export function media(options: MediaOptions): string {
  const target = options.target ?? 2;
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${target}`, `#EXT-X-MEDIA-SEQUENCE:${options.sequence}`];
  if (options.discontinuitySequence !== undefined) lines.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${options.discontinuitySequence}`);
  let pdt = options.pdtStart;
  for (let n = options.sequence; n < options.sequence + options.count; n++) {
    const duration = typeof options.duration === 'function' ? options.duration(n) : options.duration ?? target;
    if (options.discontinuities?.includes(n)) lines.push('#EXT-X-DISCONTINUITY');
    if (pdt !== undefined) {
      lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(pdt).toISOString()}`);
      pdt += duration * 1000;
    }
    lines.push(`#EXTINF:${duration.toFixed(5)},`);
    lines.push(options.uri?.(n) ?? `${options.name ?? 'playlist_720p30'}_${String(n).padStart(5, '0')}.ts${options.query ?? ''}`);
  }
  if (options.endList) lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

/** A live window of `count` segments that slides by one segment per step. */
export function sliding(steps: number, options: Omit<MediaOptions, 'sequence'> & { sequence?: number }): string[] {
  const first = options.sequence ?? 100;
  const duration = typeof options.duration === 'number' ? options.duration : options.target ?? 2;
  return Array.from({ length: steps }, (_, step) => media({
    ...options,
    sequence: first + step,
    pdtStart: options.pdtStart === undefined ? undefined : options.pdtStart + step * duration * 1000,
  }));
}

export interface VariantLine {
  uri: string;
  bandwidth: number;
  averageBandwidth?: number;
  resolution?: string;
}

export function master(variants: readonly VariantLine[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const variant of variants) {
    const attributes = [`BANDWIDTH=${variant.bandwidth}`];
    if (variant.averageBandwidth !== undefined) attributes.push(`AVERAGE-BANDWIDTH=${variant.averageBandwidth}`);
    if (variant.resolution) attributes.push(`RESOLUTION=${variant.resolution}`);
    attributes.push('CODECS="avc1.4d401f,mp4a.40.2"');
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(',')}`, variant.uri);
  }
  return `${lines.join('\n')}\n`;
}
