// What the player measures, computed from samples the page takes: glass-to-glass latency, buffer
// ahead, stalls and their durations, and the bitrate the segments actually carry. Pure: no DOM.

/** Seconds buffered past `time` in the buffered range that holds it (ranges as [start, end] seconds). */
export function bufferAhead(ranges: ReadonlyArray<readonly [number, number]>, time: number): number {
  for (const [start, end] of ranges) {
    // A small gap before a range counts: the player jumps it.
    if (time >= start - 0.1 && time < end) return Math.max(0, end - time);
  }
  return 0;
}

/** Now minus the program date time of the frame on screen (hls.playingDate), in seconds. */
export function glassToGlassSeconds(nowMs: number, playingDateMs: number | undefined): number | undefined {
  if (playingDateMs === undefined || !Number.isFinite(playingDateMs) || playingDateMs <= 0) return undefined;
  const seconds = (nowMs - playingDateMs) / 1000;
  return Number.isFinite(seconds) ? seconds : undefined;
}

/**
 * A stall is the video waiting for data after it first played, unless it waits because of a seek
 * (the live-edge button, a rendition switch); it ends when the video plays again.
 */
export class StallTracker {
  private started = false;
  private stalledAt: number | undefined;
  private count = 0;
  private finishedMs = 0;

  playing(nowMs: number): void {
    if (this.stalledAt !== undefined) this.finishedMs += nowMs - this.stalledAt;
    this.stalledAt = undefined;
    this.started = true;
  }

  waiting(nowMs: number, seeking: boolean): void {
    if (!this.started || seeking || this.stalledAt !== undefined) return;
    this.stalledAt = nowMs;
    this.count++;
  }

  get stalls(): number {
    return this.count;
  }

  /** Seconds of the stall going on now, if one is. */
  currentSeconds(nowMs: number): number | undefined {
    return this.stalledAt === undefined ? undefined : (nowMs - this.stalledAt) / 1000;
  }

  totalSeconds(nowMs: number): number {
    return (this.finishedMs + (this.stalledAt === undefined ? 0 : nowMs - this.stalledAt)) / 1000;
  }
}

/** The media bitrate of the last few segments: their bits over their playback duration. */
export class BitrateMeter {
  private readonly samples: { bits: number; seconds: number }[] = [];

  constructor(private readonly window = 6) {}

  add(bytes: number, seconds: number): void {
    if (!(bytes > 0) || !(seconds > 0)) return;
    this.samples.push({ bits: bytes * 8, seconds });
    if (this.samples.length > this.window) this.samples.shift();
  }

  /** Bits per second, or undefined before the first segment. */
  value(): number | undefined {
    if (this.samples.length === 0) return undefined;
    const bits = this.samples.reduce((sum, s) => sum + s.bits, 0);
    const seconds = this.samples.reduce((sum, s) => sum + s.seconds, 0);
    return bits / seconds;
  }
}

/** "{0} s in {1}" with its arguments. */
export function format(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : match));
}

export function kbps(bitsPerSecond: number | undefined): string {
  return bitsPerSecond === undefined || !Number.isFinite(bitsPerSecond) ? '–' : `${Math.round(bitsPerSecond / 1000)} kbps`;
}

export function seconds(value: number | undefined, digits = 2): string {
  return value === undefined || !Number.isFinite(value) ? '–' : `${value.toFixed(digits)} s`;
}
