// Plan and apply through the real SDK clients against the sandbox's MediaLive, CloudFront, SSM and
// Momento: creates, finds again with zero mutating calls, survives injected faults without
// duplicates, and shows drift made behind its back as the right fields. Also the CLI's exit codes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CloudFrontClient, GetDistributionConfigCommand, UpdateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { ListChannelsCommand, ListInputsCommand, MediaLiveClient } from '@aws-sdk/client-medialive';
import { deployServices } from '../../src/cloud/deployServices';
import { sandboxStateOf, writeSandboxState } from '../../src/cloud/sandboxState';
import { sandboxTarget } from '../../src/cloud/target';
import type { LiveOriginConfig } from '../../src/config/model';
import { applyPlan } from '../../src/deploy/apply';
import { desiredState, type DeployKeys } from '../../src/deploy/desired';
import { makePlan } from '../../src/deploy/observe';
import type { DeployServices } from '../../src/deploy/services';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/sandbox';
import { repoRoot } from './repoRoot';

/** The sandbox's own live-origin.json moved to another namespace, so nothing of it exists yet. */
function configFor(sandbox: RunningSandbox, namespace: string): LiveOriginConfig {
  const config = JSON.parse(JSON.stringify(sandbox.config)) as LiveOriginConfig;
  const from = sandbox.config.momento.namespace;
  const moved = JSON.parse(JSON.stringify(config).split(`/${from}/`).join(`/${namespace}/`).split(`/cache/${from}`).join(`/cache/${namespace}`)) as LiveOriginConfig;
  moved.momento.namespace = namespace;
  moved.medialive.channelName = `${namespace}-channel`;
  moved.medialive.input.name = `${namespace}-input`;
  return moved;
}

