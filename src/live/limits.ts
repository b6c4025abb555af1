// Everything the inspector keeps or does is bounded, whatever the origin sends.
import { MOMENTO_MAX_OBJECT_BYTES } from '../config/estimates';

export interface LiveLimits {
  /** Larger playlists are reported, not parsed (24 h of 2 s segments with program date time is 3.5 MB). */
  maxPlaylistBytes: number;
  /** More lines than this (counted before splitting) and the playlist is reported, not parsed. */
  maxPlaylistLines: number;
  maxSegments: number;
  /** Variants and renditions polled from one master playlist. */
  maxPlaylists: number;
  /** Findings kept in the history (newest first). */
  maxHistory: number;
  /** Newest segments shown in a rendition's timeline. */
  timelineLength: number;
  /** Segment measurements kept per rendition for the bitrate check. */
  maxSamples: number;
  /** Momento's object limit; a segment is read up to one byte past it. */
  maxSegmentBytes: number;
  /** A request that takes longer is abandoned and reported. */
  requestTimeoutMs: number;
  /** The master playlist is reloaded this often (it has no target duration of its own). */
  masterIntervalMs: number;
  /** Reload cadence after a failure when no target duration is known yet. */
  retryIntervalMs: number;
  /** Bounds of the reload cadence, whatever the target duration says. */
  minIntervalMs: number;
  maxIntervalMs: number;
}

export const LIVE_LIMITS: Readonly<LiveLimits> = {
  maxPlaylistBytes: 16 * 1024 * 1024,
  maxPlaylistLines: 400_000,
  maxSegments: 100_000,
  maxPlaylists: 32,
  maxHistory: 200,
  timelineLength: 60,
  maxSamples: 64,
  maxSegmentBytes: MOMENTO_MAX_OBJECT_BYTES,
  requestTimeoutMs: 10_000,
  masterIntervalMs: 30_000,
  retryIntervalMs: 2000,
  minIntervalMs: 250,
  maxIntervalMs: 30_000,
};
