// Extension host memory with the player and its live manifest inspector open on a 24-hour playlist
// for five minutes, measured by test/integration/bench/hostMemory.test.ts in one real extension host
// (code-server). This process serves the stream on 127.0.0.1: a master and one variant of 43,200
// segments of 2 s with program date time (3.5 MB), sliding one segment every 2 s by the clock, and
// segments of MPEG-TS null packets (valid for the inspector's checks, no picture for the page).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '../test/runners/codeServer';

const SEGMENTS = 43_200;
const SEGMENT_SECONDS = 2;
const SEGMENT_BYTES = 188 * 1000;
const BANDWIDTH = 1_000_000;
const NAMESPACE = 'bench-24h';
const RUN_SECONDS = 300;
/** The slope is taken over this last part of the run. */
const SLOPE_SECONDS = 180;

interface MemorySample { atS: number; rssMb: number; heapUsedMb: number; externalMb: number }

export interface HostMemoryResult {
  runSeconds: number;
  gc: boolean;
  baseline: { rssMb: number; heapUsedMb: number };
  /** Last sample minus the baseline. */
  addedRssMb: number;
  addedHeapMb: number;
  /** Largest sample minus the baseline. */
  peakAddedRssMb: number;
  /** Least-squares slope over the last SLOPE_SECONDS, MB per minute. */
  rssSlopeMbPerMin: number;
  heapSlopeMbPerMin: number;
  samples: MemorySample[];
  windowSegments: number;
  /** Finding codes the inspector counted on the stream. */
  findings: string[];
  playlistRequests: number;
  /** The player page's state at the end (its playback has no picture to decode). */
  page?: string;
}

/** The sliding 24-hour stream; the variant text is built once per media sequence. */
export async function serveLive24h(): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  const epoch = Date.now() - SEGMENTS * SEGMENT_SECONDS * 1000;
  let cached: { sequence: number; body: Buffer } | undefined;
  let playlistRequests = 0;
  const variant = (sequence: number): Buffer => {
    if (cached?.sequence === sequence) return cached.body;
    const lines = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${SEGMENT_SECONDS}`, `#EXT-X-MEDIA-SEQUENCE:${sequence}`];
    for (let i = sequence; i < sequence + SEGMENTS; i++) {
      lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(epoch + i * SEGMENT_SECONDS * 1000).toISOString()}`, `#EXTINF:${SEGMENT_SECONDS}.00000,`, `playlist_480p30_${String(i).padStart(6, '0')}.ts`);
    }
    cached = { sequence, body: Buffer.from(`${lines.join('\n')}\n`) };
    return cached.body;
  };
  const segment = Buffer.alloc(SEGMENT_BYTES);
  for (let i = 0; i < SEGMENT_BYTES; i += 188) segment.set([0x47, 0x1f, 0xff, 0x10], i);
  const master = Buffer.from(`#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-STREAM-INF:BANDWIDTH=${BANDWIDTH},AVERAGE-BANDWIDTH=${BANDWIDTH},RESOLUTION=854x480,CODECS="avc1.4d401f,mp4a.40.2"\nplaylist_480p30.m3u8\n`);
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const send = (type: string, body: Buffer) => res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store' }).end(body);
    if (path === `/cache/${NAMESPACE}/playlist.m3u8`) {
      send('application/vnd.apple.mpegurl', master);
    } else if (path === `/cache/${NAMESPACE}/playlist_480p30.m3u8`) {
      playlistRequests++;
      // The window ends at the last complete segment.
      send('application/vnd.apple.mpegurl', variant(Math.floor((Date.now() - epoch) / (SEGMENT_SECONDS * 1000)) - SEGMENTS));
    } else if (/^\/cache\/[^/]+\/playlist_480p30_\d+\.ts$/.test(path)) {
      send('video/mp2t', segment);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/cache/${NAMESPACE}/playlist.m3u8`,
    requests: () => playlistRequests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function slope(samples: MemorySample[], value: (s: MemorySample) => number): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = samples.reduce((sum, s) => sum + s.atS, 0) / n;
  const my = samples.reduce((sum, s) => sum + value(s), 0) / n;
  const sxy = samples.reduce((sum, s) => sum + (s.atS - mx) * (value(s) - my), 0);
  const sxx = samples.reduce((sum, s) => sum + (s.atS - mx) ** 2, 0);
  return sxx === 0 ? 0 : (sxy / sxx) * 60;
}

export async function benchHostMemory(root: string, runSeconds = RUN_SECONDS): Promise<HostMemoryResult> {
  const dir = mkdtempSync(join(tmpdir(), 'live-origin-memory-bench-'));
  const out = join(dir, 'memory.json');
  const stream = await serveLive24h();
  try {
    // Asynchronously: this process serves the stream meanwhile.
    const child = spawn(process.execPath, [join(root, 'out', 'test', 'runners', 'code-server.js')], {
      cwd: root,
      env: {
        ...process.env,
        LIVE_ORIGIN_TEST_SUITE: 'bench',
        LIVE_ORIGIN_TEST_GREP: 'hostMemory',
        LIVE_ORIGIN_TEST_WORKSPACE: 'empty-workspace',
        LIVE_ORIGIN_TEST_TIMEOUT_S: String(runSeconds + 240),
        LIVE_ORIGIN_BENCH_OUT: out,
        LIVE_ORIGIN_BENCH_STREAM: stream.url,
        LIVE_ORIGIN_BENCH_MEMORY_S: String(runSeconds),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-8000); });
    child.stderr.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-8000); });
    const kill = setTimeout(() => child.kill('SIGTERM'), (runSeconds + 300) * 1000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(kill);
    if (code !== 0) throw new Error(`host memory benchmark failed (exit ${code}):\n${output}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      gc: boolean; baseline: MemorySample[]; samples: MemorySample[]; inspector?: { windowSegments?: number; findings: string[] }; page?: string;
    };
    const base = result.baseline.at(-1)!;
    const last = result.samples.at(-1)!;
    const tail = result.samples.filter((s) => s.atS >= last.atS - SLOPE_SECONDS);
    return {
      runSeconds,
      gc: result.gc,
      baseline: { rssMb: base.rssMb, heapUsedMb: base.heapUsedMb },
      addedRssMb: last.rssMb - base.rssMb,
      addedHeapMb: last.heapUsedMb - base.heapUsedMb,
      peakAddedRssMb: Math.max(...result.samples.map((s) => s.rssMb)) - base.rssMb,
      rssSlopeMbPerMin: slope(tail, (s) => s.rssMb),
      heapSlopeMbPerMin: slope(tail, (s) => s.heapUsedMb),
      samples: result.samples,
      windowSegments: result.inspector?.windowSegments ?? 0,
      findings: result.inspector?.findings ?? [],
      playlistRequests: stream.requests(),
      page: result.page,
    };
  } finally {
    await stream.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchHostMemory(findRepoRoot(process.cwd()), Number(process.argv[2]) || RUN_SECONDS).then((result) => console.log(JSON.stringify(result, null, 2)), (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
