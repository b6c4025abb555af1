// The AWS planes' admin path over the wire, as tests in the extension host reach a `live-origin
// sandbox` child: faults injected and cleared with adminClient take effect on the real SDK clients,
// request counts split mutating from read and ignore admin calls, and the path refuses anyone
// without the sandbox's key pair, and specs it cannot honour, with reasons.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CloudFrontClient, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { CreateInputCommand, ListInputsCommand, MediaLiveClient } from '@aws-sdk/client-medialive';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { defaultPasswordParam } from '../../src/config/destinationUrl';
import {
  adminTargets,
  type AdminTarget,
  type AwsPlaneName,
  clearFaults,
  injectFault,
  listFaults,
  requestCounts,
  resetRequestCounts,
  SandboxAdminError,
} from '../../src/sandbox/aws/adminClient';
import type { AwsFaultSpec } from '../../src/sandbox/aws/faults';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/sandbox';
import { send, signed } from './awsRaw';

async function adminFailure(promise: Promise<unknown>): Promise<SandboxAdminError> {
  const outcome = await promise.then(() => undefined, (error: unknown) => error);
  assert.ok(outcome instanceof SandboxAdminError, `expected a SandboxAdminError, got ${String(outcome)}`);
  return outcome;
}

describe('AWS planes\' admin path over the wire', function () {
  this.timeout(30_000);
  let dir: string;
  let sandbox: RunningSandbox;
  let targets: Record<AwsPlaneName, AdminTarget>;
  const clients: { destroy(): void }[] = [];

  /** One read per plane through its real SDK client, without retries. */
  const reads: Record<AwsPlaneName, { operation: string; throttled: string; read: () => Promise<unknown> }> = {
    medialive: { operation: 'ListInputs', throttled: 'TooManyRequestsException', read: () => medialiveClient().send(new ListInputsCommand({})) },
    cloudfront: { operation: 'ListDistributions', throttled: 'Throttling', read: () => cloudfrontClient().send(new ListDistributionsCommand({})) },
    ssm: { operation: 'GetParameter', throttled: 'ThrottlingException', read: () => ssmClient().send(new GetParameterCommand({ Name: defaultPasswordParam(sandbox.info.momento.namespace) })) },
  };

  function medialiveClient(): MediaLiveClient {
    const client = new MediaLiveClient({ region: sandbox.info.medialive.region, endpoint: sandbox.info.medialive.endpoint, credentials: { ...sandbox.info.aws }, maxAttempts: 1 });
    clients.push(client);
    return client;
  }

  function cloudfrontClient(): CloudFrontClient {
    const client = new CloudFrontClient({ region: 'us-east-1', endpoint: sandbox.info.cloudfront.endpoint, credentials: { ...sandbox.info.aws }, maxAttempts: 1 });
    clients.push(client);
    return client;
  }

  function ssmClient(): SSMClient {
    const client = new SSMClient({ region: sandbox.info.medialive.region, endpoint: sandbox.info.ssm.endpoint, credentials: { ...sandbox.info.aws }, maxAttempts: 1 });
    clients.push(client);
    return client;
  }

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'live-origin-aws-admin-'));
    sandbox = await startSandbox({ dir, deployDelayMs: 50 });
    targets = adminTargets(sandbox.info);
  });

  afterEach(async () => {
    for (const target of Object.values(targets)) await clearFaults(target);
  });

  after(async () => {
    for (const client of clients) client.destroy();
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const plane of ['medialive', 'cloudfront', 'ssm'] as const) {
    it(`${plane}: a fault injected over the wire reaches the SDK, is listed with its use, and is cleared`, async () => {
      const { operation, throttled, read } = reads[plane];
      const rule = await injectFault(targets[plane], { kind: 'throttle', operations: [operation], count: 1 });
      assert.deepEqual(rule, { id: rule.id, kind: 'throttle', operations: [operation], count: 1, applied: 0 });
      const error = await read().then(() => undefined, (caught: unknown) => caught);
      assert.ok(error instanceof Error && error.name === throttled, `expected ${throttled}, got ${String(error)}`);
      assert.deepEqual((await listFaults(targets[plane])).map((listed) => [listed.id, listed.applied]), [[rule.id, 1]]);
      await injectFault(targets[plane], { kind: 'server-error', operations: [operation] });
      await clearFaults(targets[plane]);
      assert.deepEqual(await listFaults(targets[plane]), []);
      await read();
    });
  }

  it('counts API requests per operation, mutating apart from read, and not the admin calls', async () => {
    await resetRequestCounts(targets.medialive);
    const resetAt = Date.parse((await requestCounts(targets.medialive)).since);
    const client = medialiveClient();
    await client.send(new CreateInputCommand({ Name: 'counted', Type: 'URL_PULL', Sources: [{ Url: 'https://example.invalid/a.m3u8' }] }));
    await client.send(new ListInputsCommand({}));
    await client.send(new ListInputsCommand({}));
    await listFaults(targets.medialive);
    const counts = await requestCounts(targets.medialive);
    assert.ok(Date.parse(counts.since) >= resetAt - 1);
    assert.deepEqual(counts.mutating, { total: 1, byOperation: { CreateInput: 1 } });
    assert.deepEqual(counts.read, { total: 2, byOperation: { ListInputs: 2 } });
    assert.deepEqual(await requestCounts(targets.medialive), counts, 'reading the counts is not counted');
    assert.deepEqual(sandbox.medialive.requests(), counts, 'in process and over the wire read the same counter');

    await resetRequestCounts(targets.medialive);
    await client.send(new ListInputsCommand({}));
    assert.equal((await requestCounts(targets.medialive)).mutating.total, 0, 'a read-only pass makes zero mutating calls');
  });

  it('refuses requests without the sandbox\'s signature, and they change nothing', async () => {
    const target = targets.medialive;
    const body = JSON.stringify({ kind: 'throttle' } satisfies AwsFaultSpec);
    const request = { method: 'POST', path: '/_sandbox/faults', headers: { 'content-type': 'application/json' }, body };
    const signing = { credentials: target.credentials, service: 'medialive', region: target.region };
    const attempts = {
      'missing-token': { ...request, headers: { ...request.headers, host: new URL(target.endpoint).host, 'content-length': String(body.length) } },
      'bad-signature': await signed(target.endpoint, request, { ...signing, credentials: { ...target.credentials, secretAccessKey: 'wrong-secret-wrong-secret-wrong-secret00' } }),
      'unknown-key': await signed(target.endpoint, request, { ...signing, credentials: { ...target.credentials, accessKeyId: 'AKIAUNKNOWNKEY000000' } }),
      'foreign-host': await signed(target.endpoint, request, { ...signing, host: 'attacker.example' }),
    };
    for (const [code, attempt] of Object.entries(attempts)) {
      const response = await send(target.endpoint, attempt);
      assert.equal(response.status, 403, `${code}: ${response.text}`);
      assert.equal(JSON.parse(response.text).code, code);
    }
    const otherService = await send(target.endpoint, await signed(target.endpoint, request, { ...signing, service: 'ssm' }));
    assert.equal(otherService.status, 403, 'a signature for SSM does not open MediaLive');
    const wrongPair = await adminFailure(injectFault({ ...targets.cloudfront, credentials: { ...target.credentials, secretAccessKey: 'x'.repeat(40) } }, { kind: 'throttle' }));
    assert.equal(wrongPair.status, 403);
    for (const plane of Object.values(targets)) assert.deepEqual(await listFaults(plane), [], `${plane.service} took no rule`);
  });

  it('refuses fault specs it cannot honour, saying why', async () => {
    const invalid = async (target: AdminTarget, spec: unknown, message: RegExp) => {
      const error = await adminFailure(injectFault(target, spec as AwsFaultSpec));
      assert.equal(error.status, 400);
      assert.equal(error.code, 'InvalidFaultSpec');
      assert.match(error.message, message);
    };
    await invalid(targets.medialive, { kind: 'explode' }, /Unknown fault kind "explode"\. Use one of: throttle, server-error, stale-etag, delay/);
    await invalid(targets.medialive, { kind: 'throttle', operations: ['CreateDistribution'] }, /Unknown operation 'CreateDistribution'.*MediaLive has CreateChannel, ListChannels/);
    await invalid(targets.medialive, { kind: 'stale-etag' }, /MediaLive has no ETags/);
    await invalid(targets.ssm, { kind: 'stale-etag' }, /SSM has no ETags/);
    await invalid(targets.cloudfront, { kind: 'stale-etag', operations: ['GetDistribution'] }, /'stale-etag' applies to UpdateDistribution, DeleteDistribution/);
    await invalid(targets.cloudfront, { kind: 'delay' }, /needs delayMs/);
    await invalid(targets.cloudfront, { kind: 'delay', delayMs: 60_001 }, /from 1 to 60000/);
    await invalid(targets.ssm, { kind: 'throttle', delayMs: 10 }, /delayMs belongs to kind 'delay' only/);
    await invalid(targets.ssm, { kind: 'throttle', count: 0 }, /count must be a whole number of requests, 1 or more/);
    await invalid(targets.ssm, { kind: 'throttle', operation: 'GetParameter' }, /Unknown field 'operation'/);

    const target = targets.ssm;
    const signing = { credentials: target.credentials, service: 'ssm', region: target.region };
    const notJson = await send(target.endpoint, await signed(target.endpoint, { method: 'POST', path: '/_sandbox/faults', headers: {}, body: '{kind:' }, signing));
    assert.equal(notJson.status, 400);
    assert.equal(JSON.parse(notJson.text).code, 'InvalidJson');
    const elsewhere = await send(target.endpoint, await signed(target.endpoint, { method: 'GET', path: '/_sandbox/secrets', headers: {} }, signing));
    assert.equal(elsewhere.status, 404);
    const wrongMethod = await send(target.endpoint, await signed(target.endpoint, { method: 'PUT', path: '/_sandbox/requests', headers: {}, body: '' }, signing));
    assert.equal(wrongMethod.status, 405);
    for (const plane of Object.values(targets)) assert.deepEqual(await listFaults(plane), []);
  });
});
