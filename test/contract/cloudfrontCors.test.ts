// Response headers policies through @aws-sdk/client-cloudfront: the control plane keeps a
// behavior's ResponseHeadersPolicyId and refuses ids it does not know as CloudFront does, and the
// edge adds the managed policies' headers (SimpleCORS: Access-Control-Allow-Origin: * on responses
// to CORS requests). Then the product's own distribution, deployed by plan and apply in the demo,
// answers a browser on another origin.
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  CreateDistributionCommand,
  GetDistributionConfigCommand,
  UpdateDistributionCommand,
  type CacheBehavior,
  type CloudFrontClient,
  type Distribution,
} from '@aws-sdk/client-cloudfront';
import { MANAGED_RESPONSE_HEADERS_POLICIES } from '../../src/config/cloudfrontPolicies';
import { startCloudFrontSandbox, type CloudFrontSandbox } from '../../src/sandbox/cloudfront';
import { startDemoStream } from '../../src/sandbox/demoStream';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/sandbox';
import { behavior, createDeployed, distributionConfig, httpOrigin, rejectsWith, sdkClient } from './cloudfrontHarness';
import { MASTER, TestOrigin, tsSegment } from './cloudfrontTestOrigin';

const SIMPLE_CORS = MANAGED_RESPONSE_HEADERS_POLICIES.SimpleCORS;
const CORS_WITH_PREFLIGHT = MANAGED_RESPONSE_HEADERS_POLICIES['CORS-With-Preflight'];
const CORS_AND_SECURITY = MANAGED_RESPONSE_HEADERS_POLICIES['CORS-and-SecurityHeadersPolicy'];
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const PAGE_ORIGIN = 'http://player.example';

interface Answer { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/** A viewer request to `base` (an edge URL) with the Host header `host`, if given. */
function request(base: string, requestPath: string, options: { host?: string; method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port: Number(url.port),
      method: options.method ?? 'GET',
      path: requestPath,
      headers: { host: options.host ?? url.host, ...options.headers },
      agent: false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(15_000, () => req.destroy(new Error('viewer request timed out')));
    req.on('error', reject);
    req.end();
  });
}

