// Where a running `live-origin sandbox` says it can be found: a per-user file it writes when it is
// ready and removes when it stops, so `--target sandbox` and the extension find it from any folder.
// It holds endpoints and the sandbox's own AWS key pair (which opens only that sandbox's loopback
// control planes), never a Momento key.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { SandboxInfo } from '../sandbox/sandbox';

export interface SandboxState {
  pid: number;
  startedAt: string;
  region: string;
  namespace: string;
  medialive: string;
  cloudfront: string;
  edge: string;
  ssm: string;
  momentoGrpc: string;
  momentoHttp: string;
  aws: { accessKeyId: string; secretAccessKey: string };
}

/** What `--target sandbox` needs to find a sandbox: endpoints and its AWS pair, no Momento key. */
export function sandboxStateOf(info: SandboxInfo, pid: number): SandboxState {
  return {
    pid,
    startedAt: new Date().toISOString(),
    region: info.medialive.region,
    namespace: info.momento.namespace,
    medialive: info.medialive.endpoint,
    cloudfront: info.cloudfront.endpoint,
    edge: info.cloudfront.edge,
    ssm: info.ssm.endpoint,
    momentoGrpc: info.momento.grpcEndpoint,
    momentoHttp: info.momento.httpEndpoint,
    aws: { ...info.aws },
  };
}

/** `$XDG_STATE_HOME/live-origin/sandbox.json` (`~/.local/state/...` by default). */
export function sandboxStateFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'live-origin', 'sandbox.json');
}

export function writeSandboxState(state: SandboxState, file = sandboxStateFile()): void {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(state)}\n`, { mode: 0o600 });
}

/** Removes the file only when it still describes the sandbox of `pid` (another may have started since). */
export function removeSandboxState(pid: number, file = sandboxStateFile()): void {
  if (readSandboxState(file, () => true)?.pid === pid) rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running sandbox, or undefined when none runs (a file left by a killed sandbox is ignored). */
export function readSandboxState(file = sandboxStateFile(), alive: (pid: number) => boolean = isAlive): SandboxState | undefined {
  let state: SandboxState;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as SandboxState;
  } catch {
    return undefined;
  }
  const wellFormed = Number.isInteger(state?.pid) && typeof state.medialive === 'string' && typeof state.aws?.secretAccessKey === 'string';
  return wellFormed && alive(state.pid) ? state : undefined;
}