describe('plan and apply against the sandbox', function () {
  this.timeout(60_000);
  let dir: string;
  let sandbox: RunningSandbox;
  let services: DeployServices;
  let keys: DeployKeys;
  let medialive: MediaLiveClient;
  let cloudfront: CloudFrontClient;
  const apply = async (config: LiveOriginConfig) =>
    applyPlan(await makePlan(desiredState(config, keys), services), services, { confirmStop: async () => false, pollMs: 50, settleTimeoutMs: 20_000 });
  const mutating = () => sandbox.medialive.requests().mutating.total + sandbox.cloudfront.requests().mutating.total + sandbox.ssm.requests().mutating.total;
  const resetCounts = () => [sandbox.medialive, sandbox.cloudfront, sandbox.ssm].forEach((plane) => plane.resetRequests());

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'live-origin-deploy-'));
    sandbox = await startSandbox({ dir: path.join(dir, 'workspace'), deployDelayMs: 200 });
    const target = sandboxTarget(sandboxStateOf(sandbox.info, process.pid));
    services = deployServices(target, sandbox.info.momento.apiKey);
    keys = { encoderKey: sandbox.info.momento.encoderKey, playerKey: sandbox.info.momento.playerKey };
    medialive = new MediaLiveClient({ region: target.region, endpoint: target.endpoints.medialive, credentials: { ...sandbox.info.aws } });
    cloudfront = new CloudFrontClient({ region: 'us-east-1', endpoint: target.endpoints.cloudfront, credentials: { ...sandbox.info.aws } });
  });

  after(async () => {
    medialive?.destroy();
    cloudfront?.destroy();
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates everything, then finds it again: the second apply has no changes and makes zero mutating calls', async () => {
    const config = configFor(sandbox, 'deploy-clean');
    const plan = await makePlan(desiredState(config, keys), services);
    assert.deepEqual(plan.changes.map((change) => `${change.resource}:${change.action}`),
      ['namespace:create', 'parameter:create', 'input:create', 'channel:create', 'distribution:create']);
    const first = await apply(config);
    assert.deepEqual(first.steps.map((step) => step.status), ['done', 'done', 'done', 'done', 'done']);
    resetCounts();
    const second = await apply(config);
    assert.deepEqual(second.steps.map((step) => step.status), ['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    assert.equal(mutating(), 0, JSON.stringify([sandbox.medialive.requests(), sandbox.cloudfront.requests(), sandbox.ssm.requests()]));
    const reads = sandbox.medialive.requests().read.total + sandbox.cloudfront.requests().read.total + sandbox.ssm.requests().read.total;
    assert.ok(reads <= 8, `a plan of an unchanged setup is a handful of reads, not ${reads}`);
  });

  it('survives throttling, server errors and a stale ETag, and a second apply completes with no duplicates', async () => {
    const config = configFor(sandbox, 'deploy-faults');
    // Five server errors outlast the SDK's three attempts; one throttle is absorbed by its retry.
    const serverErrors = sandbox.medialive.faults.inject({ kind: 'server-error', operations: ['CreateChannel'], count: 5 });
    const throttle = sandbox.cloudfront.faults.inject({ kind: 'throttle', operations: ['CreateDistributionWithTags'], count: 1 });
    const broken = await apply(config);
    assert.deepEqual(broken.steps.map((step) => step.status), ['done', 'done', 'done', 'failed', 'not-attempted']);
    assert.match(broken.steps[3].message!, /InternalServerErrorException/);
    const healed = await apply(config);
    assert.deepEqual(healed.steps.map((step) => step.status), ['unchanged', 'unchanged', 'unchanged', 'done', 'done']);
    assert.equal(serverErrors.applied, 5, 'every server error was met');
    assert.equal(throttle.applied, 1, 'the throttle was met, and the SDK\'s retry went through');

    const inputs = (await medialive.send(new ListInputsCommand({}))).Inputs!.filter((input) => input.Name === config.medialive.input.name);
    const channels = (await medialive.send(new ListChannelsCommand({}))).Channels!.filter((channel) => channel.Name === config.medialive.channelName);
    assert.equal(inputs.length, 1, 'one input');
    assert.equal(channels.length, 1, 'one channel');
    const again = await makePlan(desiredState(config, keys), services);
    assert.ok(again.changes.every((change) => change.action === 'no-change'), JSON.stringify(again.changes));

    // A stale ETag on the update: apply reads the configuration again and succeeds.
    const distributionId = healed.steps[4].id!;
    await driftDistribution(distributionId, 'allow-all');
    sandbox.cloudfront.faults.inject({ kind: 'stale-etag', operations: ['UpdateDistribution'], count: 1 });
    const fixed = await apply(config);
    assert.equal(fixed.steps[4].status, 'done', fixed.steps[4].message);
  });

  it('retries a request slower than the client timeout without creating a twin', async () => {
    const config = configFor(sandbox, 'deploy-slow');
    const impatient = deployServices({ ...sandboxTarget(sandboxStateOf(sandbox.info, process.pid)), requestTimeoutMs: 1000 }, sandbox.info.momento.apiKey);
    resetCounts();
    const slow = sandbox.medialive.faults.inject({ kind: 'delay', operations: ['CreateInput'], count: 1, delayMs: 2500 });
    const held = Date.now();
    const report = await applyPlan(await makePlan(desiredState(config, keys), impatient), impatient, { confirmStop: async () => false, pollMs: 50 });
    assert.equal(slow.applied, 1, 'the first CreateInput was held past the timeout');
    assert.deepEqual(report.steps.map((step) => step.status), ['done', 'done', 'done', 'done', 'done'], JSON.stringify(report.steps.map((step) => step.message)));
    assert.equal(sandbox.medialive.requests().mutating.byOperation.CreateInput, 2, 'the SDK sent CreateInput again after the timeout');
    // The held request is served once its injected delay has run out; only then can a twin appear.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, held + 2500 + 300 - Date.now())));
    const inputs = (await medialive.send(new ListInputsCommand({}))).Inputs!.filter((input) => input.Name === config.medialive.input.name);
    assert.equal(inputs.length, 1, 'one input, though CreateInput was sent twice');
  });

  async function driftDistribution(id: string, policy: 'allow-all' | 'https-only') {
    const current = await cloudfront.send(new GetDistributionConfigCommand({ Id: id }));
    const config = current.DistributionConfig!;
    config.DefaultCacheBehavior!.ViewerProtocolPolicy = policy;
    await cloudfront.send(new UpdateDistributionCommand({ Id: id, IfMatch: current.ETag, DistributionConfig: config }));
  }

  it('shows a distribution changed behind its back as an update of that field, and puts it back', async () => {
    const config = configFor(sandbox, 'deploy-drift');
    const created = await apply(config);
    await driftDistribution(created.steps[4].id!, 'https-only');
    const plan = await makePlan(desiredState(config, keys), services);
    const change = plan.changes[4];
    assert.equal(change.action, 'update');
    assert.deepEqual(change.fields, [{ path: 'DefaultCacheBehavior.ViewerProtocolPolicy', from: 'https-only', to: 'redirect-to-https' }]);
    await apply(config);
    assert.ok((await makePlan(desiredState(config, keys), services)).changes.every((item) => item.action === 'no-change'));
  });

  it('live-origin plan and apply: exit 4 with changes, 0 without, JSON as documented, no key printed', async () => {
    const config = configFor(sandbox, 'deploy-cli');
    const file = path.join(dir, 'cli-live-origin.json');
    await writeFile(file, JSON.stringify(config, null, 2));
    const stateHome = path.join(dir, 'state');
    writeSandboxState(sandboxStateOf(sandbox.info, process.pid), path.join(stateHome, 'live-origin', 'sandbox.json'));
    const env = {
      XDG_STATE_HOME: stateHome,
      MOMENTO_API_KEY: sandbox.info.momento.apiKey,
      LIVE_ORIGIN_ENCODER_KEY: keys.encoderKey,
      LIVE_ORIGIN_PLAYER_KEY: keys.playerKey,
    };
    const plan = await runCli(['plan', file, '--target', 'sandbox', '--format', 'json'], env);
    assert.equal(plan.code, 4, plan.stderr);
    const parsed = JSON.parse(plan.stdout) as { changes: { service: string; resource: string; action: string; fields: unknown[] }[] };
    assert.deepEqual(parsed.changes.map((change) => `${change.service}/${change.resource}:${change.action}`),
      ['momento/namespace:create', 'ssm/parameter:create', 'medialive/input:create', 'medialive/channel:create', 'cloudfront/distribution:create']);
    const refused = await runCli(['apply', file, '--target', 'sandbox'], env);
    assert.equal(refused.code, 5, 'without --yes and without a terminal nothing is applied');
    assert.match(refused.stderr, /pass --yes/);
    const applied = await runCli(['apply', file, '--target', 'sandbox', '--yes'], env);
    assert.equal(applied.code, 4, applied.stderr);
    const unchanged = await runCli(['apply', file, '--target', 'sandbox', '--yes'], env);
    assert.equal(unchanged.code, 0, unchanged.stdout);
    assert.match(unchanged.stdout, /No changes/);
    for (const output of [plan, refused, applied, unchanged]) {
      for (const key of [keys.encoderKey, keys.playerKey, sandbox.info.momento.apiKey]) assert.ok(!(output.stdout + output.stderr).includes(key), 'a key was printed');
    }
    const missingKey = await runCli(['plan', file, '--target', 'sandbox'], { ...env, LIVE_ORIGIN_PLAYER_KEY: '' });
    assert.equal(missingKey.code, 2);
    assert.match(missingKey.stderr, /LIVE_ORIGIN_PLAYER_KEY/);
  });

  it('refuses to plan a live-origin.json with errors and names them', async () => {
    const config = configFor(sandbox, 'deploy-broken');
    config.cloudfront.originPath = '/namespace-without-cache';
    const file = path.join(dir, 'broken-live-origin.json');
    await writeFile(file, JSON.stringify(config, null, 2));
    const result = await runCli(['plan', file, '--target', 'sandbox'], { LIVE_ORIGIN_ENCODER_KEY: keys.encoderKey, LIVE_ORIGIN_PLAYER_KEY: keys.playerKey, MOMENTO_API_KEY: 'unused' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /has \d+ errors?; fix/);
    assert.match(result.stderr, /cloudfront-origin-path/);
  });
});

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(repoRoot(), 'dist', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) => child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); }));
}
