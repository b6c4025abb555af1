import assert from 'node:assert/strict';
import http from 'node:http';
import {
  CloudFrontClient,
  CreateDistributionCommand,
  DeleteDistributionCommand,
  DistributionAlreadyExists,
  DistributionNotDisabled,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  IllegalUpdate,
  InconsistentQuantities,
  InvalidArgument,
  InvalidIfMatchVersion,
  ListDistributionsCommand,
  NoSuchCachePolicy,
  NoSuchDistribution,
  NoSuchOrigin,
  paginateListDistributions,
  PreconditionFailed,
  UpdateDistributionCommand,
  type DistributionConfig,
} from '@aws-sdk/client-cloudfront';
import { startCloudFrontSandbox, type CloudFrontSandbox } from '../../src/sandbox/cloudfront';
import { MASTER, TestOrigin, tsSegment, variantPlaylist } from './cloudfrontTestOrigin';

const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER = '216adef6-5c7f-47e4-b989-5492eafa07d3';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
const PLAYER_KEY = 'fake-player-key-read-only';
const DEPLOY_DELAY_MS = 300;

let callerReferenceCounter = 0;
function nextCallerReference(): string {
  return `test-${process.pid}-${++callerReferenceCounter}`;
}

/** The guide's distribution: Momento origin with its origin path and player key, three behaviors. */
function guideConfig(originPort: number, callerReference = nextCallerReference()): DistributionConfig {
  return {
    CallerReference: callerReference,
    Comment: 'live-origin guide distribution',
    Enabled: true,
    Origins: {
      Quantity: 1,
      Items: [{
        Id: 'momento-media-storage',
        DomainName: '127.0.0.1',
        OriginPath: '/cache/live-origin',
        CustomHeaders: { Quantity: 1, Items: [{ HeaderName: 'Authorization', HeaderValue: PLAYER_KEY }] },
        CustomOriginConfig: { HTTPPort: originPort, HTTPSPort: 443, OriginProtocolPolicy: 'http-only' },
      }],
    },
    DefaultCacheBehavior: { TargetOriginId: 'momento-media-storage', ViewerProtocolPolicy: 'redirect-to-https', CachePolicyId: CACHING_DISABLED },
    CacheBehaviors: {
      Quantity: 2,
      Items: [
        { PathPattern: '*.ts', TargetOriginId: 'momento-media-storage', ViewerProtocolPolicy: 'redirect-to-https', CachePolicyId: CACHING_OPTIMIZED },
        { PathPattern: 'playlist_*.m3u8', TargetOriginId: 'momento-media-storage', ViewerProtocolPolicy: 'redirect-to-https', CachePolicyId: CACHING_DISABLED },
      ],
    },
  };
}

async function rejectsWith(promise: Promise<unknown>, type: new (...args: never[]) => Error, message?: RegExp): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    if (message) assert.match(error.message, message);
    return error;
  }
  assert.fail(`expected ${type.name}, but the call succeeded`);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface ViewerResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A viewer request to the edge listener with the given Host header (as browsers send for *.localhost). */
