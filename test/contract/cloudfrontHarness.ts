// Shared pieces of the CloudFront sandbox hardening tests: an SDK client, configs with loopback
// origins, waiting for deployment and viewer requests to the edge with an explicit Host header.
import assert from 'node:assert/strict';
import http from 'node:http';
import {
  CloudFrontClient,
  CreateDistributionCommand,
  GetDistributionCommand,
  type CacheBehavior,
  type Distribution,
  type DistributionConfig,
  type Origin,
} from '@aws-sdk/client-cloudfront';
import type { CloudFrontSandbox } from '../../src/sandbox/cloudfront';

const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

export function sdkClient(sandbox: CloudFrontSandbox): CloudFrontClient {
  return new CloudFrontClient({
    region: 'us-east-1',
    endpoint: sandbox.endpoint,
    credentials: sandbox.credentials,
    maxAttempts: 1,
  });
}

let callerReferenceCounter = 0;
function nextCallerReference(): string {
  return `hardening-${process.pid}-${++callerReferenceCounter}`;
}

export function httpOrigin(id: string, domainName: string, port: number, originPath: string, authorization?: string): Origin {
  return {
    Id: id,
    DomainName: domainName,
    OriginPath: originPath,
    CustomHeaders: authorization === undefined
      ? { Quantity: 0 }
      : { Quantity: 1, Items: [{ HeaderName: 'Authorization', HeaderValue: authorization }] },
    CustomOriginConfig: { HTTPPort: port, HTTPSPort: 443, OriginProtocolPolicy: 'http-only' },
    ConnectionAttempts: 1,
  };
}

export function behavior(pathPattern: string, targetOriginId: string): CacheBehavior {
  return { PathPattern: pathPattern, TargetOriginId: targetOriginId, ViewerProtocolPolicy: 'allow-all', CachePolicyId: CACHING_DISABLED };
}

/** The default behavior targets the first origin and never caches. */
export function distributionConfig(origins: Origin[], behaviors: CacheBehavior[] = []): DistributionConfig {
  return {
    CallerReference: nextCallerReference(),
    Comment: 'hardening test',
    Enabled: true,
    Origins: { Quantity: origins.length, Items: origins },
    DefaultCacheBehavior: { TargetOriginId: origins[0].Id!, ViewerProtocolPolicy: 'allow-all', CachePolicyId: CACHING_DISABLED },
    CacheBehaviors: { Quantity: behaviors.length, Items: behaviors },
  };
}

export async function createDeployed(client: CloudFrontClient, config: DistributionConfig, timeoutMs = 5000): Promise<Distribution> {
  const created = await client.send(new CreateDistributionCommand({ DistributionConfig: config }));
  const id = created.Distribution!.Id!;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { Distribution } = await client.send(new GetDistributionCommand({ Id: id }));
    if (Distribution!.Status === 'Deployed') return Distribution!;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${id} did not deploy within ${timeoutMs} ms`);
}

export async function rejectsWith(promise: Promise<unknown>, name: string, message?: RegExp): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Error, `expected ${name}, got ${String(error)}`);
    assert.equal(error.name, name, `expected ${name}, got ${error.name}: ${error.message}`);
    if (message) assert.match(error.message, message);
    return error;
  }
  assert.fail(`expected ${name}, but the call succeeded`);
}

export interface ViewerResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A GET to the edge listener addressed to the distribution by its Host header; the path is sent as is. */
export function viewerGet(sandbox: CloudFrontSandbox, distribution: Distribution, path: string): Promise<ViewerResponse> {
  const edge = new URL(sandbox.edge);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port: Number(edge.port),
      path,
      headers: { host: distribution.DomainName! },
      agent: false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(15_000, () => req.destroy(new Error('viewer request timed out')));
    req.on('error', reject);
    req.end();
  });
}
