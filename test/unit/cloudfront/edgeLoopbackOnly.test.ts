// Issue 10, finding 1, defence in depth: even a config that skipped validation (stored directly
// here) cannot make the edge connect anywhere but loopback. The agents record every connection the
// edge asks for and never open one, so a regression fails the test without sending any traffic.
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import { Edge } from '../../../src/sandbox/cloudfront/edge';
import { EdgeCache } from '../../../src/sandbox/cloudfront/edgeCache';
import { fetchFromOrigin, OriginFailure } from '../../../src/sandbox/cloudfront/originFetch';
import { DistributionStore } from '../../../src/sandbox/cloudfront/store';

const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

/** Records the host of every connection asked for and fails it at once, without touching the network. */
function recordingAgents(attempts: string[]) {
  const refuse = (options: http.ClientRequestArgs) => {
    attempts.push(String(options.host));
    const socket = new net.Socket();
    process.nextTick(() => socket.destroy(Object.assign(new Error('test agent: connection not allowed'), { code: 'ECONNREFUSED' })));
    return socket;
  };
  const agents = { http: new http.Agent(), https: new https.Agent() };
  agents.http.createConnection = refuse;
  agents.https.createConnection = refuse;
  return agents;
}

function configWithOrigin(domainName: string, port: number): DistributionConfig {
  return {
    CallerReference: `edge-loopback-${domainName}`,
    Comment: '',
    Enabled: true,
    Origins: {
      Quantity: 1,
      Items: [{
        Id: 'o', DomainName: domainName, OriginPath: '/cache/ns', ConnectionAttempts: 1,
        CustomOriginConfig: { HTTPPort: port, HTTPSPort: 443, OriginProtocolPolicy: 'http-only' },
      }],
    },
    DefaultCacheBehavior: { TargetOriginId: 'o', ViewerProtocolPolicy: 'allow-all', CachePolicyId: CACHING_DISABLED },
  };
}

function get(port: number, host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { host }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.setTimeout(5000, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

describe('CloudFront sandbox edge: loopback origins only, at fetch time', () => {
  const attempts: string[] = [];
  const store = new DistributionStore({ deployDelayMs: 0 });
  const edge = new Edge({
    store, cache: new EdgeCache(1024 * 1024), agents: recordingAgents(attempts), errorCachingTtlSeconds: 10, maxObjectBytes: 1024 * 1024, pop: 'TST1',
  });
  const server = http.createServer(edge.handle);
  let port = 0;

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    store.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    attempts.length = 0;
  });

  for (const domain of ['192.0.2.10', 'metadata.example.invalid', '2130706433', 'localhost.example.invalid']) {
    it(`answers a CloudFront 502 page for an origin at ${domain} without opening a connection`, async () => {
      const distribution = store.create(configWithOrigin(domain, 80));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const response = await get(port, distribution.domainName, '/key');
      assert.equal(response.status, 502);
      assert.match(response.body, /<H1>502 ERROR<\/H1>/);
      assert.match(response.body, new RegExp(`"${domain.replace(/\./g, '\\.')}".*only fronts loopback origins`));
      assert.deepEqual(attempts, []);
    });
  }

  it('still connects to a loopback origin (through the recording agent)', async () => {
    const distribution = store.create(configWithOrigin('origin.localhost', 9));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const response = await get(port, distribution.domainName, '/key');
    assert.equal(response.status, 502);
    assert.match(response.body, /wasn't able to connect/);
    assert.deepEqual(attempts, ['origin.localhost']);
  });

  it('refuses in fetchFromOrigin itself, before any connection', async () => {
    const target = { protocol: 'http:' as const, hostname: '192.0.2.10', port: 80, connectionAttempts: 3, connectionTimeoutMs: 1000, readTimeoutMs: 1000 };
    await assert.rejects(
      fetchFromOrigin(recordingAgents(attempts), target, { method: 'GET', path: '/', headers: {} }, 1024),
      (error: unknown) => error instanceof OriginFailure && error.kind === 'not-loopback',
    );
    assert.deepEqual(attempts, []);
  });
});
