// The inspector's findings: a bounded history, newest first, with a count per code. Conditions that
// last (a stale playlist, a missing program date time) are reported when they start, not on every
// reload, and again only after they have cleared.
import type { Severity } from '../findings/finding';
import { LIVE_SEVERITIES, type LiveCode } from './codes';
import { redactTokens } from './redact';

export interface LiveFinding {
  code: LiveCode;
  severity: Severity;
  /** The playlist the finding is about, token= values redacted. */
  playlist: string;
  message: string;
  /** Milliseconds since the epoch. */
  time: number;
}

export interface FindingInput {
  code: LiveCode;
  playlist: string;
  message: string;
}

const MAX_ACTIVE_CONDITIONS = 4096;

export class FindingLog {
  private readonly newestFirst: LiveFinding[] = [];
  private readonly counts = new Map<LiveCode, number>();
  private readonly active = new Set<string>();

  constructor(private readonly maxHistory: number, private readonly now: () => number) {}

  /** Reports an event: every occurrence counts. */
  report(input: FindingInput): void {
    const finding: LiveFinding = {
      code: input.code,
      severity: LIVE_SEVERITIES[input.code],
      playlist: redactTokens(input.playlist),
      message: redactTokens(input.message),
      time: this.now(),
    };
    this.newestFirst.unshift(finding);
    if (this.newestFirst.length > this.maxHistory) this.newestFirst.length = this.maxHistory;
    this.counts.set(input.code, (this.counts.get(input.code) ?? 0) + 1);
  }

  /**
   * Reports a lasting condition once when `holds` turns true; `key` tells apart conditions of the
   * same code (a playlist, a pair of renditions).
   */
  condition(code: LiveCode, key: string, holds: boolean, describe: () => Omit<FindingInput, 'code'>): void {
    if (!holds) {
      this.clear(code, key);
      return;
    }
    const id = `${code} ${key}`;
    if (this.active.has(id)) return;
    // Playlists come and go with the master; forgetting every condition only risks a repeat.
    if (this.active.size >= MAX_ACTIVE_CONDITIONS) this.active.clear();
    this.active.add(id);
    this.report({ code, ...describe() });
  }

  /** The condition has ended: it is reported again when it next holds. */
  clear(code: LiveCode, key: string): void {
    this.active.delete(`${code} ${key}`);
  }

  history(): readonly LiveFinding[] {
    return this.newestFirst;
  }

  countsByCode(): ReadonlyMap<LiveCode, number> {
    return this.counts;
  }
}
