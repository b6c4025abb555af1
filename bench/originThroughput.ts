// Live-origin throughput: simulated players against the sandbox's Momento emulator (a live stream
// being written while read) and against nginx serving a snapshot of the same files, one after the
// other in one run, with the same client code in a worker thread so it never shares an event loop
// with the server it measures.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { findExecutable } from '../src/sandbox/medialive/findExecutable';

/** Issue targets: p99 under 20 ms, and at least half of nginx's requests per second. */
export const ORIGIN_TARGETS = { p99Ms: 20, ratio: 0.5 };

const DEFAULT_PLAYERS = 200;
const DEFAULT_SECONDS = 10;
const WARMUP_SECONDS = 1;
const MIN_SEGMENTS = 3;
const STREAM_WAIT_MS = 30_000;
// The whole run (four load phases) stays within this budget: the wait for the stream gets what they leave.
const RUN_BUDGET_MS = 90_000;
const REQUEST_TIMEOUT_MS = 5_000;
// A player re-reads the master only now and then (a viewer joining or reloading).
const MASTER_EVERY = 20;
const ERROR_BACKOFF_MS = 20;
const NGINX_READY_MS = 5_000;
const NGINX_MISSING =
  'The origin benchmark needs nginx, which was not found on PATH or in /usr/sbin. Install the Debian package nginx-light (sudo apt-get install nginx-light).';
const CLIENT_ROLE = 'origin-throughput-client';

type RequestKind = 'master' | 'playlist' | 'segment';
const KINDS: RequestKind[] = ['master', 'playlist', 'segment'];

export interface KindStats {
  requests: number;
  p50Ms: number;
  p99Ms: number;
}

export interface TargetResult {
  /** Successful and failed requests completed per second inside the measured window. */
  rps: number;
  /** Megabits per second of response bodies (bytesPerSecond * 8 / 1e6). */
  mbps: number;
  bytesPerSecond: number;
  /** Latency to the last body byte over every request type. */
  p50Ms: number;
  p99Ms: number;
  errors: number;
  requests: number;
  byKind: Record<RequestKind, KindStats>;
  /** The first few distinct error messages, to tell a broken run from a slow one. */
  errorSamples: string[];
  /** Event-loop utilization (0..1) of the client thread; also counts time it waited for a core. */
  clientBusy: number;
  /**
   * CPU time per wall second (1 = one full core) of the client thread and of the server (the
   * emulator's thread, nginx's one process) over the measured window; Linux /proc only. Client
   * CPU near 1 means the numbers measure the client, not the origin.
   */
  clientCpu?: number;
  serverCpu?: number;
  /** Server CPU time per request in microseconds: its cost, whoever was the bottleneck. */
  serverUsPerRequest?: number;
}

export interface OriginThroughputResult {
  players: number;
  seconds: number;
  /** Back-to-back fetches: how much each server can serve (the throughput ratio). */
  momento: TargetResult;
  nginx: TargetResult;
  /** Paced at one playlist and one segment per segment length: what players wait (the p99 target). */
  paced: { periodMs: number; momento: TargetResult; nginx: TargetResult };
  /** momento.rps / nginx.rps */
  ratio: number;
  targets: typeof ORIGIN_TARGETS;
  meetsTargets: { p99: boolean; ratio: boolean };
  /** Files served by nginx, as snapshotted from the live namespace. */
  snapshot: { files: number; bytes: number };
}

interface ClientJob {
  role: typeof CLIENT_ROLE;
  /** Playlist and segment names resolve against it; ends with '/'. */
  base: string;
  masterName: string;
  headers: Record<string, string>;
  players: number;
  warmupSeconds: number;
  seconds: number;
  /**
   * Paced like a live player: one playlist and one segment per period (the segment length), the
   * players' start times spread over the period. Without it, every player fetches back to back,
   * which measures how much the origin can serve rather than what viewers wait.
   */
  periodMs?: number;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** URIs of a playlist (master: variants; media: segments), query strings stripped. */
function playlistUris(text: string): string[] {
  const uris: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const query = line.indexOf('?');
    uris.push(query < 0 ? line : line.slice(0, query));
  }
  return uris;
}

// ---------------------------------------------------------------------------------------------
// The client (runs in a worker thread)

interface Answer {
  status: number;
  bytes: number;
  body?: string;
}

function get(agent: http.Agent, url: URL, headers: Record<string, string>, keepBody: boolean): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (keepBody) chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, body: keepBody ? Buffer.concat(chunks, bytes).toString('utf8') : undefined }));
      res.on('error', reject);
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end();
  });
}

