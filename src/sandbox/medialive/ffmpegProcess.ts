// One running ffmpeg: started with arguments, stopped with SIGTERM (ffmpeg then finishes the
// segment and playlists it has) and SIGKILL after a grace period; its stderr tail is kept for the
// error message when it exits on its own.
import { ChildProcess, spawn } from 'node:child_process';

export interface FfmpegExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when stop() asked for it. */
  requested: boolean;
  stderrTail: string;
}

const TAIL_BYTES = 4096;
const TAIL_LINES = 15;

export class FfmpegProcess {
  private readonly child: ChildProcess;
  private tail = '';
  private stopRequested = false;
  private exitInfo: FfmpegExit | undefined;
  private readonly exited: Promise<FfmpegExit>;

  constructor(executable: string, args: string[], onExit: (exit: FfmpegExit) => void) {
    this.child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      this.tail = (this.tail + chunk).slice(-TAIL_BYTES);
    });
    this.exited = new Promise((resolve) => {
      let spawnError: Error | undefined;
      this.child.on('error', (error) => {
        spawnError = error;
        // A spawn failure emits no 'exit'; a kill failure does, later.
        if (this.child.pid === undefined) finish(null, null);
      });
      const finish = (code: number | null, signal: NodeJS.Signals | null) => {
        if (this.exitInfo) return;
        const tail = this.stderrTail() || (spawnError ? spawnError.message : '');
        this.exitInfo = { code, signal, requested: this.stopRequested, stderrTail: tail };
        onExit(this.exitInfo);
        resolve(this.exitInfo);
      };
      // 'close' waits for stderr to drain, so the tail is complete.
      this.child.once('close', finish);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  stderrTail(): string {
    return this.tail.split(/\r?\n|\r/).filter((line) => line.trim()).slice(-TAIL_LINES).join('\n');
  }

  /** SIGTERM, then SIGKILL after graceMs; resolves when the process is gone. */
  async stop(graceMs: number): Promise<FfmpegExit> {
    if (this.exitInfo) return this.exitInfo;
    this.stopRequested = true;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Synchronous last resort (process exit hooks). */
  killNow(): void {
    if (this.exitInfo) return;
    this.stopRequested = true;
    this.child.kill('SIGKILL');
  }
}
