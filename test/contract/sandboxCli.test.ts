// `live-origin sandbox --json` as scripts and the extension use it: the built CLI in a child
// process, its one JSON line, the stream it starts, and a clean stop on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { CloudFrontClient, GetDistributionCommand } from '@aws-sdk/client-cloudfront';
import { DescribeChannelCommand, MediaLiveClient } from '@aws-sdk/client-medialive';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { defaultPasswordParam } from '../../src/config/destinationUrl';
import { repoRoot } from './repoRoot';

const START_TIMEOUT_MS = 45_000;
const STOP_TIMEOUT_MS = 10_000;
const LOOPBACK_URL = /^http:\/\/127\.0\.0\.1:(\d+)$/;
const LOOPBACK_HOST_PORT = /^127\.0\.0\.1:(\d+)$/;

const CLI = path.join(repoRoot(), 'dist', 'cli.js');

interface SandboxLine {
  momento: { grpcEndpoint: string; httpEndpoint: string; apiKey: string; encoderKey: string; playerKey: string; namespace: string };
  medialive: { endpoint: string; region: string };
  cloudfront: { endpoint: string; edge: string };
  ssm: { endpoint: string };
  aws: { accessKeyId: string; secretAccessKey: string };
  liveOriginJson: string;
  stream: { channelId: string; distributionId: string; domainName: string; playbackUrl: string; playerUrl: string };
}

interface Exit { code: number | null; signal: NodeJS.Signals | null }

