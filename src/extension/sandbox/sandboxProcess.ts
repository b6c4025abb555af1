// Runs `live-origin sandbox --json` as a child process and reads the one line it promises.
import { spawn, type ChildProcess } from 'node:child_process';
import type { SandboxInfo } from '../../sandbox/sandbox';
import type { DemoStream } from '../../sandbox/demoStream';

export type RunningInfo = SandboxInfo & { stream?: DemoStream };

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export class SandboxProcess {
  private constructor(private readonly child: ChildProcess, readonly info: RunningInfo) {}

  /** `onLog` receives stderr: the sandbox never writes keys there. */
  static start(cliPath: string, dir: string, onLog: (line: string) => void): Promise<SandboxProcess> {
    const child = spawn(process.execPath, [cliPath, 'sandbox', '--json', '--dir', dir, '--exit-on-stdin-close'], {
      // Inside desktop VS Code the host binary is Electron; this makes it behave as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => chunk.split('\n').filter(Boolean).forEach(onLog));
    return new Promise((resolve, reject) => {
      let stdout = '';
      const fail = (message: string) => {
        clearTimeout(timer);
        child.kill('SIGTERM');
        reject(new Error(message));
      };
      const timer = setTimeout(() => fail(`the sandbox did not start within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
      child.once('error', (error) => fail(error.message));
      child.once('exit', (code) => fail(`the sandbox exited with code ${code} before it was ready`));
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const newline = stdout.indexOf('\n');
        if (newline < 0) return;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        try {
          resolve(new SandboxProcess(child, JSON.parse(stdout.slice(0, newline)) as RunningInfo));
        } catch {
          fail('the sandbox printed something other than its JSON line');
        }
      });
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  onExit(listener: (code: number | null) => void): void {
    this.child.once('exit', listener);
  }

  /** SIGTERM lets the sandbox stop ffmpeg and its servers; SIGKILL only if it does not in time. */
  stop(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.kill('SIGTERM');
    });
  }
}
