// The live inspector against the real sandbox: the ffmpeg channel encoding, the Momento origin and
// the CloudFront edge serving it. Healthy, it reports no error through the edge or from the origin
// (core and command line); stopped, it reports the stale playlists within two target durations.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DescribeChannelCommand, MediaLiveClient, StartChannelCommand, StopChannelCommand } from '@aws-sdk/client-medialive';
import { liveHttpFetch } from '../../src/net/liveHttpFetch';
import type { LiveFinding } from '../../src/live/findingLog';
import { LiveInspector } from '../../src/live/inspector';
import { startDemoStream, type DemoStream } from '../../src/sandbox/demoStream';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/sandbox';
import { until } from './until';
import { repoRoot } from './repoRoot';

const TARGET_MS = 2000;
const WATCH_MS = 8000;

interface CliRun { code: number | null; stdout: string; stderr: string }

function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<CliRun> {
  const child = spawn(process.execPath, [path.join(repoRoot(), 'dist', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => child.once('close', (code) => {
    clearTimeout(timer);
    resolve({ code, stdout, stderr });
  }));
}

async function watchFor(inspector: LiveInspector, ms: number): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    await inspector.watch(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

const errorsOf = (history: readonly LiveFinding[]) => history.filter((finding) => finding.severity === 'error');

describe('live inspector against the sandbox stream', function () {
  this.timeout(60_000);
  let dir: string | undefined;
  let sandbox: RunningSandbox | undefined;
  let stream: DemoStream;
  let originMaster: string;
  let originFetch: ReturnType<typeof liveHttpFetch>;

  before(async function () {
    this.timeout(90_000);
    dir = await mkdtemp(path.join(os.tmpdir(), 'live-origin-inspect-'));
    sandbox = await startSandbox({ dir: path.join(dir, 'workspace') });
    stream = await startDemoStream(sandbox);
    const { httpEndpoint, namespace, playerKey } = sandbox.info.momento;
    originMaster = `${httpEndpoint}/cache/${namespace}/${sandbox.config.medialive.manifestName}.m3u8`;
    originFetch = liveHttpFetch({ authorization: { origin: new URL(httpEndpoint).origin, value: playerKey } });
  });

  after(async function () {
    this.timeout(30_000);
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function assertHealthy(inspector: LiveInspector, where: string): void {
    const view = inspector.view();
    assert.deepEqual(errorsOf(view.history), [], `${where}: ${JSON.stringify(view.history, null, 1)}`);
    assert.equal(view.renditions.length, sandbox!.config.stream.ladder.length, where);
    for (const rendition of view.renditions) {
      assert.equal(rendition.targetDuration, TARGET_MS / 1000, rendition.url);
      assert.ok((rendition.windowSegments ?? 0) >= 3, `${rendition.url}: ${rendition.windowSegments} segments`);
      assert.ok((rendition.lastUpdateAgeMs ?? Infinity) < 2 * TARGET_MS, `${rendition.url} last advanced ${rendition.lastUpdateAgeMs} ms ago`);
      assert.ok(rendition.segmentsMeasured >= 2, `${rendition.url}: ${rendition.segmentsMeasured} segments measured`);
      assert.ok((rendition.measuredPeakKbps ?? 0) > 0 && rendition.bandwidth !== undefined, rendition.url);
    }
    const warnings = [...new Set(view.history.map((finding) => finding.code))];
    console.log(`      ${where}: ${view.renditions.map((r) => `${r.resolution} peak ${r.measuredPeakKbps} of ${Math.round(r.bandwidth! / 1000)} kbps`).join(', ')}; warnings: ${warnings.join(', ') || 'none'}`);
  }

  it('reports no error on the healthy stream through the distribution (no key)', async () => {
    const inspector = new LiveInspector({ url: stream.playbackUrl, fetch: liveHttpFetch() });
    await watchFor(inspector, WATCH_MS);
    assertHealthy(inspector, 'edge');
  });

  it('reports no error on the healthy stream from the origin with the player key', async () => {
    const inspector = new LiveInspector({ url: originMaster, fetch: originFetch });
    await watchFor(inspector, WATCH_MS);
    assertHealthy(inspector, 'origin');
  });

  it('explains the origin\'s 401 when no player key is sent', async () => {
    const inspector = new LiveInspector({ url: originMaster, fetch: liveHttpFetch() });
    await inspector.snapshot();
    const [failed] = inspector.view().history;
    assert.equal(failed.code, 'live-fetch-failed');
    assert.match(failed.message, /HTTP 401: the key was refused/);
  });

  it('live-origin inspect prints JSON and exits 0 on the healthy stream, never printing the key', async () => {
    const { playerKey, encoderKey } = sandbox!.info.momento;
    const watched = await runCli(['inspect', originMaster, '--watch', '4', '--format', 'json'], { LIVE_ORIGIN_PLAYER_KEY: playerKey }, 20_000);
    const snapshot = await runCli(['inspect', stream.playbackUrl, '--format', 'json'], { LIVE_ORIGIN_PLAYER_KEY: playerKey }, 20_000);
    for (const run of [watched, snapshot]) {
      assert.equal(run.code, 0, `exit ${run.code}\n${run.stdout}\n${run.stderr}`);
      const findings = JSON.parse(run.stdout) as Record<string, unknown>[];
      assert.ok(Array.isArray(findings));
      for (const finding of findings) {
        assert.deepEqual(Object.keys(finding).sort(), ['code', 'message', 'playlist', 'severity', 'time']);
        assert.notEqual(finding.severity, 'error', JSON.stringify(finding));
      }
      for (const key of [playerKey, encoderKey]) assert.ok(!run.stdout.includes(key) && !run.stderr.includes(key), 'a key was printed');
    }
  });

  /** Watches the origin until every variant has been read, stops the encoder, and waits for three stale findings. */
  async function staleAfter(stop: () => Promise<void>): Promise<{ delays: number[]; messages: string[] }> {
    const inspector = new LiveInspector({ url: originMaster, fetch: originFetch });
    const controller = new AbortController();
    const watching = inspector.watch(controller.signal);
    try {
      await until('every variant advancing', () => {
        const renditions = inspector.view().renditions;
        return renditions.length === 3 && renditions.every((r) => r.segmentsMeasured >= 1) ? true : undefined;
      }, 20_000);
      assert.deepEqual(errorsOf(inspector.view().history), []);
      const stoppedAt = Date.now();
      await stop();
      const stale = await until('every variant reported stale', () => {
        const found = inspector.view().history.filter((finding) => finding.code === 'live-stale-playlist' && finding.time >= stoppedAt);
        return new Set(found.map((finding) => finding.playlist)).size === 3 ? found : undefined;
      }, 6 * TARGET_MS);
      return { delays: stale.map((finding) => finding.time - stoppedAt), messages: stale.map((finding) => finding.message) };
    } finally {
      controller.abort();
      await watching;
    }
  }

  async function medialive<T>(use: (client: MediaLiveClient) => Promise<T>): Promise<T> {
    const client = new MediaLiveClient({ region: sandbox!.info.medialive.region, endpoint: sandbox!.info.medialive.endpoint, credentials: { ...sandbox!.info.aws } });
    try {
      return await use(client);
    } finally {
      client.destroy();
    }
  }

  it('reports live-stale-playlist for every variant within two target durations of StopChannel', async function () {
    this.timeout(40_000);
    const { delays, messages } = await staleAfter(() => medialive(async (client) => { await client.send(new StopChannelCommand({ ChannelId: stream.channelId })); }));
    console.log(`      stale ${delays.join(', ')} ms after StopChannel (${messages[0].slice(0, 50)}...)`);
    for (const delay of delays) assert.ok(delay <= 2 * TARGET_MS, `reported ${delay} ms after the stop`);
  });

  it('reports live-stale-playlist when the encoder dies without ending its playlists: 1.5 target durations after the last segment seen', async function () {
    this.timeout(60_000);
    await medialive(async (client) => {
      await until('the channel to be idle', async () => ((await client.send(new DescribeChannelCommand({ ChannelId: stream.channelId }))).State === 'IDLE' ? true : undefined), 15_000);
      await client.send(new StartChannelCommand({ ChannelId: stream.channelId }));
    });
    const pid = await until('the restarted encoder', () => sandbox!.medialive.channels().find((channel) => channel.id === stream.channelId)?.pid, 15_000);
    const variants = sandbox!.config.stream.ladder.map((rung) => originMaster.replace(/\.m3u8$/, `${rung.nameModifier}.m3u8`));
    await until('live playlists from the restarted encoder (the stopped one ended them)', async () => {
      const bodies = await Promise.all(variants.map(async (url) => String((await originFetch(url)).body)));
      return bodies.every((body) => body.includes('#EXTINF') && !body.includes('#EXT-X-ENDLIST')) ? true : undefined;
    }, 20_000);
    const { delays, messages } = await staleAfter(async () => { process.kill(pid, 'SIGKILL'); });
    console.log(`      stale ${delays.join(', ')} ms after ffmpeg was killed (${messages[0].slice(0, 50)}...)`);
    assert.ok(messages.every((message) => /No new segment for/.test(message)), messages.join('\n'));
    // The last segment is seen up to one target duration after it is written, then 1.5 more.
    for (const delay of delays) assert.ok(delay <= 2.5 * TARGET_MS + 500, `reported ${delay} ms after the kill`);
  });
});
