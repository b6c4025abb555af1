// Issue 10, finding 4: CloudFront's default quotas on distributions, origins and origin custom
// headers, and request bodies the XML reader refuses with 400 MalformedXML instead of failing.
import assert from 'node:assert/strict';
import { CreateDistributionCommand, type CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { startCloudFrontSandbox, type CloudFrontSandbox } from '../../src/sandbox/cloudfront';
import { distributionConfig, httpOrigin, rejectsWith, sdkClient } from './cloudfrontHarness';

/** A client that sends `body` in place of the XML it serialized (still signed, since signing comes later). */
function clientSending(sandbox: CloudFrontSandbox, body: string): CloudFrontClient {
  const client = sdkClient(sandbox);
  client.middlewareStack.add((next) => (args) => {
    const request = args.request as { body?: unknown; headers: Record<string, string> };
    request.body = body;
    request.headers['content-length'] = String(Buffer.byteLength(body));
    return next(args);
  }, { step: 'build', priority: 'low', name: 'replaceBody' });
  return client;
}

function statusOf(error: Error): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

describe('CloudFront sandbox quotas and XML limits (issue 10)', function () {
  this.timeout(30_000);
  let sandbox: CloudFrontSandbox;
  let client: CloudFrontClient;

  beforeEach(async () => {
    sandbox = await startCloudFrontSandbox({ deployDelayMs: 50 });
    client = sdkClient(sandbox);
  });

  afterEach(async () => {
    client?.destroy();
    await sandbox?.close();
  });

  const origins = (count: number) => Array.from({ length: count }, (_, i) => httpOrigin(`o${i}`, '127.0.0.1', 8000 + i, ''));

  it('allows 25 origins per distribution and refuses 26 with TooManyOrigins', async () => {
    await client.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig(origins(25)) }));
    const error = await rejectsWith(client.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig(origins(26)) })), 'TooManyOrigins');
    assert.equal(statusOf(error), 400);
  });

  it('allows 10 custom headers per origin and refuses 11 with TooManyOriginCustomHeaders', async () => {
    const withHeaders = (count: number) => {
      const origin = httpOrigin('o', '127.0.0.1', 8000, '');
      origin.CustomHeaders = { Quantity: count, Items: Array.from({ length: count }, (_, i) => ({ HeaderName: `x-custom-${i}`, HeaderValue: 'v' })) };
      return distributionConfig([origin]);
    };
    await client.send(new CreateDistributionCommand({ DistributionConfig: withHeaders(10) }));
    const error = await rejectsWith(client.send(new CreateDistributionCommand({ DistributionConfig: withHeaders(11) })), 'TooManyOriginCustomHeaders');
    assert.equal(statusOf(error), 400);
  });

  it('holds 200 distributions and refuses the 201st with TooManyDistributions', async () => {
    for (let i = 0; i < 200; i++) {
      await client.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig(origins(1)) }));
    }
    const error = await rejectsWith(client.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig(origins(1)) })), 'TooManyDistributions');
    assert.equal(statusOf(error), 400);
  });

  it('refuses a well-formed config of too many elements before reading it, with MalformedXML', async () => {
    const config = distributionConfig(origins(1));
    const aliases = Array.from({ length: 20_000 }, (_, i) => `a${i}.example.com`);
    config.Aliases = { Quantity: aliases.length, Items: aliases };
    const error = await rejectsWith(client.send(new CreateDistributionCommand({ DistributionConfig: config })), 'MalformedXML', /elements/);
    assert.equal(statusOf(error), 400);
  });

  for (const [what, body] of [
    ['deeply nested', `<DistributionConfig>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</DistributionConfig>`],
    ['nested just past the parser\'s own limit', `<DistributionConfig>${'<a>'.repeat(101)}x${'</a>'.repeat(101)}</DistributionConfig>`],
    ['declaring entities', '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><DistributionConfig><Comment>&b;</Comment></DistributionConfig>'],
  ] as const) {
    it(`answers 400 MalformedXML to a body ${what}`, async () => {
      const sending = clientSending(sandbox, body);
      try {
        const error = await rejectsWith(sending.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig(origins(1)) })), 'MalformedXML');
        assert.equal(statusOf(error), 400);
        assert.doesNotMatch(error.message, /stack|Sandbox failure/i);
      } finally {
        sending.destroy();
      }
    });
  }
});
