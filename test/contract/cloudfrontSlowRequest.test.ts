// Issue 10, finding 3: one viewer request must not stall the sandbox's shared event loop. Path-pattern
// matching is linear, cache behaviors are capped at 25 and the request URL at 8,192 bytes.
import assert from 'node:assert/strict';
import { CreateDistributionCommand, GetDistributionConfigCommand, UpdateDistributionCommand, type CloudFrontClient, type Distribution } from '@aws-sdk/client-cloudfront';
import { startCloudFrontSandbox, type CloudFrontSandbox } from '../../src/sandbox/cloudfront';
import { startMomentoSandbox, type MomentoSandbox } from '../../src/sandbox/momento';
import { behavior, createDeployed, distributionConfig, httpOrigin, rejectsWith, sdkClient, viewerGet } from './cloudfrontHarness';
import { TestOrigin } from './cloudfrontTestOrigin';

const MAX_BEHAVIORS = 25;
const MAX_URL_BYTES = 8192;

/** Patterns that cost a backtracking matcher pattern length x path length each on a path of a's. */
function adversarialBehaviors(count: number, targetOriginId: string) {
  return Array.from({ length: count }, (_, i) => behavior(`*${'a'.repeat(240)}${String.fromCharCode(98 + (i % 25))}${'?'.repeat(Math.floor(i / 25))}`, targetOriginId));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe('CloudFront sandbox: one slow request cannot stall everything (issue 10)', function () {
  this.timeout(30_000);
  let origin: TestOrigin;
  let momento: MomentoSandbox;
  let sandbox: CloudFrontSandbox;
  let client: CloudFrontClient;
  let distribution: Distribution;
  const longPath = `/${'a'.repeat(MAX_URL_BYTES - 1)}`;

  before(async () => {
    origin = await new TestOrigin().start();
    momento = await startMomentoSandbox();
    sandbox = await startCloudFrontSandbox({ deployDelayMs: 50 });
    client = sdkClient(sandbox);
    distribution = await createDeployed(client, distributionConfig([httpOrigin('o', '127.0.0.1', origin.port, '')], adversarialBehaviors(MAX_BEHAVIORS, 'o')));
  });

  after(async () => {
    client?.destroy();
    await sandbox?.close();
    await momento?.close();
    await origin?.close();
  });

  it('refuses a 26th cache behavior at create and update with TooManyCacheBehaviors', async () => {
    await rejectsWith(
      client.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig([httpOrigin('o', '127.0.0.1', origin.port, '')], adversarialBehaviors(MAX_BEHAVIORS + 1, 'o')) })),
      'TooManyCacheBehaviors',
    );
    const { ETag, DistributionConfig: config } = await client.send(new GetDistributionConfigCommand({ Id: distribution.Id }));
    config!.CacheBehaviors = { Quantity: MAX_BEHAVIORS + 1, Items: adversarialBehaviors(MAX_BEHAVIORS + 1, 'o') };
    await rejectsWith(client.send(new UpdateDistributionCommand({ Id: distribution.Id, IfMatch: ETag, DistributionConfig: config })), 'TooManyCacheBehaviors');
  });

  it('answers 414 for a URL over 8,192 bytes, query string included', async () => {
    const tooLong = await viewerGet(sandbox, distribution, `${longPath}b`);
    assert.equal(tooLong.status, 414);
    assert.match(tooLong.body, /<H1>414 ERROR<\/H1>/);
    const withQuery = await viewerGet(sandbox, distribution, `/a?${'q'.repeat(MAX_URL_BYTES)}`);
    assert.equal(withQuery.status, 414);
    assert.equal((await viewerGet(sandbox, distribution, longPath)).status, 404, 'exactly 8,192 bytes still reaches the origin');
  });

  it('serves a worst-case request (25 adversarial behaviors, 8 kB path) in well under 50 ms', async () => {
    const timings: number[] = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      const response = await viewerGet(sandbox, distribution, longPath);
      timings.push(performance.now() - started);
      assert.equal(response.status, 404);
    }
    assert.ok(median(timings) < 50, `median ${median(timings).toFixed(1)} ms over ${timings.map((t) => t.toFixed(1)).join(', ')}`);
  });

  it('does not delay a concurrent Momento GET by more than a bound', async () => {
    momento.createNamespace('live-origin');
    const key = momento.mintKey({ namespace: 'live-origin', role: 'read-only', ttlSeconds: 60 });
    const momentoGet = async () => {
      const started = performance.now();
      const response = await fetch(`${momento.httpEndpoint}/cache/live-origin/missing.ts`, { headers: { authorization: key } });
      await response.arrayBuffer();
      assert.equal(response.status, 404);
      return performance.now() - started;
    };
    await momentoGet();
    const edgeRequests = Array.from({ length: 20 }, () => viewerGet(sandbox, distribution, longPath));
    const [momentoMs] = await Promise.all([momentoGet(), ...edgeRequests]);
    assert.ok(momentoMs < 250, `the Momento GET took ${momentoMs.toFixed(1)} ms next to 20 worst-case edge requests`);
  });
});