async function runClient(job: ClientJob): Promise<TargetResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.players, maxFreeSockets: job.players });
  const latencies: Record<RequestKind, number[]> = { master: [], playlist: [], segment: [] };
  let bytes = 0;
  let errors = 0;
  const errorSamples = new Set<string>();
  const measureFrom = performance.now() + job.warmupSeconds * 1000;
  const end = measureFrom + job.seconds * 1000;
  const masterUrl = new URL(job.masterName, job.base);
  let loopAtStart: EventLoopUtilization | undefined;
  const startTimer = setTimeout(() => (loopAtStart = performance.eventLoopUtilization()), job.warmupSeconds * 1000);

  const timed = async (kind: RequestKind, url: URL, keepBody: boolean): Promise<string | undefined> => {
    const started = performance.now();
    let answer: Answer | undefined;
    let failure: string | undefined;
    try {
      answer = await get(agent, url, job.headers, keepBody);
      if (answer.status !== 200) failure = `${kind} ${url.pathname}: HTTP ${answer.status}`;
    } catch (error) {
      failure = `${kind} ${url.pathname}: ${(error as Error).message}`;
    }
    const finished = performance.now();
    if (finished >= measureFrom && finished <= end) {
      latencies[kind].push(finished - started);
      bytes += answer?.bytes ?? 0;
      if (failure !== undefined) {
        errors++;
        if (errorSamples.size < 5) errorSamples.add(failure.replace(/\d{5}\.ts/, 'NNNNN.ts'));
      }
    }
    if (failure !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, ERROR_BACKOFF_MS));
      return undefined;
    }
    return answer?.body ?? '';
  };

  const firstPass = performance.now();
  const player = async (index: number) => {
    let variant: URL | undefined;
    for (let pass = 0; performance.now() < end; pass++) {
      if (job.periodMs !== undefined) {
        const due = firstPass + (index / job.players + pass) * job.periodMs;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
        if (performance.now() >= end) break;
      }
      if (variant === undefined || pass % MASTER_EVERY === 0) {
        const master = await timed('master', masterUrl, true);
        if (master === undefined) continue;
        const variants = playlistUris(master);
        if (variants.length === 0) continue;
        variant = new URL(variants[index % variants.length], job.base);
      }
      const playlist = await timed('playlist', variant, true);
      if (playlist === undefined) continue;
      const segments = playlistUris(playlist);
      if (segments.length === 0) continue;
      await timed('segment', new URL(segments[segments.length - 1], job.base), false);
    }
  };

  const running = Promise.all(Array.from({ length: job.players }, (_, index) => player(index)));
  const loop = await new Promise<EventLoopUtilization>((resolve) => {
    setTimeout(() => resolve(performance.eventLoopUtilization(loopAtStart)), Math.max(0, end - performance.now()));
  });
  await running;
  clearTimeout(startTimer);
  agent.destroy();

  const all: number[] = [];
  const byKind = {} as Record<RequestKind, KindStats>;
  for (const kind of KINDS) {
    const sorted = latencies[kind].sort((a, b) => a - b);
    all.push(...sorted);
    byKind[kind] = { requests: sorted.length, p50Ms: round(percentile(sorted, 0.5)), p99Ms: round(percentile(sorted, 0.99)) };
  }
  all.sort((a, b) => a - b);
  const bytesPerSecond = bytes / job.seconds;
  return {
    rps: round(all.length / job.seconds, 1),
    mbps: round((bytesPerSecond * 8) / 1e6, 1),
    bytesPerSecond: Math.round(bytesPerSecond),
    p50Ms: round(percentile(all, 0.5)),
    p99Ms: round(percentile(all, 0.99)),
    errors,
    requests: all.length,
    byKind,
    errorSamples: [...errorSamples],
    clientBusy: round(loop.utilization),
  };
}

if (!isMainThread && (workerData as Partial<ClientJob> | null)?.role === CLIENT_ROLE) {
  runClient(workerData as ClientJob).then(
    (result) => parentPort!.postMessage({ result }),
    (error: unknown) => parentPort!.postMessage({ error: String((error as Error)?.stack ?? error) }),
  );
}

// Clock ticks per second of /proc's stat files (USER_HZ), 100 on Linux builds in practice.
const USER_HZ = 100;

/** utime + stime of a /proc/.../stat file in ms; undefined where there is no /proc. */
function cpuMsOf(statFile: string): number | undefined {
  try {
    const stat = readFileSync(statFile, 'utf8');
    // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return undefined;
  }
}

function threadIds(): string[] {
  try {
    return readdirSync('/proc/self/task');
  } catch {
    return [];
  }
}

/** CPU per wall second of a cumulative CPU-ms counter between two points of time. */
function cpuMeter(cpuMs: () => number | undefined): () => number | undefined {
  const [startCpu, startAt] = [cpuMs(), performance.now()];
  let share: number | undefined;
  return () => {
    const endCpu = cpuMs();
    if (share === undefined && startCpu !== undefined && endCpu !== undefined) share = round((endCpu - startCpu) / (performance.now() - startAt));
    return share;
  };
}

