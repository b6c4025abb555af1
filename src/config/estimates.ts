// The guide's sizing arithmetic: segment size per rendition and hot-storage capacity.

/** Momento Media Storage's largest object. */
export const MOMENTO_MAX_OBJECT_BYTES = 10_000_000;
/** Share of the object limit above which a segment is flagged as close to it. */
export const NEAR_LIMIT_RATIO = 0.8;
/** Container and VBR overhead the guide adds to the raw bitrate. */
export const SEGMENT_OVERHEAD = 1.1;
export const RECOMMENDED_SEGMENT_SECONDS = { min: 1, max: 2.5 } as const;

/** kbps / 8 x seconds x 1.1, in bytes (1 kB = 1000 bytes, as the guide's 275 kB example). */
export function estimateSegmentBytes(bitrateKbps: number, segmentSeconds: number): number {
  return (bitrateKbps * 1000 / 8) * segmentSeconds * SEGMENT_OVERHEAD;
}

/** Highest bitrate whose segments stay within `limitBytes` at this segment length. */
export function maxBitrateKbpsFor(segmentSeconds: number, limitBytes = MOMENTO_MAX_OBJECT_BYTES): number {
  return limitBytes / (segmentSeconds * SEGMENT_OVERHEAD) * 8 / 1000;
}

/** Sum of one segment of every rendition, times the number of segment periods in the window. */
export function estimateHotStorageBytes(bitratesKbps: readonly number[], segmentSeconds: number, windowSeconds: number): number {
  const perPeriod = bitratesKbps.reduce((sum, kbps) => sum + estimateSegmentBytes(kbps, segmentSeconds), 0);
  return perPeriod * (windowSeconds / segmentSeconds);
}

const MIB = 1024 * 1024;

export function bytesToMiB(bytes: number): number {
  return bytes / MIB;
}

/** Decimal units, as the guide and the 10 MB object limit use them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(2)} MB`;
  if (bytes >= 1000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${Math.round(bytes)} B`;
}

/** Binary units, as the guide sizes hot storage. */
export function formatMiB(bytes: number): string {
  return `${bytesToMiB(bytes).toFixed(1)} MiB`;
}
