// Shared machinery for running code-server (VS Code served to a browser) and a headless Chromium
// against it: used by the integration test runner and by `npm start`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const HOST = '127.0.0.1';
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * The repository root above `from`. Checked by its scripts folder as well as its package.json,
 * because tsc copies package.json into out/ when source imports it.
 */
export function findRepoRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(path.join(dir, 'scripts', 'install-code-server.sh')) && fs.existsSync(manifest) &&
        JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'momento-live-origin') return dir;
    if (path.dirname(dir) === dir) throw new Error(`No momento-live-origin checkout above ${from}`);
  }
}

export function codeServerBinary(root: string): string {
  return path.join(root, '.cache', 'code-server', 'node_modules', '.bin', 'code-server');
}

/** Runs setup-system.sh then install-code-server.sh; both are near-instant once done. */
export function ensureCodeServer(root: string): void {
  for (const script of ['setup-system.sh', 'install-code-server.sh']) {
    const result = spawnSync('bash', [path.join(root, 'scripts', script)], { stdio: 'inherit', timeout: 20 * 60_000 });
    if (result.status !== 0) throw new Error(`scripts/${script} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  }
}

export function freePort(host = HOST): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function isPortFree(port: number, host = HOST): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

export interface CodeServerOptions {
  root: string;
  /** Holds HOME, XDG dirs, user data, extensions and logs; the caller removes it. */
  baseDir: string;
  port: number;
  /** Extra user settings merged over the defaults. */
  settings?: Record<string, unknown>;
  /** Defaults to baseDir/extensions. */
  extensionsDir?: string;
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  logFile: string;
  process: ChildProcess;
  /** Last lines code-server printed, for error messages. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

/** The environment that keeps code-server (and anything it starts) inside baseDir. */
export function isolatedEnv(baseDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const home = path.join(baseDir, 'home');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    // Nothing here runs on EC2: the AWS credential chain must not try the instance metadata address.
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
  // Settings exported by a parent `npm run` would leak into extensions' child processes.
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
  for (const dir of [env.XDG_CONFIG_HOME, env.XDG_DATA_HOME, env.XDG_CACHE_HOME, env.XDG_STATE_HOME]) fs.mkdirSync(dir!, { recursive: true });
  return env;
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const { root, baseDir, port } = options;
  const userDataDir = path.join(baseDir, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(baseDir, 'extensions');
  const configFile = path.join(baseDir, 'config.yaml');
  const logFile = path.join(baseDir, 'code-server.log');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(configFile, `bind-addr: ${HOST}:${port}\nauth: none\ncert: false\n`);
  const settings = {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.tips.enabled': false,
    // The demo and test workspaces live inside this repository's ignored .cache folder.
    'git.openRepositoryInParentFolders': 'never',
    ...options.settings,
  };
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const args = [
    '--bind-addr', `${HOST}:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', configFile,
  ];
  const log = fs.openSync(logFile, 'w');
  // Own process group, so stop() reaches the extension host and the other helpers it forks.
  const child = spawn(codeServerBinary(root), args, {
    env: isolatedEnv(baseDir, options.env),
    cwd: baseDir,
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // Last resort when the caller dies without calling stop().
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);

  let exited = false;
  let spawnError: Error | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', (error) => {
      spawnError = error;
      exited = true;
      resolve();
    });
  });
  const logTail = (lines = 30) => {
    try {
      return fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  const stop = async () => {
    process.removeListener('exit', onExit);
    if (exited) {
      killGroup('SIGKILL');
      return;
    }
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5_000);
    await exitPromise;
    clearTimeout(timer);
    // The server may exit before the processes it forked.
    killGroup('SIGKILL');
  };

  const url = `http://${HOST}:${port}`;
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(spawnError ? `could not start code-server: ${spawnError.message}` : `code-server exited before it was ready:\n${logTail()}`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s:\n${logTail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, port, logFile, process: child, logTail, stop };
}

/** The `vscode-remote://` URI code-server's workbench resolves to a path on this machine. */
export function remoteUri(port: number, fsPath: string): string {
  return `vscode-remote://${HOST}:${port}${fsPath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

/** Headless Chromium with a throwaway profile and HOME under baseDir. */
export async function launchChromium(baseDir: string): Promise<BrowserContext> {
  const profile = path.join(baseDir, 'chromium-profile');
  const home = path.join(baseDir, 'chromium-home');
  fs.mkdirSync(home, { recursive: true });
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    env: { ...process.env, HOME: home },
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}