/**
 * Runs the client in a worker thread (terminated if it overstays its time) while metering the
 * CPU time of the client thread and of the server (`serverCpuMs`) over the measured window.
 */
async function drive(job: Omit<ClientJob, 'role'>, serverCpuMs: () => number | undefined): Promise<TargetResult> {
  const threadsBefore = new Set(threadIds());
  const worker = new Worker(__filename, { workerData: { ...job, role: CLIENT_ROLE } satisfies ClientJob });
  const limitMs = (job.warmupSeconds + job.seconds) * 1000 + REQUEST_TIMEOUT_MS + 5_000;
  let timer: NodeJS.Timeout | undefined;
  let meters: { server: () => number | undefined; client: () => number | undefined } | undefined;
  let windowEnd: NodeJS.Timeout | undefined;
  const closeWindow = () => ({ serverCpu: meters?.server(), clientCpu: meters?.client() });
  const windowTimer = setTimeout(() => {
    // The threads that appeared with the worker are the client (the thread pool already ran).
    const clientThreads = threadIds().filter((id) => !threadsBefore.has(id));
    const clientCpuMs = () => {
      if (clientThreads.length === 0) return undefined;
      let total = 0;
      for (const id of clientThreads) total += cpuMsOf(`/proc/self/task/${id}/stat`) ?? 0;
      return total;
    };
    meters = { server: cpuMeter(serverCpuMs), client: cpuMeter(clientCpuMs) };
    windowEnd = setTimeout(closeWindow, job.seconds * 1000);
  }, job.warmupSeconds * 1000);
  try {
    const result = await new Promise<TargetResult>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`The load client did not finish within ${limitMs} ms`)), limitMs);
      worker.once('message', (message: { result?: TargetResult; error?: string }) => {
        if (message.result) resolve(message.result);
        else reject(new Error(`The load client failed: ${message.error}`));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The load client exited (${code}) without a result`)));
    });
    const { serverCpu, clientCpu } = closeWindow();
    const serverUsPerRequest = serverCpu === undefined || result.rps === 0 ? undefined : Math.round((serverCpu * 1e6) / result.rps);
    return { ...result, clientCpu, serverCpu, serverUsPerRequest };
  } finally {
    clearTimeout(timer);
    clearTimeout(windowTimer);
    clearTimeout(windowEnd);
    await worker.terminate();
  }
}

// ---------------------------------------------------------------------------------------------
// The live stream and its snapshot

async function fetchOk(url: string, headers: Record<string, string>): Promise<Buffer> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (response.status !== 200) throw new Error(`GET ${new URL(url).pathname} answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

function safeName(name: string): string {
  if (!SAFE_NAME.test(name) || name.startsWith('.')) throw new Error(`Unexpected playlist URI ${JSON.stringify(name)}`);
  return name;
}

/** Waits until every variant lists MIN_SEGMENTS segments, then copies master, variants and segments. */
async function snapshotStream(base: string, masterName: string, headers: Record<string, string>, dir: string, deadline: number): Promise<{ files: number; bytes: number }> {
  const waitStarted = Date.now();
  let lastProblem = 'nothing fetched yet';
  for (;;) {
    try {
      const master = await fetchOk(`${base}${masterName}`, headers);
      const variants = playlistUris(master.toString('utf8')).map(safeName);
      if (variants.length === 0) throw new Error('the master lists no variants yet');
      const files = new Map<string, Buffer>([[masterName, master]]);
      for (const variant of variants) {
        const playlist = await fetchOk(`${base}${variant}`, headers);
        const segments = playlistUris(playlist.toString('utf8')).map(safeName);
        if (segments.length < MIN_SEGMENTS) throw new Error(`${variant} lists ${segments.length} segments`);
        files.set(variant, playlist);
        for (const segment of segments) files.set(segment, await fetchOk(`${base}${segment}`, headers));
      }
      let bytes = 0;
      for (const [name, body] of files) {
        await writeFile(join(dir, name), body);
        bytes += body.length;
      }
      return { files: files.size, bytes };
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`The demo stream was not ready within ${Date.now() - waitStarted} ms: ${lastProblem}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// ---------------------------------------------------------------------------------------------
// nginx

function findNginx(): string {
  const found = findExecutable('nginx') ?? findExecutable('/usr/sbin/nginx');
  if (!found) throw new Error(NGINX_MISSING);
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function nginxConf(dir: string, root: string, port: number): string {
  // master_process off keeps nginx to one process (no orphaned worker if it is killed) and, as
  // root, skips the switch to the `nobody` user that could not read the temp folder.
  return `daemon off;
master_process off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  client_body_temp_path ${join(dir, 'body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  types { application/vnd.apple.mpegurl m3u8; video/mp2t ts; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${port};
    root ${root};
  }
}
`;
}

interface RunningNginx {
  base: string;
  /** CPU time used so far (Linux /proc only; undefined elsewhere). */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

async function startNginx(dir: string, root: string, probeName: string): Promise<RunningNginx> {
  const executable = findNginx();
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  await writeFile(conf, nginxConf(dir, root, port));
  const child: ChildProcess = spawn(executable, ['-p', dir, '-e', join(dir, 'startup.log'), '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));
  child.once('error', (error) => (stderr += error.message));
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exit;
      clearTimeout(timer);
    }
    process.off('exit', killOnExit);
  };

  const base = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + NGINX_READY_MS;
  for (;;) {
    if (exited) {
      const log = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '');
      await stop();
      throw new Error(`nginx exited at start: ${(stderr + log).trim().slice(-1000)}`);
    }
    try {
      await fetchOk(`${base}${probeName}`, {});
      return { base, stop, cpuMs: () => cpuMsOf(`/proc/${child.pid}/stat`) };
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`nginx did not answer within ${NGINX_READY_MS} ms: ${(error as Error).message} ${stderr}`.trim());
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// ---------------------------------------------------------------------------------------------

export async function benchOriginThroughput(options: { players?: number; seconds?: number } = {}): Promise<OriginThroughputResult> {
  const players = options.players ?? DEFAULT_PLAYERS;
  const seconds = options.seconds ?? DEFAULT_SECONDS;
  if (!Number.isInteger(players) || players < 1) throw new RangeError(`players must be a whole number above 0, got ${players}`);
  if (!(seconds > 0 && seconds <= 120)) throw new RangeError(`seconds must be above 0 and at most 120, got ${seconds}`);
  findNginx();
  const started = Date.now();

  const { startSandbox } = await import('../src/sandbox/sandbox');
  const { startDemoStream } = await import('../src/sandbox/demoStream');
  const work = await mkdtemp(join(tmpdir(), 'origin-bench-'));
  const sandboxDir = join(work, 'sandbox');
  const root = join(work, 'www');
  const nginxDir = join(work, 'nginx');
  const removeWorkOnExit = () => rmSync(work, { recursive: true, force: true });
  process.on('exit', removeWorkOnExit);
  let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined;
  let nginx: RunningNginx | undefined;
  try {
    await Promise.all([mkdir(sandboxDir), mkdir(root), mkdir(nginxDir)]);
    sandbox = await startSandbox({ dir: sandboxDir });
    await startDemoStream(sandbox);
    const { httpEndpoint, namespace, playerKey } = sandbox.info.momento;
    const momentoBase = `${httpEndpoint}/cache/${namespace}/`;
    const masterName = `${sandbox.config.medialive.manifestName}.m3u8`;
    const headers = { authorization: playerKey };
    const loadMs = 4 * (WARMUP_SECONDS + seconds) * 1000 + 5_000;
    const streamDeadline = Math.min(Date.now() + STREAM_WAIT_MS, Math.max(Date.now() + 10_000, started + RUN_BUDGET_MS - loadMs));
    const snapshot = await snapshotStream(momentoBase, masterName, headers, root, streamDeadline);
    nginx = await startNginx(nginxDir, root, masterName);

    // The encoder keeps running during the nginx run too, so both see the same background load.
    const common = { masterName, players, seconds, warmupSeconds: WARMUP_SECONDS };
    // The emulator's HTTP server runs on this thread (its id is the process id), which only waits
    // for the client meanwhile.
    const momento = await drive({ ...common, base: momentoBase, headers }, () => cpuMsOf(`/proc/self/task/${process.pid}/stat`));
    const nginxResult = await drive({ ...common, base: nginx.base, headers: {} }, nginx.cpuMs);
    const periodMs = sandbox.config.stream.segmentLengthSeconds * 1000;
    const pacedMomento = await drive({ ...common, base: momentoBase, headers, periodMs }, () => cpuMsOf(`/proc/self/task/${process.pid}/stat`));
    const pacedNginx = await drive({ ...common, base: nginx.base, headers: {}, periodMs }, nginx.cpuMs);
    const ratio = nginxResult.rps > 0 ? round(momento.rps / nginxResult.rps, 3) : NaN;
    return {
      players,
      seconds,
      momento,
      nginx: nginxResult,
      paced: { periodMs, momento: pacedMomento, nginx: pacedNginx },
      ratio,
      targets: ORIGIN_TARGETS,
      meetsTargets: { p99: pacedMomento.p99Ms < ORIGIN_TARGETS.p99Ms, ratio: ratio >= ORIGIN_TARGETS.ratio },
      snapshot,
    };
  } finally {
    await nginx?.stop().catch(() => undefined);
    await sandbox?.close().catch(() => undefined);
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
    process.off('exit', removeWorkOnExit);
  }
}
