// Issue 10, finding 1 (SSRF): the sandbox edge fetches from whatever a distribution names as its
// origin, so the control plane must refuse every origin that is not literally loopback.
// Nothing here sends traffic to the refused names: they only ever reach the control plane.
import assert from 'node:assert/strict';
import {
  CloudFrontClient,
  CreateDistributionCommand,
  CreateDistributionWithTagsCommand,
  GetDistributionConfigCommand,
  ListDistributionsCommand,
  UpdateDistributionCommand,
} from '@aws-sdk/client-cloudfront';
import { startCloudFrontSandbox, type CloudFrontSandbox } from '../../src/sandbox/cloudfront';
import { createDeployed, distributionConfig, httpOrigin, rejectsWith, sdkClient, viewerGet } from './cloudfrontHarness';
import { TestOrigin } from './cloudfrontTestOrigin';

const NOT_LOOPBACK = [
  '169.254.169.254', // cloud metadata service
  '10.0.0.1',
  'metadata.google.internal',
  '192.0.2.10', // TEST-NET-1
  '2130706433', // 127.0.0.1 as one number: loopback only after an inet_aton-style lookup
  '0177.0.0.1', // octal spelling, same story
  '127.0.0.1.nip.io', // a public name that resolves to loopback
  'localhost.example.invalid',
  'localhost.',
];

function refusal(domain: string): RegExp {
  return new RegExp(`"${domain.replace(/[.]/g, '\\.')}".*only fronts loopback origins`);
}

describe('CloudFront sandbox: origins must be loopback (issue 10, SSRF)', function () {
  this.timeout(20_000);
  let origin: TestOrigin;
  let sandbox: CloudFrontSandbox;
  let client: CloudFrontClient;

  before(async () => {
    origin = await new TestOrigin().start();
    sandbox = await startCloudFrontSandbox({ deployDelayMs: 50 });
    client = sdkClient(sandbox);
  });

  after(async () => {
    client?.destroy();
    await sandbox?.close();
    await origin?.close();
  });

  it('refuses non-loopback origins at CreateDistribution with InvalidArgument naming the domain', async () => {
    for (const domain of NOT_LOOPBACK) {
      const error = await rejectsWith(
        client.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig([httpOrigin('o', domain, 80, '/cache/ns')]) })),
        'InvalidArgument',
        refusal(domain),
      );
      assert.equal((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, 400);
    }
    const secondOrigin = distributionConfig([httpOrigin('ok', '127.0.0.1', origin.port, ''), httpOrigin('metadata', '169.254.169.254', 80, '')]);
    await rejectsWith(client.send(new CreateDistributionCommand({ DistributionConfig: secondOrigin })), 'InvalidArgument', refusal('169.254.169.254'));
    const { DistributionList } = await client.send(new ListDistributionsCommand({}));
    assert.equal(DistributionList!.Quantity, 0, 'nothing was stored');
  });

  it('stores nothing from CreateDistributionWithTags with a non-loopback origin', async () => {
    // The sandbox does not implement CreateDistributionWithTags (UnsupportedOperation); should it
    // ever, the same validation must refuse the origin.
    const config = distributionConfig([httpOrigin('metadata', 'metadata.with-tags.invalid', 80, '')]);
    await assert.rejects(client.send(new CreateDistributionWithTagsCommand({ DistributionConfigWithTags: { DistributionConfig: config, Tags: { Items: [] } } })));
    const { DistributionList } = await client.send(new ListDistributionsCommand({}));
    const stored = (DistributionList!.Items ?? []).flatMap((summary) => summary.Origins!.Items!.map((item) => item.DomainName));
    assert.ok(!stored.includes('metadata.with-tags.invalid'), stored.join(', '));
  });

  it('refuses them at UpdateDistribution and keeps the loopback origin', async () => {
    const created = await createDeployed(client, distributionConfig([httpOrigin('o', '127.0.0.1', origin.port, '')]));
    const { ETag, DistributionConfig: config } = await client.send(new GetDistributionConfigCommand({ Id: created.Id }));
    config!.Origins!.Items![0].DomainName = 'metadata.google.internal';
    await rejectsWith(
      client.send(new UpdateDistributionCommand({ Id: created.Id, IfMatch: ETag, DistributionConfig: config })),
      'InvalidArgument',
      refusal('metadata.google.internal'),
    );
    const after = await client.send(new GetDistributionConfigCommand({ Id: created.Id }));
    assert.equal(after.DistributionConfig!.Origins!.Items![0].DomainName, '127.0.0.1');
    assert.equal(after.ETag, ETag);
  });

  it('accepts every loopback spelling, and the edge still reaches a 127.0.0.1 origin', async () => {
    for (const domain of ['127.0.0.1', '127.10.20.30', 'localhost', 'LOCALHOST', 'origin.localhost', '::1', '[::1]']) {
      await client.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig([httpOrigin('o', domain, origin.port, '')]) }));
    }
    origin.objects.set('/cache/ns/hello.txt', { body: 'hello' });
    // The resolver here does not know *.localhost: the edge maps it to 127.0.0.1 itself.
    for (const domain of ['127.0.0.1', 'localhost', 'origin.localhost']) {
      const distribution = await createDeployed(client, distributionConfig([httpOrigin('o', domain, origin.port, '/cache/ns')]));
      const response = await viewerGet(sandbox, distribution, '/hello.txt');
      assert.equal(response.status, 200, `${domain}: ${response.body}`);
      assert.equal(response.body, 'hello');
    }
  });
});