describe('CloudFront sandbox: response headers policies (CORS)', function () {
  this.timeout(30_000);
  let origin: TestOrigin;
  let sandbox: CloudFrontSandbox;
  let client: CloudFrontClient;

  before(async () => {
    origin = await new TestOrigin().start();
    origin.objects.set('/cache/live-origin/playlist.m3u8', { body: MASTER, headers: { 'content-type': 'application/vnd.apple.mpegurl' } });
    origin.objects.set('/cache/live-origin/seg_00001.ts', { body: tsSegment(1), headers: { 'content-type': 'video/mp2t' } });
    origin.objects.set('/cache/live-origin/own-cors.m3u8', { body: MASTER, headers: { 'access-control-allow-origin': 'https://only.example' } });
    origin.objects.set('/cache/live-origin/sniff.m3u8', { body: MASTER, headers: { 'x-content-type-options': 'origin-value', 'x-frame-options': 'DENY' } });
    sandbox = await startCloudFrontSandbox({ deployDelayMs: 50 });
    client = sdkClient(sandbox);
  });

  after(async () => {
    client?.destroy();
    await sandbox?.close();
    await origin?.close();
  });

  /** Default behavior and a cached `*.ts` behavior, both with `policyId` (or none). */
  async function deploy(policyId: string | undefined, extra: Partial<CacheBehavior> = {}): Promise<Distribution> {
    const withPolicy = <T extends object>(b: T): T => (policyId ? { ...b, ResponseHeadersPolicyId: policyId, ...extra } : { ...b, ...extra });
    const config = distributionConfig(
      [httpOrigin('o', '127.0.0.1', origin.port, '/cache/live-origin')],
      [withPolicy({ ...behavior('*.ts', 'o'), CachePolicyId: CACHING_OPTIMIZED })],
    );
    config.DefaultCacheBehavior = withPolicy(config.DefaultCacheBehavior!);
    return createDeployed(client, config);
  }

  const viewer = (distribution: Distribution, requestPath: string, headers: Record<string, string> = {}, method = 'GET') =>
    request(sandbox.edge, requestPath, { host: distribution.DomainName!, headers, method });

  it('keeps ResponseHeadersPolicyId on every behavior and returns it in the config', async () => {
    const distribution = await deploy(SIMPLE_CORS);
    const { DistributionConfig } = await client.send(new GetDistributionConfigCommand({ Id: distribution.Id }));
    assert.equal(DistributionConfig!.DefaultCacheBehavior!.ResponseHeadersPolicyId, SIMPLE_CORS);
    assert.equal(DistributionConfig!.CacheBehaviors!.Items![0].ResponseHeadersPolicyId, SIMPLE_CORS);
  });

  it('SimpleCORS: Access-Control-Allow-Origin: * on responses to CORS requests, from the origin and from the cache', async () => {
    const distribution = await deploy(SIMPLE_CORS);
    const playlist = await viewer(distribution, '/playlist.m3u8', { origin: PAGE_ORIGIN });
    assert.equal(playlist.status, 200);
    assert.equal(playlist.headers['access-control-allow-origin'], '*');
    // The first viewer of the segment is not a browser: the cached object must not carry that over.
    const plain = await viewer(distribution, '/seg_00001.ts');
    assert.equal(plain.headers['x-cache'], 'Miss from cloudfront');
    assert.equal(plain.headers['access-control-allow-origin'], undefined, 'no Origin, not a CORS request: no CORS header');
    const hit = await viewer(distribution, '/seg_00001.ts', { origin: PAGE_ORIGIN });
    assert.equal(hit.headers['x-cache'], 'Hit from cloudfront');
    assert.equal(hit.headers['access-control-allow-origin'], '*');
    // Override origin = No: the origin's own header wins.
    const own = await viewer(distribution, '/own-cors.m3u8', { origin: PAGE_ORIGIN });
    assert.equal(own.headers['access-control-allow-origin'], 'https://only.example');
    // Simple CORS only: an OPTIONS preflight gets no Allow-Methods (and GET, HEAD behaviors refuse OPTIONS anyway).
    const refused = await viewer(distribution, '/playlist.m3u8', { origin: PAGE_ORIGIN, 'access-control-request-method': 'GET' }, 'OPTIONS');
    assert.equal(refused.status, 403);
  });

  it('without a response headers policy the edge sends no CORS header', async () => {
    const distribution = await deploy(undefined);
    for (const requestPath of ['/playlist.m3u8', '/seg_00001.ts']) {
      const answer = await viewer(distribution, requestPath, { origin: PAGE_ORIGIN });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers['access-control-allow-origin'], undefined, requestPath);
    }
  });

  it('CORS-With-Preflight answers an OPTIONS preflight with the allowed methods and headers', async () => {
    const distribution = await deploy(CORS_WITH_PREFLIGHT, {
      AllowedMethods: { Quantity: 3, Items: ['GET', 'HEAD', 'OPTIONS'], CachedMethods: { Quantity: 2, Items: ['GET', 'HEAD'] } },
    });
    const preflight = await viewer(distribution, '/playlist.m3u8', { origin: PAGE_ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'range' }, 'OPTIONS');
    assert.equal(preflight.status, 200);
    assert.equal(preflight.headers['access-control-allow-origin'], '*');
    assert.match(String(preflight.headers['access-control-allow-methods']), /\bGET\b/);
    assert.equal(preflight.headers['access-control-allow-headers'], '*');
    const simple = await viewer(distribution, '/playlist.m3u8', { origin: PAGE_ORIGIN });
    assert.equal(simple.headers['access-control-allow-origin'], '*');
    assert.equal(simple.headers['access-control-allow-methods'], undefined, 'a simple CORS request gets Allow-Origin only');
  });

  it('CORS-and-SecurityHeadersPolicy adds the security headers to every response; only X-Content-Type-Options overrides the origin', async () => {
    const distribution = await deploy(CORS_AND_SECURITY);
    const plain = await viewer(distribution, '/playlist.m3u8');
    assert.equal(plain.headers['access-control-allow-origin'], undefined);
    assert.equal(plain.headers['strict-transport-security'], 'max-age=31536000');
    assert.equal(plain.headers['referrer-policy'], 'strict-origin-when-cross-origin');
    assert.equal(plain.headers['x-frame-options'], 'SAMEORIGIN');
    const fromOrigin = await viewer(distribution, '/sniff.m3u8');
    assert.equal(fromOrigin.headers['x-content-type-options'], 'nosniff');
    assert.equal(fromOrigin.headers['x-frame-options'], 'DENY');
  });

  it('refuses an unknown response headers policy id with NoSuchResponseHeadersPolicy, on create and on update', async () => {
    const unknown = '00000000-0000-0000-0000-000000000000';
    const config = distributionConfig([httpOrigin('o', '127.0.0.1', origin.port, '/cache/live-origin')]);
    const bad = { ...config, DefaultCacheBehavior: { ...config.DefaultCacheBehavior!, ResponseHeadersPolicyId: unknown } };
    await rejectsWith(client.send(new CreateDistributionCommand({ DistributionConfig: bad })), 'NoSuchResponseHeadersPolicy', new RegExp(unknown));
    const distribution = await deploy(SIMPLE_CORS);
    const current = await client.send(new GetDistributionConfigCommand({ Id: distribution.Id }));
    const updated = current.DistributionConfig!;
    updated.CacheBehaviors!.Items![0].ResponseHeadersPolicyId = unknown;
    const error = await rejectsWith(client.send(new UpdateDistributionCommand({ Id: distribution.Id, IfMatch: current.ETag, DistributionConfig: updated })), 'NoSuchResponseHeadersPolicy');
    assert.equal((error as Error & { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, 404);
  });
});

describe('the demo distribution (plan and apply of live-origin.json) answers browsers on other origins', function () {
  this.timeout(60_000);
  let dir: string | undefined;
  let sandbox: RunningSandbox | undefined;

  before(async function () {
    this.timeout(90_000);
    dir = await mkdtemp(path.join(os.tmpdir(), 'live-origin-cors-'));
    sandbox = await startSandbox({ dir: path.join(dir, 'workspace') });
  });

  after(async function () {
    this.timeout(30_000);
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves the master and a variant playlist through the edge with Access-Control-Allow-Origin: *', async () => {
    const stream = await startDemoStream(sandbox!);
    const base = sandbox!.cloudfront.edgeUrlFor(stream.domainName);
    assert.equal(new URL(stream.playbackUrl).origin, new URL(base).origin);
    const manifest = sandbox!.config.medialive.manifestName;
    const variant = `${manifest}${sandbox!.config.stream.ladder[0].nameModifier}.m3u8`;
    for (const key of [`${manifest}.m3u8`, variant]) {
      const answer = await request(base, `/${key}`, { headers: { origin: 'vscode-webview://player' } });
      assert.equal(answer.status, 200, `${key}: ${answer.body.toString('utf8').slice(0, 200)}`);
      assert.match(answer.body.toString('utf8'), /^#EXTM3U/);
      assert.equal(answer.headers['access-control-allow-origin'], '*', key);
    }
  });
});
