// Measured segment bitrates against what the master declares (Apple HLS authoring specification:
// the peak segment bitrate within 125% of BANDWIDTH, the average within 110% of AVERAGE-BANDWIDTH).
import * as l10n from '@vscode/l10n';
import type { Condition } from './windowChecks';

export const PEAK_TOLERANCE = 1.25;
export const AVERAGE_TOLERANCE = 1.1;
/** Fewer samples than this say too little about an average. */
export const MIN_AVERAGE_SAMPLES = 5;

export interface SegmentSample {
  sequence: number;
  bytes: number;
  seconds: number;
}

export interface Declared {
  bandwidth?: number;
  averageBandwidth?: number;
}

/** The newest measurements of one rendition, at most `maxSamples`. */
export class BitrateMeter {
  private readonly samples: SegmentSample[] = [];

  constructor(private readonly maxSamples: number) {}

  add(sample: SegmentSample): void {
    if (!(sample.seconds > 0)) return;
    this.samples.push(sample);
    if (this.samples.length > this.maxSamples) this.samples.shift();
  }

  bytesOf(sequence: number): number | undefined {
    return this.samples.find((sample) => sample.sequence === sequence)?.bytes;
  }

  count(): number {
    return this.samples.length;
  }

  latest(): SegmentSample | undefined {
    return this.samples[this.samples.length - 1];
  }

  /** Bits per second of the largest-rate segment. */
  peak(): number | undefined {
    if (this.samples.length === 0) return undefined;
    return Math.max(...this.samples.map((sample) => (sample.bytes * 8) / sample.seconds));
  }

  average(): number | undefined {
    if (this.samples.length === 0) return undefined;
    const bits = this.samples.reduce((sum, sample) => sum + sample.bytes * 8, 0);
    const seconds = this.samples.reduce((sum, sample) => sum + sample.seconds, 0);
    return bits / seconds;
  }
}

export function bitrateCondition(meter: BitrateMeter, declared: Declared): Condition {
  const peak = meter.peak();
  const average = meter.average();
  const peakOver = peak !== undefined && declared.bandwidth !== undefined && peak > PEAK_TOLERANCE * declared.bandwidth;
  const averageOver = average !== undefined && declared.averageBandwidth !== undefined && meter.count() >= MIN_AVERAGE_SAMPLES &&
    average > AVERAGE_TOLERANCE * declared.averageBandwidth;
  return {
    code: 'live-bitrate-over-declared',
    holds: peakOver || averageOver,
    message: () => peakOver
      ? l10n.t('A segment measured {0} kbps, over 125% of the declared BANDWIDTH of {1} kbps: players pick a rendition the network cannot carry and rebuffer. Cap the encoder (max bitrate, buffer size) or declare the real peak.', kbps(peak), kbps(declared.bandwidth ?? 0))
      : l10n.t('The average over {0} segments is {1} kbps, over 110% of the declared AVERAGE-BANDWIDTH of {2} kbps.', meter.count(), kbps(average ?? 0), kbps(declared.averageBandwidth ?? 0)),
  };
}

export function kbps(bitsPerSecond: number): number {
  return Math.round(bitsPerSecond / 1000);
}