function startCli(args: string[], stdin: 'ignore' | 'pipe' = 'ignore', env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: [stdin, 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

type Cli = ReturnType<typeof startCli>;

async function firstLine(cli: Cli, timeoutMs = START_TIMEOUT_MS): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let exit: Exit | undefined;
  void cli.exited.then((value) => { exit = value; });
  while (!cli.stdout().includes('\n')) {
    if (exit) assert.fail(`the sandbox exited (${exit.code ?? exit.signal}) before its JSON line; stderr:\n${cli.stderr()}`);
    if (Date.now() > deadline) assert.fail(`no JSON line within ${timeoutMs} ms; stderr:\n${cli.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return cli.stdout().slice(0, cli.stdout().indexOf('\n'));
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function procStat(pid: number): { ppid: number; comm: string; state: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm is parenthesized and may itself contain spaces or parentheses.
    const close = stat.lastIndexOf(')');
    const [state, ppid] = stat.slice(close + 2).split(' ');
    return { ppid: Number(ppid), comm: stat.slice(stat.indexOf('(') + 1, close), state };
  } catch {
    return undefined;
  }
}

function descendants(root: number): { pid: number; comm: string }[] {
  const all = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  const children = new Map<number, { pid: number; comm: string }[]>();
  for (const pid of all) {
    const stat = procStat(pid);
    if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), { pid, comm: stat.comm }]);
  }
  const found: { pid: number; comm: string }[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

function alive(pid: number, comm: string): boolean {
  const stat = procStat(pid);
  return stat !== undefined && stat.comm === comm && stat.state !== 'Z';
}

interface Response { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${url} timed out`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The URI lines of a playlist (variants of a master, segments of a media playlist). */
function uris(playlist: string): string[] {
  return playlist.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

function withoutQuery(uri: string): string {
  return uri.split('?')[0];
}

async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('live-origin sandbox (CLI)', function () {
  before(function () {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
  });

  it('rejects an unknown option with exit status 2 and a message', async function () {
    this.timeout(15_000);
    const cli = startCli(['sandbox', '--bogus']);
    const exit = await within(cli.exited, 10_000, 'the usage error');
    assert.deepEqual(exit, { code: 2, signal: null });
    assert.match(cli.stderr(), /Unknown option --bogus/);
    assert.match(cli.stderr(), /live-origin sandbox \[--json\]/);
    assert.equal(cli.stdout(), '');
  });

  describe('without ffmpeg on PATH', function () {
    let emptyPath: string;
    before(async () => { emptyPath = await mkdtemp(path.join(os.tmpdir(), 'live-origin-no-ffmpeg-')); });
    after(async () => { await rm(emptyPath, { recursive: true, force: true }); });

    it('prints one line naming the fix, no stack trace, and exits 2', async function () {
      this.timeout(15_000);
      const cli = startCli(['sandbox', '--json'], 'ignore', { PATH: emptyPath });
      const exit = await within(cli.exited, 10_000, 'the failure');
      assert.deepEqual(exit, { code: 2, signal: null });
      assert.equal(cli.stdout(), '');
      const lines = cli.stderr().trimEnd().split('\n');
      assert.equal(lines.length, 1, `one line, got:\n${cli.stderr()}`);
      assert.match(lines[0], /^live-origin: .*ffmpeg.*apt-get install ffmpeg/);
    });

    it('adds the stack trace with --debug', async function () {
      this.timeout(15_000);
      const cli = startCli(['sandbox', '--json', '--debug'], 'ignore', { PATH: emptyPath });
      assert.deepEqual(await within(cli.exited, 10_000, 'the failure'), { code: 2, signal: null });
      assert.match(cli.stderr(), /apt-get install ffmpeg[^\n]*\n[^\n]*Error[^\n]*\n\s+at /);
    });
  });

  describe('--json with the demo stream', function () {
    let dir: string;
    let cli: Cli;
    let info: SandboxLine;
    let ffmpegs: { pid: number; comm: string }[] = [];

    before(async function () {
      this.timeout(START_TIMEOUT_MS + 5_000);
      dir = await mkdtemp(path.join(os.tmpdir(), 'live-origin-cli-'));
      cli = startCli(['sandbox', '--json', '--dir', dir]);
      const line = await firstLine(cli);
      info = JSON.parse(line) as SandboxLine;
    });

    after(async function () {
      this.timeout(STOP_TIMEOUT_MS + 5_000);
      if (cli && cli.child.exitCode === null && cli.child.signalCode === null) {
        cli.child.kill('SIGKILL');
        await within(cli.exited, 5_000, 'SIGKILL').catch(() => undefined);
      }
      for (const { pid, comm } of ffmpegs) if (alive(pid, comm)) process.kill(pid, 'SIGKILL');
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('prints one JSON line with loopback endpoints, distinct keys and the stream', function () {
      assert.deepEqual(Object.keys(info).sort(), ['aws', 'cloudfront', 'liveOriginJson', 'medialive', 'momento', 'ssm', 'stream']);
      assert.deepEqual(Object.keys(info.aws).sort(), ['accessKeyId', 'secretAccessKey']);
      assert.match(info.aws.accessKeyId, /^AKIA[A-Z0-9]{16}$/);
      assert.equal(info.aws.secretAccessKey.length, 40);
      assert.deepEqual(Object.keys(info.momento).sort(), ['apiKey', 'encoderKey', 'grpcEndpoint', 'httpEndpoint', 'namespace', 'playerKey']);
      assert.deepEqual(Object.keys(info.medialive).sort(), ['endpoint', 'region']);
      assert.deepEqual(Object.keys(info.cloudfront).sort(), ['edge', 'endpoint']);
      assert.deepEqual(Object.keys(info.ssm), ['endpoint']);
      assert.deepEqual(Object.keys(info.stream).sort(), ['channelId', 'distributionId', 'domainName', 'playbackUrl', 'playerUrl']);

      const ports = [
        info.momento.grpcEndpoint.match(LOOPBACK_HOST_PORT)?.[1],
        ...[info.momento.httpEndpoint, info.medialive.endpoint, info.cloudfront.endpoint, info.cloudfront.edge, info.ssm.endpoint]
          .map((url) => url.match(LOOPBACK_URL)?.[1]),
      ];
      for (const port of ports) {
        assert.ok(port !== undefined && Number(port) > 0 && Number(port) < 65536, `not a loopback endpoint with a port: ${JSON.stringify(info)}`);
      }
      assert.equal(new Set(ports).size, ports.length, 'every service listens on its own port');

      const { apiKey, encoderKey, playerKey, namespace } = info.momento;
      for (const key of [apiKey, encoderKey, playerKey]) assert.ok(typeof key === 'string' && key.length >= 16);
      assert.equal(new Set([apiKey, encoderKey, playerKey]).size, 3, 'admin, encoder and player keys differ');
      assert.equal(namespace, 'live-origin');
      assert.match(info.medialive.region, /^[a-z]{2}-[a-z]+-\d$/);

      assert.ok(path.isAbsolute(info.liveOriginJson));
      assert.equal(info.liveOriginJson, path.join(dir, 'live-origin.json'));
      assert.ok(existsSync(info.liveOriginJson));

      const { channelId, distributionId, domainName, playbackUrl, playerUrl } = info.stream;
      assert.match(channelId, /^\d+$/);
      assert.match(distributionId, /^E[A-Z0-9]+$/);
      assert.match(domainName, /^d[a-z0-9]+\.cloudfront\.net$/);
      const edgePort = info.cloudfront.edge.match(LOOPBACK_URL)![1];
      const base = `http://${domainName.split('.')[0]}.localhost:${edgePort}`;
      assert.equal(playbackUrl, `${base}/playlist.m3u8`);
      assert.equal(playerUrl, `${base}/player.html`);
    });

    it('writes a live-origin.json that `check` passes with no error and no warning', async function () {
      this.timeout(15_000);
      const check = startCli(['check', info.liveOriginJson, '--format', 'json']);
      const exit = await within(check.exited, 10_000, 'check');
      assert.deepEqual(exit, { code: 0, signal: null }, check.stderr());
      assert.deepEqual(JSON.parse(check.stdout()), []);
    });

    it('lets the player key read the master playlist, which lists 3 variants', async function () {
      this.timeout(25_000);
      const { httpEndpoint, namespace, playerKey } = info.momento;
      // The JSON line promises a playable stream: the master is there the moment it is printed.
      const response = await request(`${httpEndpoint}/cache/${namespace}/playlist.m3u8`, { headers: { authorization: playerKey } });
      assert.equal(response.status, 200, response.body.toString());
      const master = response.body.toString('utf8');
      assert.match(master, /^#EXTM3U/);
      assert.equal(master.match(/^#EXT-X-STREAM-INF:/gm)?.length, 3, master);
      // Like MediaLive, the encoder copies its destination's query string into the URIs.
      assert.deepEqual(uris(master).map(withoutQuery).sort(), ['playlist_240p30.m3u8', 'playlist_480p30.m3u8', 'playlist_720p30.m3u8']);
      assert.doesNotMatch(master, /token=/, 'credentials mode keeps keys out of the playlists');
    });

    it('refuses a PUT with the player key (403) and takes it with the encoder key', async function () {
      this.timeout(15_000);
      const { httpEndpoint, namespace, playerKey, encoderKey } = info.momento;
      const url = `${httpEndpoint}/cache/${namespace}/cli-test-object.txt?ttl_seconds=60`;
      const refused = await request(url, { method: 'PUT', headers: { authorization: playerKey }, body: 'player' });
      assert.equal(refused.status, 403, refused.body.toString());
      const taken = await request(url, { method: 'PUT', headers: { authorization: encoderKey }, body: 'encoder' });
      assert.equal(taken.status, 204, taken.body.toString());
    });

    it('answers MediaLive, CloudFront and SSM signed with the printed keys, and refuses them unsigned', async function () {
      this.timeout(15_000);
      const credentials = info.aws;
      const medialive = new MediaLiveClient({ region: info.medialive.region, endpoint: info.medialive.endpoint, credentials, maxAttempts: 1 });
      const cloudfront = new CloudFrontClient({ region: 'us-east-1', endpoint: info.cloudfront.endpoint, credentials, maxAttempts: 1 });
      const ssm = new SSMClient({ region: info.medialive.region, endpoint: info.ssm.endpoint, credentials, maxAttempts: 1 });
      try {
        assert.equal((await medialive.send(new DescribeChannelCommand({ ChannelId: info.stream.channelId }))).State, 'RUNNING');
        assert.equal((await cloudfront.send(new GetDistributionCommand({ Id: info.stream.distributionId }))).Distribution?.Id, info.stream.distributionId);
        const param = defaultPasswordParam(info.momento.namespace);
        assert.equal((await ssm.send(new GetParameterCommand({ Name: param, WithDecryption: true }))).Parameter?.Value, info.momento.encoderKey);

        const unsigned = await request(info.ssm.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.GetParameter' },
          body: JSON.stringify({ Name: param, WithDecryption: true }),
        });
        assert.equal(unsigned.status, 400);
        assert.ok(!unsigned.body.toString().includes(info.momento.encoderKey), 'an unsigned GetParameter returned the encoder key');
        for (const endpoint of [`${info.medialive.endpoint}/prod/channels`, `${info.cloudfront.endpoint}/2020-05-31/distribution`]) {
          assert.equal((await request(endpoint)).status, 403, endpoint);
        }
      } finally {
        medialive.destroy();
        cloudfront.destroy();
        ssm.destroy();
      }
    });

    it('serves the master and the player page, and caches segments at the edge (Miss, then Hit)', async function () {
      this.timeout(25_000);
      const { edge } = info.cloudfront;
      const host = info.stream.domainName;
      const viaEdge = (file: string) => request(`${edge}/${file}`, { headers: { host } });

      const master = await viaEdge('playlist.m3u8');
      assert.equal(master.status, 200, master.body.toString());
      const variants = uris(master.body.toString('utf8'));
      assert.equal(variants.length, 3);

      const page = await viaEdge('player.html');
      assert.equal(page.status, 200);
      assert.match(String(page.headers['content-type']), /^text\/html/, 'browsers render the player page rather than download it');

      const segment = await poll('a segment in the variant playlist', 20_000, async () => {
        const variant = await viaEdge(variants[0]);
        assert.equal(variant.status, 200, variant.body.toString());
        return uris(variant.body.toString('utf8')).filter((uri) => withoutQuery(uri).endsWith('.ts')).at(-1);
      });
      const first = await viaEdge(segment);
      assert.equal(first.status, 200, first.body.toString());
      assert.equal(first.headers['x-cache'], 'Miss from cloudfront');
      assert.equal(first.body[0], 0x47, 'an MPEG-TS segment starts with the sync byte');
      assert.equal(first.body.length % 188, 0, 'an MPEG-TS segment is made of 188-byte packets');
      const second = await viaEdge(segment);
      assert.equal(second.status, 200);
      assert.equal(second.headers['x-cache'], 'Hit from cloudfront');
      assert.ok(second.body.equals(first.body));
    });

    it('stops on SIGTERM with exit status 0 and leaves no ffmpeg behind', async function () {
      this.timeout(STOP_TIMEOUT_MS + 5_000);
      ffmpegs = descendants(cli.child.pid!).filter(({ comm }) => comm === 'ffmpeg');
      assert.ok(ffmpegs.length > 0, 'the running channel has an ffmpeg encoder under the sandbox process');
      cli.child.kill('SIGTERM');
      const exit = await within(cli.exited, STOP_TIMEOUT_MS, 'stopping on SIGTERM');
      assert.deepEqual(exit, { code: 0, signal: null }, cli.stderr());
      const left = ffmpegs.filter(({ pid, comm }) => alive(pid, comm));
      assert.deepEqual(left, [], 'ffmpeg processes outlived the sandbox');
    });
  });

  // The extension keeps stdin open as a lifeline and stops the sandbox with SIGTERM.
  it('stops on SIGTERM with --exit-on-stdin-close while stdin is still open', async function () {
    this.timeout(START_TIMEOUT_MS);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'live-origin-cli-'));
    const cli = startCli(['sandbox', '--json', '--no-stream', '--exit-on-stdin-close', '--dir', dir], 'pipe');
    try {
      const info = JSON.parse(await firstLine(cli, 20_000)) as Partial<SandboxLine>;
      assert.equal(info.stream, undefined);
      cli.child.kill('SIGTERM');
      assert.deepEqual(await within(cli.exited, STOP_TIMEOUT_MS, 'stopping on SIGTERM'), { code: 0, signal: null });
    } finally {
      if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stops when its stdin closes with --exit-on-stdin-close', async function () {
    this.timeout(START_TIMEOUT_MS);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'live-origin-cli-'));
    const cli = startCli(['sandbox', '--json', '--no-stream', '--exit-on-stdin-close', '--dir', dir], 'pipe');
    try {
      await firstLine(cli, 20_000);
      cli.child.stdin!.end();
      assert.deepEqual(await within(cli.exited, STOP_TIMEOUT_MS, 'stopping when stdin closed'), { code: 0, signal: null });
    } finally {
      if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
});