function viewerRequest(edge: string, host: string, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<ViewerResponse> {
  const edgeUrl = new URL(edge);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port: Number(edgeUrl.port),
      method: options.method ?? 'GET',
      path,
      headers: { host, ...options.headers },
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

describe('CloudFront sandbox through @aws-sdk/client-cloudfront', function () {
  let origin: TestOrigin;
  let sandbox: CloudFrontSandbox;
  let client: CloudFrontClient;

  before(async () => {
    origin = await new TestOrigin().start();
    sandbox = await startCloudFrontSandbox({ deployDelayMs: DEPLOY_DELAY_MS });
    client = new CloudFrontClient({
      region: 'us-east-1',
      endpoint: sandbox.endpoint,
      credentials: sandbox.credentials,
      maxAttempts: 1,
    });
  });

  after(async () => {
    client?.destroy();
    await sandbox?.close();
    await origin?.close();
  });

  async function createDeployed(config: DistributionConfig) {
    const created = await client.send(new CreateDistributionCommand({ DistributionConfig: config }));
    const id = created.Distribution!.Id!;
    await waitFor(`${id} to deploy`, async () => {
      const { Distribution } = await client.send(new GetDistributionCommand({ Id: id }));
      return Distribution!.Status === 'Deployed' ? true : undefined;
    });
    return created.Distribution!;
  }

  describe('control plane', () => {
    it('creates the guide\'s distribution with CloudFront-shaped ids, ETag and Location', async () => {
      const created = await client.send(new CreateDistributionCommand({ DistributionConfig: guideConfig(origin.port) }));
      const distribution = created.Distribution!;
      assert.match(distribution.Id!, /^E[A-Z0-9]{13}$/);
      assert.match(distribution.DomainName!, /^d[a-z0-9]{13}\.cloudfront\.net$/);
      assert.equal(distribution.ARN, `arn:aws:cloudfront::000000000000:distribution/${distribution.Id}`);
      assert.equal(distribution.Status, 'InProgress');
      assert.ok(distribution.LastModifiedTime instanceof Date);
      assert.match(created.ETag!, /^E[A-Z0-9]{13}$/);
      assert.equal(created.Location, `${sandbox.endpoint}/2020-05-31/distribution/${distribution.Id}`);
      const config = distribution.DistributionConfig!;
      assert.equal(config.Origins!.Items![0].OriginPath, '/cache/live-origin');
      assert.deepEqual(config.Origins!.Items![0].CustomHeaders!.Items, [{ HeaderName: 'Authorization', HeaderValue: PLAYER_KEY }]);
      assert.equal(config.Origins!.Items![0].CustomOriginConfig!.HTTPPort, origin.port);
      assert.deepEqual(config.CacheBehaviors!.Items!.map((b) => [b.PathPattern, b.CachePolicyId]), [
        ['*.ts', CACHING_OPTIMIZED],
        ['playlist_*.m3u8', CACHING_DISABLED],
      ]);
      assert.equal(config.DefaultCacheBehavior!.CachePolicyId, CACHING_DISABLED);
      assert.equal(config.Enabled, true);
    });

    it('moves from InProgress to Deployed after the deploy delay', async () => {
      const started = Date.now();
      const created = await client.send(new CreateDistributionCommand({ DistributionConfig: guideConfig(origin.port) }));
      const id = created.Distribution!.Id!;
      const early = await client.send(new GetDistributionCommand({ Id: id }));
      assert.equal(early.Distribution!.Status, 'InProgress');
      await waitFor('Deployed', async () => {
        const { Distribution } = await client.send(new GetDistributionCommand({ Id: id }));
        return Distribution!.Status === 'Deployed' ? true : undefined;
      });
      assert.ok(Date.now() - started >= DEPLOY_DELAY_MS - 20);
    });

    it('gets the distribution and its config with the same ETag, and lists it', async () => {
      const created = await client.send(new CreateDistributionCommand({ DistributionConfig: guideConfig(origin.port) }));
      const id = created.Distribution!.Id!;
      const got = await client.send(new GetDistributionCommand({ Id: id }));
      const config = await client.send(new GetDistributionConfigCommand({ Id: id }));
      assert.equal(got.ETag, created.ETag);
      assert.equal(config.ETag, created.ETag);
      assert.equal(got.Distribution!.DomainName, created.Distribution!.DomainName);
      assert.equal(config.DistributionConfig!.CallerReference, created.Distribution!.DistributionConfig!.CallerReference);
      assert.deepEqual(config.DistributionConfig!.CacheBehaviors, created.Distribution!.DistributionConfig!.CacheBehaviors);
      // CloudFront fills in defaults it echoes back.
      assert.deepEqual(config.DistributionConfig!.DefaultCacheBehavior!.AllowedMethods!.Items!.sort(), ['GET', 'HEAD']);
      assert.equal(config.DistributionConfig!.PriceClass, 'PriceClass_All');

      const { DistributionList } = await client.send(new ListDistributionsCommand({}));
      const summary = DistributionList!.Items!.find((item) => item.Id === id);
      assert.ok(summary, 'the new distribution is listed');
      assert.equal(summary.DomainName, created.Distribution!.DomainName);
      assert.equal(summary.Origins!.Items![0].OriginPath, '/cache/live-origin');
      assert.equal(summary.CacheBehaviors!.Quantity, 2);
      assert.equal(DistributionList!.Quantity, DistributionList!.Items!.length);
      assert.equal(DistributionList!.IsTruncated, false);
    });

    it('pages ListDistributions with Marker and MaxItems', async () => {
      for (let i = 0; i < 3; i++) await client.send(new CreateDistributionCommand({ DistributionConfig: guideConfig(origin.port) }));
      const all = (await client.send(new ListDistributionsCommand({}))).DistributionList!.Items!.map((item) => item.Id!);
      assert.ok(all.length >= 4);
      const first = (await client.send(new ListDistributionsCommand({ MaxItems: 2 }))).DistributionList!;
      assert.equal(first.Quantity, 2);
      assert.equal(first.IsTruncated, true);
      assert.equal(first.NextMarker, first.Items![1].Id);
      const second = (await client.send(new ListDistributionsCommand({ MaxItems: 2, Marker: first.NextMarker }))).DistributionList!;
      assert.equal(second.Marker, first.NextMarker);
      assert.ok(!second.Items!.some((item) => first.Items!.some((seen) => seen.Id === item.Id)));

      const paged: string[] = [];
      for await (const page of paginateListDistributions({ client, pageSize: 2 }, {})) {
        paged.push(...page.DistributionList!.Items!.map((item) => item.Id!));
        assert.ok(paged.length <= all.length, 'paging ends');
      }
      assert.deepEqual(paged, all);
      await rejectsWith(client.send(new ListDistributionsCommand({ MaxItems: 0 })), InvalidArgument);
    });

    it('refuses an update with a stale or missing If-Match and accepts a fresh one', async () => {
      const created = await client.send(new CreateDistributionCommand({ DistributionConfig: guideConfig(origin.port) }));
      const id = created.Distribution!.Id!;
      const { DistributionConfig: current, ETag } = await client.send(new GetDistributionConfigCommand({ Id: id }));
      const changed = { ...current!, Comment: 'changed once' };
      const first = await client.send(new UpdateDistributionCommand({ Id: id, IfMatch: ETag, DistributionConfig: changed }));
      assert.notEqual(first.ETag, ETag);
      assert.equal(first.Distribution!.Status, 'InProgress');
      assert.equal(first.Distribution!.DistributionConfig!.Comment, 'changed once');

      await rejectsWith(client.send(new UpdateDistributionCommand({ Id: id, IfMatch: ETag, DistributionConfig: { ...changed, Comment: 'stale' } })), PreconditionFailed);
      await rejectsWith(client.send(new UpdateDistributionCommand({ Id: id, IfMatch: undefined, DistributionConfig: changed })), InvalidIfMatchVersion);
      await rejectsWith(
        client.send(new UpdateDistributionCommand({ Id: id, IfMatch: first.ETag, DistributionConfig: { ...changed, CallerReference: 'another' } })),
        IllegalUpdate,
      );
      await rejectsWith(client.send(new UpdateDistributionCommand({ Id: 'E0000000000000', IfMatch: first.ETag, DistributionConfig: changed })), NoSuchDistribution);

      const fresh = await client.send(new GetDistributionConfigCommand({ Id: id }));
      assert.equal(fresh.ETag, first.ETag);
      assert.equal(fresh.DistributionConfig!.Comment, 'changed once');
      const second = await client.send(new UpdateDistributionCommand({ Id: id, IfMatch: fresh.ETag, DistributionConfig: { ...fresh.DistributionConfig!, Comment: 'changed twice' } }));
      assert.equal((await client.send(new GetDistributionCommand({ Id: id }))).ETag, second.ETag);
    });

    it('answers DistributionAlreadyExists when a CallerReference is reused', async () => {
      const callerReference = nextCallerReference();
      const created = await client.send(new CreateDistributionCommand({ DistributionConfig: guideConfig(origin.port, callerReference) }));
      const again = await rejectsWith(client.send(new CreateDistributionCommand({ DistributionConfig: guideConfig(origin.port, callerReference) })), DistributionAlreadyExists);
      assert.ok(again.message.includes(created.Distribution!.Id!), 'the message names the existing distribution');
      const different = { ...guideConfig(origin.port, callerReference), Comment: 'different' };
      await rejectsWith(client.send(new CreateDistributionCommand({ DistributionConfig: different })), DistributionAlreadyExists);
    });

    it('validates origins, target origins, path patterns, policies and quantities', async () => {
      const base = guideConfig(origin.port);
      const behaviors = base.CacheBehaviors!.Items!;
      await rejectsWith(client.send(new CreateDistributionCommand({
        DistributionConfig: { ...guideConfig(origin.port), DefaultCacheBehavior: { ...base.DefaultCacheBehavior!, TargetOriginId: 'nope' } },
      })), NoSuchOrigin, /nope/);
      await rejectsWith(client.send(new CreateDistributionCommand({
        DistributionConfig: { ...guideConfig(origin.port), CacheBehaviors: { Quantity: 1, Items: [{ ...behaviors[0], TargetOriginId: 'other' }] } },
      })), NoSuchOrigin);
      await rejectsWith(client.send(new CreateDistributionCommand({
        DistributionConfig: { ...guideConfig(origin.port), CacheBehaviors: { Quantity: 1, Items: [{ ...behaviors[0], PathPattern: '' }] } },
      })), InvalidArgument, /PathPattern/);
      await rejectsWith(client.send(new CreateDistributionCommand({
        DistributionConfig: { ...guideConfig(origin.port), CacheBehaviors: { Quantity: 1, Items: [{ ...behaviors[0], CachePolicyId: '00000000-0000-0000-0000-000000000000' }] } },
      })), NoSuchCachePolicy);
      await rejectsWith(client.send(new CreateDistributionCommand({
        DistributionConfig: { ...guideConfig(origin.port), CacheBehaviors: { Quantity: 3, Items: behaviors } },
      })), InconsistentQuantities);
      await rejectsWith(client.send(new CreateDistributionCommand({
        DistributionConfig: { ...guideConfig(origin.port), Origins: { Quantity: 0, Items: [] } },
      })), InvalidArgument, /at least one origin/);
      const trailingSlash = guideConfig(origin.port);
      trailingSlash.Origins!.Items![0].OriginPath = '/cache/live-origin/';
      await rejectsWith(client.send(new CreateDistributionCommand({ DistributionConfig: trailingSlash })), InvalidArgument, /origin path/);
      const hostHeader = guideConfig(origin.port);
      hostHeader.Origins!.Items![0].CustomHeaders = { Quantity: 1, Items: [{ HeaderName: 'Host', HeaderValue: 'x' }] };
      await rejectsWith(client.send(new CreateDistributionCommand({ DistributionConfig: hostHeader })), InvalidArgument, /Host/);
      const noCacheSettings = guideConfig(origin.port);
      delete noCacheSettings.DefaultCacheBehavior!.CachePolicyId;
      await rejectsWith(client.send(new CreateDistributionCommand({ DistributionConfig: noCacheSettings })), InvalidArgument, /ForwardedValues/);
    });

    it('deletes only a disabled, deployed distribution with a current If-Match', async () => {
      const created = await createDeployed(guideConfig(origin.port));
      const id = created.Id!;
      const { ETag, DistributionConfig: config } = await client.send(new GetDistributionConfigCommand({ Id: id }));
      await rejectsWith(client.send(new DeleteDistributionCommand({ Id: id })), InvalidIfMatchVersion);
      await rejectsWith(client.send(new DeleteDistributionCommand({ Id: id, IfMatch: ETag })), DistributionNotDisabled);

      const disabled = await client.send(new UpdateDistributionCommand({ Id: id, IfMatch: ETag, DistributionConfig: { ...config!, Enabled: false } }));
      await rejectsWith(client.send(new DeleteDistributionCommand({ Id: id, IfMatch: disabled.ETag })), DistributionNotDisabled, /Deployed/);
      await waitFor('the disabled config to deploy', async () => {
        const { Distribution } = await client.send(new GetDistributionCommand({ Id: id }));
        return Distribution!.Status === 'Deployed' ? true : undefined;
      });
      const edgeAnswer = await viewerRequest(sandbox.edge, created.DomainName!, '/playlist.m3u8');
      assert.equal(edgeAnswer.status, 403, 'a disabled distribution serves nothing');
      await rejectsWith(client.send(new DeleteDistributionCommand({ Id: id, IfMatch: ETag })), PreconditionFailed);
      await client.send(new DeleteDistributionCommand({ Id: id, IfMatch: disabled.ETag }));
      await rejectsWith(client.send(new GetDistributionCommand({ Id: id })), NoSuchDistribution);
      const afterDelete = await viewerRequest(sandbox.edge, created.DomainName!, '/playlist.m3u8');
      assert.equal(afterDelete.status, 403);
    });
  });

  describe('edge', () => {
    let guide: { id: string; domainName: string; host: string };

    before(async () => {
      origin.objects.set('/cache/live-origin/playlist.m3u8', { body: MASTER, headers: { 'content-type': 'application/vnd.apple.mpegurl' } });
      origin.objects.set('/cache/live-origin/playlist_480p30.m3u8', { body: variantPlaylist(940), headers: { 'content-type': 'application/vnd.apple.mpegurl' } });
      for (let n = 938; n <= 940; n++) {
        origin.objects.set(`/cache/live-origin/playlist_480p30_00${n}.ts`, { body: tsSegment(n), headers: { 'content-type': 'video/mp2t' } });
      }
      const distribution = await createDeployed(guideConfig(origin.port));
      guide = { id: distribution.Id!, domainName: distribution.DomainName!, host: new URL(sandbox.edgeUrlFor(distribution.DomainName!)).host };
    });

    it('routes <label>.localhost:PORT to the distribution and prefixes the origin path', async () => {
      assert.equal(sandbox.edgeUrlFor(guide.domainName), `http://${guide.domainName.split('.')[0]}.localhost:${new URL(sandbox.edge).port}`);
      const before = origin.requests.length;
      const master = await viewerRequest(sandbox.edge, guide.host, '/playlist.m3u8');
      assert.equal(master.status, 200);
      assert.equal(master.body.toString(), MASTER);
      assert.equal(master.headers['content-type'], 'application/vnd.apple.mpegurl');
      const seen = origin.requests.slice(before);
      assert.equal(seen.length, 1);
      assert.equal(seen[0].path, '/cache/live-origin/playlist.m3u8');
      assert.equal(seen[0].headers.authorization, PLAYER_KEY);
      assert.equal(seen[0].headers.host, '127.0.0.1');
      assert.equal(seen[0].headers['user-agent'], 'Amazon CloudFront');
      assert.match(String(seen[0].headers.via), /^1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)$/);
      assert.equal(seen[0].headers['x-amz-cf-id'], master.headers['x-amz-cf-id']);
    });

    it('also answers to <domain>.cloudfront.net with any port, and refuses unknown hosts like CloudFront', async () => {
      const byDomain = await viewerRequest(sandbox.edge, `${guide.domainName}:443`, '/playlist_480p30.m3u8');
      assert.equal(byDomain.status, 200);
      assert.equal(byDomain.body.toString(), variantPlaylist(940));
      const unknown = await viewerRequest(sandbox.edge, 'd0000000000000.cloudfront.net', '/playlist.m3u8');
      assert.equal(unknown.status, 403);
      assert.match(unknown.body.toString(), /The request could not be satisfied/);
      assert.equal(unknown.headers['x-cache'], 'Error from cloudfront');
      const bare = await viewerRequest(sandbox.edge, new URL(sandbox.edge).host, '/playlist.m3u8');
      assert.equal(bare.status, 403);
    });

    it('caches segments under CachingOptimized: a Miss, then a Hit with Age, one origin fetch', async () => {
      const path = '/playlist_480p30_00940.ts';
      const first = await viewerRequest(sandbox.edge, guide.host, path);
      const second = await viewerRequest(sandbox.edge, guide.host, path);
      assert.equal(first.status, 200);
      assert.deepEqual(first.body, tsSegment(940));
      assert.equal(first.body[0], 0x47);
      assert.equal(first.headers['x-cache'], 'Miss from cloudfront');
      assert.equal(second.headers['x-cache'], 'Hit from cloudfront');
      assert.deepEqual(second.body, first.body);
      assert.match(String(second.headers.age), /^\d+$/);
      assert.match(String(second.headers.via), /\.cloudfront\.net \(CloudFront\)$/);
      assert.match(String(second.headers['x-amz-cf-pop']), /^[A-Z]{3}\d+-[CP]\d$/);
      assert.match(String(second.headers['x-amz-cf-id']), /^[A-Za-z0-9_-]{54}==$/);
      assert.notEqual(second.headers['x-amz-cf-id'], first.headers['x-amz-cf-id']);
      assert.equal(origin.requestsFor(`/cache/live-origin${path}`).length, 1);
      const head = await viewerRequest(sandbox.edge, guide.host, path, { method: 'HEAD' });
      assert.equal(head.headers['x-cache'], 'Hit from cloudfront');
      assert.equal(head.headers['content-length'], String(tsSegment(940).length));
      assert.equal(head.body.length, 0);
    });

    it('never serves manifests from cache (CachingDisabled)', async () => {
      const path = '/playlist_480p30.m3u8';
      const before = origin.requestsFor(`/cache/live-origin${path}`).length;
      for (let i = 0; i < 3; i++) {
        origin.objects.set(`/cache/live-origin${path}`, { body: variantPlaylist(941 + i) });
        const response = await viewerRequest(sandbox.edge, guide.host, path);
        assert.equal(response.headers['x-cache'], 'Miss from cloudfront');
        assert.equal(response.body.toString(), variantPlaylist(941 + i), 'each request sees the live point');
      }
      const master = await viewerRequest(sandbox.edge, guide.host, '/playlist.m3u8');
      assert.equal(master.headers['x-cache'], 'Miss from cloudfront');
      assert.equal(origin.requestsFor(`/cache/live-origin${path}`).length - before, 3);
    });

    it('sends the configured Authorization to the origin whatever the viewer sends', async () => {
      const before = origin.requests.length;
      await viewerRequest(sandbox.edge, guide.host, '/playlist_480p30.m3u8', { headers: { authorization: 'viewer-supplied-key' } });
      await viewerRequest(sandbox.edge, guide.host, '/playlist_480p30_00939.ts', { headers: { authorization: 'viewer-supplied-key' } });
      const seen = origin.requests.slice(before);
      assert.equal(seen.length, 2);
      for (const request of seen) assert.equal(request.headers.authorization, PLAYER_KEY);
    });

    it('keeps viewer query strings from the origin under CachingOptimized and no origin request policy', async () => {
      const before = origin.requests.length;
      const first = await viewerRequest(sandbox.edge, guide.host, '/playlist_480p30_00938.ts?token=encoder-key&ttl_seconds=3600');
      const second = await viewerRequest(sandbox.edge, guide.host, '/playlist_480p30_00938.ts?token=other');
      await viewerRequest(sandbox.edge, guide.host, '/playlist_480p30.m3u8?token=encoder-key&role=origin', { headers: { 'x-viewer-header': 'v' } });
      assert.equal(first.headers['x-cache'], 'Miss from cloudfront');
      assert.equal(second.headers['x-cache'], 'Hit from cloudfront', 'query strings are not in the cache key');
      const seen = origin.requests.slice(before);
      assert.deepEqual(seen.map((request) => [request.path, request.query]), [
        ['/cache/live-origin/playlist_480p30_00938.ts', ''],
        ['/cache/live-origin/playlist_480p30.m3u8', ''],
      ]);
      assert.equal(seen[1].headers['x-viewer-header'], undefined, 'viewer headers are not forwarded either');
    });

    it('forwards viewer query strings and headers under AllViewer and AllViewerExceptHostHeader', async () => {
      const config = guideConfig(origin.port);
      config.DefaultCacheBehavior!.OriginRequestPolicyId = ALL_VIEWER;
      config.CacheBehaviors!.Items![0].OriginRequestPolicyId = ALL_VIEWER_EXCEPT_HOST;
      const distribution = await createDeployed(config);
      const host = new URL(sandbox.edgeUrlFor(distribution.DomainName!)).host;
      const before = origin.requests.length;
      await viewerRequest(sandbox.edge, host, '/playlist.m3u8?token=abc&x=1', { headers: { 'x-viewer-header': 'v', authorization: 'viewer' } });
      const first = await viewerRequest(sandbox.edge, host, '/playlist_480p30_00939.ts?a=1', { headers: { 'x-viewer-header': 'w' } });
      const second = await viewerRequest(sandbox.edge, host, '/playlist_480p30_00939.ts?a=2');
      const seen = origin.requests.slice(before);
      assert.deepEqual(seen.map((request) => [request.path, request.query]), [
        ['/cache/live-origin/playlist.m3u8', 'token=abc&x=1'],
        ['/cache/live-origin/playlist_480p30_00939.ts', 'a=1'],
      ]);
      assert.equal(seen[0].headers['x-viewer-header'], 'v');
      assert.equal(seen[0].headers.host, host, 'AllViewer forwards the viewer\'s Host');
      assert.equal(seen[0].headers.authorization, PLAYER_KEY, 'the origin custom header still wins');
      assert.equal(seen[1].headers['x-viewer-header'], 'w');
      assert.equal(seen[1].headers.host, '127.0.0.1', 'AllViewerExceptHostHeader sends the origin domain');
      assert.equal(first.headers['x-cache'], 'Miss from cloudfront');
      assert.equal(second.headers['x-cache'], 'Hit from cloudfront', 'the cache key still ignores query strings');
    });

    it('collapses concurrent misses for one object into a single origin fetch', async () => {
      const path = '/playlist_480p30_01000.ts';
      origin.objects.set(`/cache/live-origin${path}`, { body: tsSegment(1000, 1500), delayMs: 300 });
      const responses = await Promise.all(Array.from({ length: 10 }, () => viewerRequest(sandbox.edge, guide.host, path)));
      assert.equal(origin.requestsFor(`/cache/live-origin${path}`).length, 1);
      for (const response of responses) {
        assert.equal(response.status, 200);
        assert.deepEqual(response.body, tsSegment(1000, 1500));
      }
      const verdicts = responses.map((response) => response.headers['x-cache']).sort();
      assert.deepEqual(verdicts, ['Hit from cloudfront', ...Array(8).fill('Hit from cloudfront'), 'Miss from cloudfront'].sort());
    });

    it('honours origin Cache-Control within the TTL bounds and revalidates with a RefreshHit', async () => {
      const path = '/playlist_480p30_01001.ts';
      origin.objects.set(`/cache/live-origin${path}`, { body: tsSegment(1001), headers: { 'cache-control': 'max-age=1', etag: '"v1"' } });
      assert.equal((await viewerRequest(sandbox.edge, guide.host, path)).headers['x-cache'], 'Miss from cloudfront');
      assert.equal((await viewerRequest(sandbox.edge, guide.host, path)).headers['x-cache'], 'Hit from cloudfront');
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const refreshed = await viewerRequest(sandbox.edge, guide.host, path);
      assert.equal(refreshed.headers['x-cache'], 'RefreshHit from cloudfront');
      assert.deepEqual(refreshed.body, tsSegment(1001));
      const fetches = origin.requestsFor(`/cache/live-origin${path}`);
      assert.equal(fetches.length, 2);
      assert.equal(fetches[1].headers['if-none-match'], '"v1"');
      assert.equal((await viewerRequest(sandbox.edge, guide.host, path)).headers['x-cache'], 'Hit from cloudfront');
    });

    it('caches a missing segment\'s 404 briefly, and passes manifests\' 404s through uncached', async () => {
      const segment = '/playlist_480p30_09999.ts';
      const first = await viewerRequest(sandbox.edge, guide.host, segment);
      const second = await viewerRequest(sandbox.edge, guide.host, segment);
      assert.equal(first.status, 404);
      assert.equal(first.body.toString(), 'Key Not Found');
      assert.equal(first.headers['x-cache'], 'Error from cloudfront');
      assert.equal(second.status, 404);
      assert.equal(origin.requestsFor(`/cache/live-origin${segment}`).length, 1);
      const manifest = '/playlist_999p30.m3u8';
      await viewerRequest(sandbox.edge, guide.host, manifest);
      await viewerRequest(sandbox.edge, guide.host, manifest);
      assert.equal(origin.requestsFor(`/cache/live-origin${manifest}`).length, 2);
    });

    it('refuses methods the behavior does not allow, and serves nothing before the first deployment', async () => {
      const post = await viewerRequest(sandbox.edge, guide.host, '/playlist.m3u8', { method: 'POST' });
      assert.equal(post.status, 403);
      assert.match(post.body.toString(), /not configured to allow the HTTP request method/);
      const created = await client.send(new CreateDistributionCommand({ DistributionConfig: guideConfig(origin.port) }));
      const early = await viewerRequest(sandbox.edge, new URL(sandbox.edgeUrlFor(created.Distribution!.DomainName!)).host, '/playlist.m3u8');
      assert.equal(early.status, 403);
      assert.match(early.body.toString(), /InProgress/);
    });

    it('answers 502 when the origin refuses connections and 504 when it is too slow', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const deadPort = (closed.address() as { port: number }).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const down = guideConfig(deadPort);
      down.Origins!.Items![0].ConnectionAttempts = 1;
      const downDistribution = await createDeployed(down);
      const refused = await viewerRequest(sandbox.edge, new URL(sandbox.edgeUrlFor(downDistribution.DomainName!)).host, '/playlist.m3u8');
      assert.equal(refused.status, 502);
      assert.match(refused.body.toString(), /wasn't able to connect to the origin/);
      assert.equal(refused.headers['x-cache'], 'Error from cloudfront');

      const slowConfig = guideConfig(origin.port);
      slowConfig.Origins!.Items![0].CustomOriginConfig!.OriginReadTimeout = 1;
      const slowDistribution = await createDeployed(slowConfig);
      origin.objects.set('/cache/live-origin/slow.m3u8', { body: 'late', delayMs: 1500 });
      const slow = await viewerRequest(sandbox.edge, new URL(sandbox.edgeUrlFor(slowDistribution.DomainName!)).host, '/slow.m3u8');
      assert.equal(slow.status, 504);
      assert.match(slow.body.toString(), /did not respond in time/);
    });
  });
});
