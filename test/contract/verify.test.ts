// `live-origin verify` against the real sandbox: the ffmpeg channel encoding into the Momento
// origin, the CloudFront edge in front, the distribution found through the CloudFront API. It passes
// on the healthy stream and fails at the guide's step with the guide's cause when the player key is
// wrong, when the distribution's origin lacks the Authorization header, and when the channel stops.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CloudFrontClient, GetDistributionCommand, GetDistributionConfigCommand, UpdateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { DescribeChannelCommand, MediaLiveClient, StopChannelCommand } from '@aws-sdk/client-medialive';
import { sandboxStateFile, sandboxStateOf, writeSandboxState } from '../../src/cloud/sandboxState';
import type { StepResult, VerifyReport } from '../../src/verify/report';
import { startDemoStream, type DemoStream } from '../../src/sandbox/demoStream';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/sandbox';
import { repoRoot } from './repoRoot';
import { until } from './until';

interface CliRun { code: number | null; stdout: string; stderr: string }

function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<CliRun> {
  const child = spawn(process.execPath, [path.join(repoRoot(), 'dist', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LANG: 'C', ...env } });
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

const statuses = (report: VerifyReport) => report.steps.map((step) => step.status).join(' ');

describe('live-origin verify against the sandbox stream', function () {
  this.timeout(60_000);
  let dir: string;
  let sandbox: RunningSandbox | undefined;
  let stream: DemoStream;
  let stateHome: string;

  before(async function () {
    this.timeout(90_000);
    dir = await mkdtemp(path.join(os.tmpdir(), 'live-origin-verify-'));
    sandbox = await startSandbox({ dir: path.join(dir, 'workspace') });
    stream = await startDemoStream(sandbox);
    // `--target sandbox` finds this sandbox through its state file, as it finds `live-origin sandbox`.
    stateHome = path.join(dir, 'state');
    writeSandboxState(sandboxStateOf(sandbox.info, process.pid), sandboxStateFile({ XDG_STATE_HOME: stateHome }));
  });

  after(async function () {
    this.timeout(30_000);
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Runs verify on the sandbox's live-origin.json with `playerKey`; checks the output's shape and that no key leaks. */
  async function verifyWith(playerKey: string, expectedCode: number): Promise<{ report: VerifyReport; step: (id: StepResult['id']) => StepResult }> {
    const run = await runCli(['verify', sandbox!.info.liveOriginJson, '--target', 'sandbox', '--format', 'json'], { LIVE_ORIGIN_PLAYER_KEY: playerKey, XDG_STATE_HOME: stateHome });
    assert.equal(run.code, expectedCode, `exit ${run.code}\n${run.stdout}\n${run.stderr}`);
    for (const key of [sandbox!.info.momento.playerKey, sandbox!.info.momento.encoderKey, playerKey]) {
      assert.ok(!run.stdout.includes(key) && !run.stderr.includes(key), 'a key was printed');
    }
    const report = JSON.parse(run.stdout) as VerifyReport;
    for (const step of report.steps) {
      for (const field of Object.keys(step)) assert.ok(['id', 'title', 'status', 'url', 'httpStatus', 'detail', 'causes', 'fix'].includes(field), field);
    }
    return { report, step: (id) => report.steps.find((step) => step.id === id)! };
  }

  it('passes every step on the healthy stream, through the distribution that fronts the namespace', async () => {
    const started = Date.now();
    const { report, step } = await verifyWith(sandbox!.info.momento.playerKey, 0);
    assert.equal(statuses(report), 'pass pass pass pass pass pass', JSON.stringify(report, null, 1));
    assert.equal(step('origin-master').url, `${sandbox!.info.momento.httpEndpoint}/cache/live-origin/playlist.m3u8`);
    assert.equal(step('cdn-master').url, stream.playbackUrl);
    assert.match(step('cdn-live-point').detail, /MPEG-TS .*advanced from #\d+ to #\d+/);
    console.log(`      healthy: ${Date.now() - started} ms; ${step('origin-live-point').detail}`);
  });

  it('fails at the origin\'s master with 401 and the player key\'s cause when the key is wrong', async () => {
    const { report, step } = await verifyWith(`${sandbox!.info.momento.playerKey.slice(0, -6)}XXXXXX`, 1);
    assert.equal(statuses(report), 'fail skip skip skip skip skip');
    assert.equal(step('origin-master').httpStatus, 401);
    assert.match(step('origin-master').causes[0], /player key was refused: it is wrong, or it has expired\. Set LIVE_ORIGIN_PLAYER_KEY/);
    assert.deepEqual(step('origin-master').fix, { setting: 'momento.keys.player', command: 'momentoLive.keys.setPlayer' });
  });

  it('fails with 403 and the access level cause when the key is for another namespace', async () => {
    sandbox!.momento.createNamespace('another');
    const otherKey = sandbox!.momento.mintKey({ namespace: 'another', role: 'read-only', ttlSeconds: 600 });
    const { report, step } = await verifyWith(otherKey, 1);
    assert.equal(statuses(report), 'fail skip skip skip skip skip');
    assert.equal(step('origin-master').httpStatus, 403);
    assert.match(step('origin-master').causes[0], /not have the right access level to the namespace "live-origin"/);
  });

  async function cloudfront<T>(use: (client: CloudFrontClient) => Promise<T>): Promise<T> {
    const client = new CloudFrontClient({ region: 'us-east-1', endpoint: sandbox!.info.cloudfront.endpoint, credentials: { ...sandbox!.info.aws } });
    try {
      return await use(client);
    } finally {
      client.destroy();
    }
  }

  it('fails at CloudFront\'s master with 401 and the missing Authorization header when the distribution lacks it', async function () {
    this.timeout(40_000);
    await cloudfront(async (client) => {
      const { DistributionConfig: config, ETag } = await client.send(new GetDistributionConfigCommand({ Id: stream.distributionId }));
      for (const origin of config!.Origins!.Items!) origin.CustomHeaders = { Quantity: 0, Items: [] };
      await client.send(new UpdateDistributionCommand({ Id: stream.distributionId, IfMatch: ETag, DistributionConfig: config }));
      await until('the update to deploy', async () =>
        ((await client.send(new GetDistributionCommand({ Id: stream.distributionId }))).Distribution?.Status === 'Deployed' ? true : undefined), 15_000);
    });
    const { report, step } = await verifyWith(sandbox!.info.momento.playerKey, 1);
    assert.equal(statuses(report), 'pass pass pass fail skip skip', JSON.stringify(report, null, 1));
    const failed = step('cdn-master');
    assert.equal(failed.httpStatus, 401);
    assert.equal(failed.url, stream.playbackUrl);
    assert.match(failed.causes[0], /configuration: .*\(cloudfront-authorization-missing\)/);
    assert.deepEqual(failed.fix, { finding: 'cloudfront-authorization-missing', setting: 'cloudfront.authorizationKey' });
  });

  it('fails at the origin\'s variants with the channel not running once the channel is stopped', async function () {
    this.timeout(40_000);
    const client = new MediaLiveClient({ region: sandbox!.info.medialive.region, endpoint: sandbox!.info.medialive.endpoint, credentials: { ...sandbox!.info.aws } });
    try {
      await client.send(new StopChannelCommand({ ChannelId: stream.channelId }));
      await until('the channel to be idle', async () => ((await client.send(new DescribeChannelCommand({ ChannelId: stream.channelId }))).State === 'IDLE' ? true : undefined), 15_000);
    } finally {
      client.destroy();
    }
    // What the origin returns after the stop: the master and the variants stay stored until the TTL,
    // and the encoder ended each variant with EXT-X-ENDLIST.
    const { httpEndpoint, namespace, playerKey } = sandbox!.info.momento;
    const variant = await fetch(`${httpEndpoint}/cache/${namespace}/playlist_480p30.m3u8`, { headers: { authorization: playerKey } });
    assert.equal(variant.status, 200);
    assert.match(await variant.text(), /#EXT-X-ENDLIST/);
    const { report, step } = await verifyWith(playerKey, 1);
    assert.equal(statuses(report), 'pass fail skip skip skip skip', JSON.stringify(report, null, 1));
    assert.match(step('origin-variants').detail, /EXT-X-ENDLIST/);
    assert.match(step('origin-variants').causes[0], /AWS Elemental MediaLive isn't running: .*channel was stopped/);
    assert.match(step('cdn-master').detail, /the origin failed at "Every variant playlist from the origin"/);
  });
});
