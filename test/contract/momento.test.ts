// Contract tests of the Momento sandbox through the real @gomomento/sdk and real HTTP.

import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest, IncomingHttpHeaders } from 'node:http';
import {
  AuthClient,
  AuthClientConfigurations,
  CacheClient,
  CacheDelete,
  CacheGet,
  CacheSet,
  Configuration,
  Configurations,
  CreateCache,
  CredentialProvider,
  DeleteCache,
  DisposableTokenScopes,
  ExpiresIn,
  GenerateApiKey,
  GenerateDisposableToken,
  ListCaches,
  Middleware,
  MomentoErrorCode,
  NoopMomentoLoggerFactory,
  PermissionScopes,
} from '@gomomento/sdk';
import { MiddlewareMessage, MiddlewareMetadata, MiddlewareStatus } from '@gomomento/sdk/dist/src/config/middleware/middleware';
import { ExperimentalMomentoLocalTestConfigMiddleware } from '@gomomento/sdk/dist/src/config/middleware/experimental-momento-local-test-config-middleware';
import { MomentoRPCMethod } from '@gomomento/sdk/dist/src/config/retry/momento-rpc-method';
import { MAX_OBJECT_BYTES, MomentoSandbox, sdkCredentialProvider, startMomentoSandbox } from '../../src/sandbox/momento';

const NS = 'live-origin';
const quiet = new NoopMomentoLoggerFactory();

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request through node:http, for what fetch hides: chunked uploads and early answers. */
/** SDK middleware that sends an `x-momento-fault` spec as gRPC metadata on every attempt. */
function faultMetadata(fault: string): Middleware {
  return {
    onNewRequest: () => ({
      onRequestMetadata: (m: MiddlewareMetadata) => {
        m._grpcMetadata.set('x-momento-fault', fault);
        return Promise.resolve(m);
      },
      onRequestBody: (r: MiddlewareMessage) => Promise.resolve(r),
      onResponseMetadata: (m: MiddlewareMetadata) => Promise.resolve(m),
      onResponseBody: (r: MiddlewareMessage | null) => Promise.resolve(r),
      onResponseStatus: (st: MiddlewareStatus) => Promise.resolve(st),
    }),
  };
}

