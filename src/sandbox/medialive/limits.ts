// How much the sandbox keeps and runs at once, so a loop of API calls cannot exhaust the machine.
export interface Limits {
  /** Channels not DELETED; AWS's default quota is 5 per account and Region. */
  channels: number;
  /** Inputs not DELETED; twice the channels, so each can have a spare. */
  inputs: number;
  /** ffmpeg processes at once, stopping ones included (each takes a good part of a core). */
  runningEncoders: number;
  /** How long a DELETED channel or input stays describable before it vanishes, as in MediaLive. */
  deletedRetentionMs: number;
  /** DELETED channels (and, apart, inputs) kept at most; the oldest go first. */
  deletedKept: number;
  /** Alerts kept per channel, newest first: an encoder failing in a loop cannot grow them. */
  alertsKept: number;
}

export const DEFAULT_LIMITS: Limits = {
  channels: 5,
  inputs: 10,
  runningEncoders: 2,
  deletedRetentionMs: 5 * 60 * 1000,
  deletedKept: 20,
  alertsKept: 100,
};