function rawRequest(
  url: string,
  options: { method: string; headers?: Record<string, string>; chunks?: Buffer[]; body?: Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method, headers: options.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    // The server may answer and close while we are still sending; the answer is what matters.
    req.on('error', (error) => setTimeout(() => reject(error), 200));
    if (options.chunks) {
      for (const chunk of options.chunks) req.write(chunk);
      req.end();
    } else {
      req.end(options.body);
    }
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('Momento sandbox (contract, through @gomomento/sdk and HTTP)', function () {
  this.timeout(10_000);

  let sandbox: MomentoSandbox;
  const clients: Array<{ close(): void }> = [];

  async function cacheClient(key: string, configuration: Configuration = Configurations.Laptop.v1(quiet)): Promise<CacheClient> {
    const client = await CacheClient.create({
      configuration,
      credentialProvider: sdkCredentialProvider(sandbox.grpcEndpoint, key),
      defaultTtlSeconds: 60,
    });
    clients.push(client);
    return client;
  }

  function url(path: string, query: Record<string, string> = {}): string {
    const search = new URLSearchParams(query).toString();
    return `${sandbox.httpEndpoint}${path}${search ? `?${search}` : ''}`;
  }

  before(async () => {
    sandbox = await startMomentoSandbox();
    sandbox.createNamespace(NS);
  });

  afterEach(() => {
    sandbox.faults.clear();
  });

  after(async () => {
    for (const client of clients) client.close();
    await sandbox.close();
  });

  describe('control plane', () => {
    it('creates, lists and deletes caches, with AlreadyExists and CacheNotFound as the SDK expects', async () => {
      const admin = await cacheClient(sandbox.adminKey);
      assert.ok((await admin.createCache('ctl-a')) instanceof CreateCache.Success);
      assert.ok((await admin.createCache('ctl-a')) instanceof CreateCache.AlreadyExists);

      const listed = await admin.listCaches();
      assert.ok(listed instanceof ListCaches.Success, listed.toString());
      const names = listed.getCaches().map((c) => c.getName());
      assert.ok(names.includes('ctl-a') && names.includes(NS), names.join(','));

      assert.ok((await admin.deleteCache('ctl-a')) instanceof DeleteCache.Success);
      const again = await admin.deleteCache('ctl-a');
      assert.ok(again instanceof DeleteCache.Error);
      assert.equal(again.errorCode(), MomentoErrorCode.CACHE_NOT_FOUND_ERROR);

      const invalid = await admin.createCache('bad/name');
      assert.ok(invalid instanceof CreateCache.Error);
      assert.equal(invalid.errorCode(), MomentoErrorCode.INVALID_ARGUMENT_ERROR);
    });

    it('lets only the admin key manage caches', async () => {
      const rw = await cacheClient(sandbox.mintKey({ namespace: NS, role: 'read-write', ttlSeconds: 60 }));
      const created = await rw.createCache('not-allowed');
      assert.ok(created instanceof CreateCache.Error);
      assert.equal(created.errorCode(), MomentoErrorCode.PERMISSION_ERROR);
      const listed = await rw.listCaches();
      assert.ok(listed instanceof ListCaches.Error);
      assert.equal(listed.errorCode(), MomentoErrorCode.PERMISSION_ERROR);
    });

    it('createNamespace is idempotent and keeps existing items', async () => {
      const admin = await cacheClient(sandbox.adminKey);
      assert.ok((await admin.set(NS, 'keep-me', 'v')) instanceof CacheSet.Success);
      sandbox.createNamespace(NS);
      assert.ok((await admin.get(NS, 'keep-me')) instanceof CacheGet.Hit);
      assert.throws(() => sandbox.createNamespace('no spaces'), RangeError);
    });
  });

  describe('data plane', () => {
    it('sets and gets through the SDK, and the same store answers over HTTP both ways', async () => {
      const admin = await cacheClient(sandbox.adminKey);
      const value = randomBytes(4096);
      assert.ok((await admin.set(NS, 'grpc-then-http.ts', value)) instanceof CacheSet.Success);
      const got = await admin.get(NS, 'grpc-then-http.ts');
      assert.ok(got instanceof CacheGet.Hit);
      assert.deepEqual(Buffer.from(got.valueUint8Array()), value);

      const overHttp = await fetch(url(`/cache/${NS}/grpc-then-http.ts`, { token: sandbox.adminKey }));
      assert.equal(overHttp.status, 200);
      assert.equal(overHttp.headers.get('content-type'), 'video/mp2t');
      assert.deepEqual(Buffer.from(await overHttp.arrayBuffer()), value);

      const put = await fetch(url(`/cache/${NS}/http-then-grpc.m3u8`, { token: sandbox.adminKey, ttl_seconds: '60' }), {
        method: 'PUT',
        body: '#EXTM3U\n',
      });
      assert.equal(put.status, 204);
      const back = await admin.get(NS, 'http-then-grpc.m3u8');
      assert.ok(back instanceof CacheGet.Hit);
      assert.equal(back.valueString(), '#EXTM3U\n');
    });

    it('reports misses, deletes and unknown caches the way the SDK maps them', async () => {
      const admin = await cacheClient(sandbox.adminKey);
      assert.ok((await admin.get(NS, 'never-set')) instanceof CacheGet.Miss);
      await admin.set(NS, 'to-delete', 'x');
      assert.ok((await admin.delete(NS, 'to-delete')) instanceof CacheDelete.Success);
      assert.ok((await admin.get(NS, 'to-delete')) instanceof CacheGet.Miss);

      const missingCache = await admin.get('no-such-cache', 'k');
      assert.ok(missingCache instanceof CacheGet.Error);
      assert.equal(missingCache.errorCode(), MomentoErrorCode.CACHE_NOT_FOUND_ERROR);
    });

    it('accepts a 10,000,000-byte Set and refuses one byte more with LimitExceeded', async () => {
      const admin = await cacheClient(sandbox.adminKey);
      assert.ok((await admin.set(NS, 'max-grpc', Buffer.alloc(MAX_OBJECT_BYTES, 1))) instanceof CacheSet.Success);
      const tooBig = await admin.set(NS, 'over-grpc', Buffer.alloc(MAX_OBJECT_BYTES + 1, 1));
      assert.ok(tooBig instanceof CacheSet.Error, tooBig.toString());
      assert.equal(tooBig.errorCode(), MomentoErrorCode.LIMIT_EXCEEDED_ERROR);
      assert.ok((await admin.get(NS, 'over-grpc')) instanceof CacheGet.Miss);
      await admin.delete(NS, 'max-grpc');
    });

    it('expires items at their TTL (SDK and HTTP)', async () => {
      const admin = await cacheClient(sandbox.adminKey);
      assert.ok((await admin.set(NS, 'short-grpc', 'v', { ttl: 1 })) instanceof CacheSet.Success);
      const put = await fetch(url(`/cache/${NS}/short-http.ts`, { token: sandbox.adminKey, ttl_seconds: '1' }), {
        method: 'PUT',
        body: 'segment',
      });
      assert.equal(put.status, 204);
      assert.ok((await admin.get(NS, 'short-grpc')) instanceof CacheGet.Hit);
      assert.ok((await admin.get(NS, 'short-http.ts')) instanceof CacheGet.Hit);
      assert.equal((await fetch(url(`/cache/${NS}/short-grpc`, { token: sandbox.adminKey }))).status, 200);

      await sleep(1100);
      assert.ok((await admin.get(NS, 'short-grpc')) instanceof CacheGet.Miss);
      const expired = await fetch(url(`/cache/${NS}/short-http.ts`, { token: sandbox.adminKey }));
      assert.equal(expired.status, 404);
      assert.equal(await expired.text(), 'Key Not Found');
    });
  });

  describe('API keys', () => {
    it('are plain alphanumeric, do not look like JWTs, and CredentialProvider.fromString accepts them', async () => {
      const key = sandbox.mintKey({ namespace: NS, role: 'read-only', ttlSeconds: 60 });
      for (const k of [key, sandbox.adminKey]) {
        assert.match(k, /^[A-Za-z0-9]+$/);
        assert.ok(!k.startsWith('ey'), 'a sandbox key must not look like a JWT');
      }
      const provider = CredentialProvider.fromString({
        apiKey: sandbox.adminKey,
        endpointOverrides: {
          controlEndpoint: sandbox.grpcEndpoint,
          cacheEndpoint: sandbox.grpcEndpoint,
          tokenEndpoint: sandbox.grpcEndpoint,
          secureConnection: false,
        },
      });
      const client = await CacheClient.create({ configuration: Configurations.Laptop.v1(quiet), credentialProvider: provider, defaultTtlSeconds: 60 });
      clients.push(client);
      assert.ok((await client.set(NS, 'from-string', 'ok')) instanceof CacheSet.Success);
    });

    it('forMomentoLocal sends no key, so the sandbox refuses it (why sdkCredentialProvider exists)', async () => {
      const [host, port] = sandbox.grpcEndpoint.split(':');
      const client = await CacheClient.create({
        configuration: Configurations.Laptop.v1(quiet),
        credentialProvider: CredentialProvider.forMomentoLocal({ hostname: host, port: Number(port) }),
        defaultTtlSeconds: 60,
      });
      clients.push(client);
      const got = await client.get(NS, 'anything');
      assert.ok(got instanceof CacheGet.Error);
      assert.equal(got.errorCode(), MomentoErrorCode.AUTHENTICATION_ERROR);
    });

    it('a read-only key reads but cannot write (SDK PermissionError, HTTP 403)', async () => {
      const admin = await cacheClient(sandbox.adminKey);
      await admin.set(NS, 'ro-target.m3u8', '#EXTM3U\n');
      const ro = sandbox.mintKey({ namespace: NS, role: 'read-only', ttlSeconds: 60 });
      const client = await cacheClient(ro);
      assert.ok((await client.get(NS, 'ro-target.m3u8')) instanceof CacheGet.Hit);
      const denied = await client.set(NS, 'ro-target.m3u8', 'overwrite');
      assert.ok(denied instanceof CacheSet.Error);
      assert.equal(denied.errorCode(), MomentoErrorCode.PERMISSION_ERROR);

      assert.equal((await fetch(url(`/cache/${NS}/ro-target.m3u8`, { token: ro }))).status, 200);
      const put = await fetch(url(`/cache/${NS}/ro-target.m3u8`, { token: ro, ttl_seconds: '60' }), { method: 'PUT', body: 'x' });
      assert.equal(put.status, 403);
      assert.match(await put.text(), /read-only/);
      assert.equal((await fetch(url(`/cache/${NS}/ro-target.m3u8`), { method: 'DELETE', headers: { Authorization: ro } })).status, 403);
    });

    it('a key for another namespace is refused; expired and foreign-run keys are unauthenticated', async () => {
      sandbox.createNamespace('other-ns');
      const other = sandbox.mintKey({ namespace: 'other-ns', role: 'read-write', ttlSeconds: 60 });
      const foreign = await fetch(url(`/cache/${NS}/x.ts`, { token: other, ttl_seconds: '60' }), { method: 'PUT', body: 'x' });
      assert.equal(foreign.status, 403);
      const otherClient = await cacheClient(other);
      const sdkForeign = await otherClient.get(NS, 'x.ts');
      assert.ok(sdkForeign instanceof CacheGet.Error);
      assert.equal(sdkForeign.errorCode(), MomentoErrorCode.PERMISSION_ERROR);

      const shortLived = sandbox.mintKey({ namespace: NS, role: 'read-write', ttlSeconds: 0.2 });
      assert.equal((await fetch(url(`/cache/${NS}/x.ts`, { token: shortLived }))).status, 404);
      await sleep(300);
      const expired = await fetch(url(`/cache/${NS}/x.ts`, { token: shortLived }));
      assert.equal(expired.status, 401);
      assert.match(await expired.text(), /expired/);
      const expiredClient = await cacheClient(shortLived);
      const sdkExpired = await expiredClient.get(NS, 'x.ts');
      assert.ok(sdkExpired instanceof CacheGet.Error);
      assert.equal(sdkExpired.errorCode(), MomentoErrorCode.AUTHENTICATION_ERROR);

      const otherRun = await startMomentoSandbox();
      try {
        otherRun.createNamespace(NS);
        const forged = otherRun.mintKey({ namespace: NS, role: 'read-write', ttlSeconds: 60 });
        assert.equal((await fetch(url(`/cache/${NS}/x.ts`, { token: forged }))).status, 401);
      } finally {
        await otherRun.close();
      }
      assert.equal((await fetch(url(`/cache/${NS}/x.ts`, { token: 'not-a-key' }))).status, 401);
    });

    it('AuthClient generates scoped API keys and disposable tokens with the admin key only', async () => {
      const auth = new AuthClient({ configuration: AuthClientConfigurations.Default.latest(quiet), credentialProvider: sdkCredentialProvider(sandbox.grpcEndpoint, sandbox.adminKey) });
      const generated = await auth.generateApiKey(PermissionScopes.cacheReadOnly(NS), ExpiresIn.seconds(60));
      assert.ok(generated instanceof GenerateApiKey.Success, generated.toString());
      assert.ok(generated.expiresAt.doesExpire());
      const readOnly = generated.apiKey;
      assert.equal((await fetch(url(`/cache/${NS}/gen.ts`, { token: readOnly, ttl_seconds: '60' }), { method: 'PUT', body: 'x' })).status, 403);
      const roClient = await cacheClient(readOnly);
      assert.ok((await roClient.get(NS, 'gen.ts')) instanceof CacheGet.Miss);

      const disposable = await auth.generateDisposableToken(PermissionScopes.cacheReadWrite(NS), ExpiresIn.seconds(30));
      assert.ok(disposable instanceof GenerateDisposableToken.Success, disposable.toString());
      const put = await fetch(url(`/cache/${NS}/gen.ts`, { ttl_seconds: '60' }), {
        method: 'PUT',
        headers: { Authorization: disposable.authToken },
        body: 'x',
      });
      assert.equal(put.status, 204);

      const keyLevel = await auth.generateDisposableToken(DisposableTokenScopes.cacheKeyReadWrite(NS, 'k'), ExpiresIn.seconds(30));
      assert.ok(keyLevel instanceof GenerateDisposableToken.Error);
      assert.equal(keyLevel.errorCode(), MomentoErrorCode.INVALID_ARGUMENT_ERROR);

      const notAdmin = new AuthClient({ configuration: AuthClientConfigurations.Default.latest(quiet), credentialProvider: sdkCredentialProvider(sandbox.grpcEndpoint, readOnly) });
      const refused = await notAdmin.generateApiKey(PermissionScopes.cacheReadWrite(NS), ExpiresIn.seconds(60));
      assert.ok(refused instanceof GenerateApiKey.Error);
      assert.equal(refused.errorCode(), MomentoErrorCode.PERMISSION_ERROR);
    });
  });

  describe('HTTP API', () => {
    it('stores MediaLive path-form PUTs under the path only, ignoring the query string and role=origin', async () => {
      const put = await fetch(
        url(`/cache/${NS}/playlist_720p30_00940.ts`, { token: sandbox.adminKey, ttl_seconds: '3600', role: 'origin' }),
        { method: 'PUT', body: 'ts-bytes' },
      );
      assert.equal(put.status, 204);
      const player = sandbox.mintKey({ namespace: NS, role: 'read-only', ttlSeconds: 60 });
      const get = await fetch(url(`/cache/${NS}/playlist_720p30_00940.ts`), { headers: { Authorization: player } });
      assert.equal(get.status, 200);
      assert.equal(get.headers.get('content-type'), 'video/mp2t');
      assert.equal(await get.text(), 'ts-bytes');

      const byKey = await fetch(url(`/cache/${NS}`, { key: 'playlist_720p30_00940.ts', token: player }));
      assert.equal(await byKey.text(), 'ts-bytes');
      const byKey64 = await fetch(url(`/cache/${NS}`, { key_base64: Buffer.from('playlist_720p30_00940.ts').toString('base64'), token: player }));
      assert.equal(await byKey64.text(), 'ts-bytes');

      const head = await rawRequest(url(`/cache/${NS}/playlist_720p30_00940.ts`, { token: player }), { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers['content-length'], String('ts-bytes'.length));
      assert.equal(head.body.length, 0);

      const missing = await fetch(url('/cache/no-such-namespace/a.ts', { token: sandbox.adminKey }));
      assert.equal(missing.status, 404);
      assert.equal(await missing.text(), 'Cache Not Found');
    });

    it('requires ttl_seconds on PUT and says so (and spots the tts_seconds typo)', async () => {
      const noTtl = await fetch(url(`/cache/${NS}/a.m3u8`, { token: sandbox.adminKey }), { method: 'PUT', body: 'x' });
      assert.equal(noTtl.status, 400);
      assert.match(await noTtl.text(), /ttl_seconds is required/);
      const typo = await fetch(url(`/cache/${NS}/a.m3u8`, { token: sandbox.adminKey, tts_seconds: '3600' }), { method: 'PUT', body: 'x' });
      assert.equal(typo.status, 400);
      assert.match(await typo.text(), /did you mean ttl_seconds/);
      const bad = await fetch(url(`/cache/${NS}/a.m3u8`, { token: sandbox.adminKey, ttl_seconds: 'soon' }), { method: 'PUT', body: 'x' });
      assert.equal(bad.status, 400);
    });

    it('challenges a PUT without credentials with Basic, then accepts the key as the Basic password', async () => {
      const anonymous = await fetch(url(`/cache/${NS}/basic.m3u8`, { ttl_seconds: '60' }), { method: 'PUT', body: '#EXTM3U\n' });
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.headers.get('www-authenticate'), 'Basic realm="momento"');

      const encoder = sandbox.mintKey({ namespace: NS, role: 'read-write', ttlSeconds: 60 });
      const basic = `Basic ${Buffer.from(`momento:${encoder}`).toString('base64')}`;
      const put = await fetch(url(`/cache/${NS}/basic.m3u8`, { ttl_seconds: '60' }), { method: 'PUT', headers: { Authorization: basic }, body: '#EXTM3U\n' });
      assert.equal(put.status, 204);
      const get = await fetch(url(`/cache/${NS}/basic.m3u8`), { headers: { Authorization: basic } });
      assert.equal(get.headers.get('content-type'), 'application/vnd.apple.mpegurl');
      assert.equal(await get.text(), '#EXTM3U\n');

      const wrongBasic = `Basic ${Buffer.from('momento:not-the-key').toString('base64')}`;
      assert.equal((await fetch(url(`/cache/${NS}/basic.m3u8`), { headers: { Authorization: wrongBasic } })).status, 401);
    });

    it('refuses two different keys in one request (token and Authorization)', async () => {
      const player = sandbox.mintKey({ namespace: NS, role: 'read-only', ttlSeconds: 60 });
      const res = await fetch(url(`/cache/${NS}/basic.m3u8`, { token: sandbox.adminKey }), { headers: { Authorization: player } });
      assert.equal(res.status, 400);
      assert.match(await res.text(), /two different API keys/);
    });

    it('accepts chunked PUT bodies like ffmpeg and MediaLive send', async () => {
      const chunks = Array.from({ length: 20 }, () => randomBytes(13_000));
      const put = await rawRequest(url(`/cache/${NS}/chunked_00001.ts`, { token: sandbox.adminKey, ttl_seconds: '60' }), {
        method: 'PUT',
        headers: { 'Transfer-Encoding': 'chunked' },
        chunks,
      });
      assert.equal(put.status, 204);
      const get = await fetch(url(`/cache/${NS}/chunked_00001.ts`, { token: sandbox.adminKey }));
      assert.deepEqual(Buffer.from(await get.arrayBuffer()), Buffer.concat(chunks));
    });

    it('enforces the 10 MB object limit with 413, chunked or not, and stores nothing', async () => {
      const target = url(`/cache/${NS}/big.ts`, { token: sandbox.adminKey, ttl_seconds: '60' });
      const atLimit = await fetch(target, { method: 'PUT', body: Buffer.alloc(MAX_OBJECT_BYTES, 7) });
      assert.equal(atLimit.status, 204);
      await fetch(url(`/cache/${NS}/big.ts`, { token: sandbox.adminKey }), { method: 'DELETE' });

      const declared = await fetch(url(`/cache/${NS}/big2.ts`, { token: sandbox.adminKey, ttl_seconds: '60' }), {
        method: 'PUT',
        body: Buffer.alloc(MAX_OBJECT_BYTES + 1, 7),
      });
      assert.equal(declared.status, 413);
      assert.match(await declared.text(), /10000000 bytes/);

      const chunked = await rawRequest(url(`/cache/${NS}/big3.ts`, { token: sandbox.adminKey, ttl_seconds: '60' }), {
        method: 'PUT',
        headers: { 'Transfer-Encoding': 'chunked' },
        chunks: Array.from({ length: 11 }, () => Buffer.alloc(1_000_000, 7)),
      });
      assert.equal(chunked.status, 413);
      assert.equal(chunked.headers.connection, 'close');
      for (const key of ['big2.ts', 'big3.ts']) {
        assert.equal((await fetch(url(`/cache/${NS}/${key}`, { token: sandbox.adminKey }))).status, 404);
      }
    });
  });

  describe('hot storage', () => {
    let small: MomentoSandbox;
    before(async () => {
      small = await startMomentoSandbox({ hotStorageBytes: 1_000_000 });
      small.createNamespace(NS);
    });
    after(() => small.close());

    it('evicts the oldest items when a namespace is full and counts evictions', async () => {
      const keys = ['seg_00001.ts', 'seg_00002.ts', 'seg_00003.ts', 'seg_00004.ts', 'seg_00005.ts'];
      for (const key of keys) {
        const put = await fetch(`${small.httpEndpoint}/cache/${NS}/${key}?ttl_seconds=60`, {
          method: 'PUT',
          headers: { Authorization: small.adminKey },
          body: Buffer.alloc(300_000, 1),
        });
        assert.equal(put.status, 204);
      }
      const stats = small.stats(NS);
      assert.ok(stats);
      assert.equal(stats.evictions, 2);
      assert.equal(stats.items, 3);
      assert.ok(stats.bytes <= 1_000_000);
      const statuses = await Promise.all(
        keys.map(async (key) => (await fetch(`${small.httpEndpoint}/cache/${NS}/${key}`, { headers: { Authorization: small.adminKey } })).status),
      );
      assert.deepEqual(statuses, [404, 404, 200, 200, 200]);
      assert.equal(small.stats('nope'), undefined);
    });
  });

  describe('fault injection', () => {
    function faultyConfig(metadata: ConstructorParameters<typeof ExperimentalMomentoLocalTestConfigMiddleware>[0]): Configuration {
      return Configurations.Laptop.v1(quiet).withMiddlewares([new ExperimentalMomentoLocalTestConfigMiddleware(metadata)]);
    }

    it('the SDK retries injected UNAVAILABLE errors on Get (momento-local metadata) and succeeds', async () => {
      const admin = await cacheClient(sandbox.adminKey);
      await admin.set(NS, 'retry-me', 'value');
      const before = sandbox.faults.errorsInjected;
      const client = await cacheClient(
        sandbox.adminKey,
        faultyConfig({ requestId: randomUUID(), returnError: MomentoErrorCode.SERVER_UNAVAILABLE, errorRpcs: [MomentoRPCMethod.Get], errorCount: 2 }),
      );
      const got = await client.get(NS, 'retry-me');
      assert.ok(got instanceof CacheGet.Hit, got.toString());
      assert.equal(got.valueString(), 'value');
      assert.equal(sandbox.faults.errorsInjected - before, 2);
    });

    it('the SDK gives up after its retries when the errors outlast them', async () => {
      const before = sandbox.faults.errorsInjected;
      const client = await cacheClient(
        sandbox.adminKey,
        faultyConfig({ requestId: randomUUID(), returnError: MomentoErrorCode.SERVER_UNAVAILABLE, errorRpcs: [MomentoRPCMethod.Get], errorCount: 100 }),
      );
      const got = await client.get(NS, 'retry-me');
      assert.ok(got instanceof CacheGet.Error);
      assert.equal(got.errorCode(), MomentoErrorCode.SERVER_UNAVAILABLE);
      // Laptop config: one attempt plus three retries, all seen by the server.
      assert.equal(sandbox.faults.errorsInjected - before, 4);
    });

    it('x-momento-fault also works as gRPC metadata', async () => {
      const admin = await cacheClient(sandbox.adminKey);
      await admin.set(NS, 'grpc-header', 'v');
      const fault = `return-error=internal;error-rpcs=get;error-count=1;delay-ms=200;request-id=${randomUUID()}`;
      const client = await cacheClient(sandbox.adminKey, Configurations.Laptop.v1(quiet).withMiddlewares([faultMetadata(fault)]));
      const before = sandbox.faults.errorsInjected;
      const start = Date.now();
      const got = await client.get(NS, 'grpc-header');
      assert.ok(got instanceof CacheGet.Hit, got.toString());
      assert.equal(sandbox.faults.errorsInjected - before, 1);
      // Every attempt carries the header, so the retry is delayed too.
      assert.ok(Date.now() - start >= 390, `took ${Date.now() - start} ms`);
    });

    it('honours no fault before the key is authorized (no delay, no injected error, nothing counted)', async () => {
      const before = sandbox.faults.errorsInjected;
      let start = Date.now();
      const anonymous = await fetch(url(`/cache/${NS}/any.m3u8`), { method: 'PUT', body: 'x', headers: { 'x-momento-fault': 'delay-ms=3000' } });
      assert.equal(anonymous.status, 401);
      assert.ok(Date.now() - start < 1000, `the refusal waited ${Date.now() - start} ms for an injected delay`);
      const wrongKey = await fetch(url(`/cache/${NS}/any.m3u8`, { token: 'not-a-key' }), { headers: { 'x-momento-fault': 'return-error=unavailable;error-count=5' } });
      assert.equal(wrongKey.status, 401);

      const otherNamespace = sandbox.mintKey({ namespace: 'elsewhere', role: 'read-write', ttlSeconds: 60 });
      const client = await cacheClient(otherNamespace, Configurations.Laptop.v1(quiet).withMiddlewares([faultMetadata('delay-ms=3000;return-error=unavailable')]));
      start = Date.now();
      const got = await client.get(NS, 'any');
      assert.ok(got instanceof CacheGet.Error, got.toString());
      assert.equal(got.errorCode(), MomentoErrorCode.PERMISSION_ERROR);
      assert.ok(Date.now() - start < 1000, `the refusal waited ${Date.now() - start} ms for an injected delay`);
      assert.equal(sandbox.faults.errorsInjected, before);
    });

    it('per-run rules: errors for N calls on chosen operations only', async () => {
      const admin = await cacheClient(sandbox.adminKey);
      await admin.set(NS, 'run-rule', 'v');
      const rule = sandbox.faults.inject({ returnError: 'unavailable', errorRpcs: ['get'], errorCount: 3, namespace: NS });
      assert.ok((await admin.get(NS, 'run-rule')) instanceof CacheGet.Hit);
      assert.equal(rule.errorsInjected, 3);
      assert.ok((await admin.set(NS, 'run-rule', 'w')) instanceof CacheSet.Success);
      assert.equal(rule.errorsInjected, 3);

      const limited = sandbox.faults.inject({ returnError: 'resource-exhausted', errorRpcs: ['get'], errorCount: 1 });
      const http = await fetch(url(`/cache/${NS}/run-rule`, { token: sandbox.adminKey }));
      assert.equal(http.status, 429);
      assert.equal((await fetch(url(`/cache/${NS}/run-rule`, { token: sandbox.adminKey }))).status, 200);
      limited.remove();
      assert.deepEqual(sandbox.faults.rules(), [rule]);
    });

    it('per-request x-momento-fault header: N errors, then success', async () => {
      const header = { 'x-momento-fault': `return-error=unavailable;error-rpcs=get,set;error-count=2;request-id=${randomUUID()}` };
      await fetch(url(`/cache/${NS}/hdr.m3u8`, { token: sandbox.adminKey, ttl_seconds: '60' }), { method: 'PUT', body: 'x' });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await fetch(url(`/cache/${NS}/hdr.m3u8`, { token: sandbox.adminKey }), { headers: header })).status);
      }
      assert.deepEqual(statuses, [503, 503, 200]);
      const bad = await fetch(url(`/cache/${NS}/hdr.m3u8`, { token: sandbox.adminKey }), { headers: { 'x-momento-fault': 'return-error=melted' } });
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /Unknown fault error 'melted'/);
    });

    it('injected latency is observed over gRPC and HTTP', async () => {
      const admin = await cacheClient(sandbox.adminKey);
      await admin.set(NS, 'slow', 'v');
      const rule = sandbox.faults.inject({ delayMs: 300, delayRpcs: ['get'], delayCount: 1 });
      let start = Date.now();
      assert.ok((await admin.get(NS, 'slow')) instanceof CacheGet.Hit);
      const delayed = Date.now() - start;
      assert.ok(delayed >= 290, `delayed Get took ${delayed} ms`);
      assert.equal(rule.delaysInjected, 1);
      start = Date.now();
      await admin.get(NS, 'slow');
      const undelayed = Date.now() - start;
      assert.ok(undelayed < delayed - 150, `Get after the rule was used up took ${undelayed} ms`);

      start = Date.now();
      const res = await fetch(url(`/cache/${NS}/slow`, { token: sandbox.adminKey }), { headers: { 'x-momento-fault': 'delay-ms=250' } });
      assert.equal(res.status, 200);
      assert.ok(Date.now() - start >= 240);
    });

    it('loses no acknowledged PUT or Set while errors and latency are injected', async () => {
      sandbox.faults.inject({ returnError: 'unavailable', errorRpcs: ['set'], errorCount: 25 });
      sandbox.faults.inject({ delayMs: 30, delayRpcs: ['set'], delayCount: 20 });
      const admin = await cacheClient(sandbox.adminKey);
      const acknowledged = new Map<string, Buffer>();

      const httpWriter = async (n: number) => {
        const key = `durable/http_${n}.ts`;
        const body = randomBytes(2_000 + n);
        for (let attempt = 0; attempt < 10; attempt++) {
          const res = await fetch(url(`/cache/${NS}/${key}`, { token: sandbox.adminKey, ttl_seconds: '60' }), { method: 'PUT', body });
          if (res.status === 204) {
            acknowledged.set(key, body);
            return;
          }
          assert.equal(res.status, 503);
        }
      };
      const grpcWriter = async (n: number) => {
        const key = `durable/grpc_${n}.ts`;
        const body = randomBytes(2_000 + n);
        const result = await admin.set(NS, key, body);
        if (result instanceof CacheSet.Success) acknowledged.set(key, body);
      };
      await Promise.all([
        ...Array.from({ length: 20 }, (_, n) => httpWriter(n)),
        ...Array.from({ length: 20 }, (_, n) => grpcWriter(n)),
      ]);

      assert.ok(sandbox.faults.errorsInjected >= 25);
      assert.ok(acknowledged.size >= 30, `only ${acknowledged.size} writes were acknowledged`);
      sandbox.faults.clear();
      for (const [key, body] of acknowledged) {
        const res = await fetch(url(`/cache/${NS}/${key}`, { token: sandbox.adminKey }));
        assert.equal(res.status, 200, key);
        assert.deepEqual(Buffer.from(await res.arrayBuffer()), body, key);
      }
    });
  });
});
