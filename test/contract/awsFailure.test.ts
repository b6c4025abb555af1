// The refusals of the sandbox's AWS control planes, as the real SDK clients raise them, each get
// the sentence that names their fix: the names describeAwsFailure knows are the ones clients throw.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CloudFrontClient, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { ListChannelsCommand, MediaLiveClient } from '@aws-sdk/client-medialive';
import { DescribeParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { AwsCredentialIdentity } from '@smithy/types';
import { describeAwsFailure } from '../../src/cloud/awsFailure';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/sandbox';

describe('AWS refusals through the real clients, described', function () {
  this.timeout(30_000);
  let dir: string;
  let sandbox: RunningSandbox;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'live-origin-aws-failure-'));
    sandbox = await startSandbox({ dir, deployDelayMs: 50 });
  });

  after(async () => {
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const calls: Record<string, (credentials: AwsCredentialIdentity) => Promise<unknown>> = {
    MediaLive: (credentials) => {
      const client = new MediaLiveClient({ region: sandbox.info.medialive.region, endpoint: sandbox.info.medialive.endpoint, credentials, maxAttempts: 1 });
      return client.send(new ListChannelsCommand({})).finally(() => client.destroy());
    },
    CloudFront: (credentials) => {
      const client = new CloudFrontClient({ region: 'us-east-1', endpoint: sandbox.info.cloudfront.endpoint, credentials, maxAttempts: 1 });
      return client.send(new ListDistributionsCommand({})).finally(() => client.destroy());
    },
    SSM: (credentials) => {
      const client = new SSMClient({ region: sandbox.info.medialive.region, endpoint: sandbox.info.ssm.endpoint, credentials, maxAttempts: 1 });
      return client.send(new DescribeParametersCommand({})).finally(() => client.destroy());
    },
  };

  async function described(call: (credentials: AwsCredentialIdentity) => Promise<unknown>, credentials: AwsCredentialIdentity): Promise<string> {
    const error = await call(credentials).then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof Error, 'the call must be refused');
    const text = describeAwsFailure(error, 'prod', {});
    assert.ok(text, `no description for ${error.name}: ${error.message}`);
    assert.ok(!text.includes(credentials.secretAccessKey), text);
    return text;
  }

  for (const [service, call] of Object.entries(calls)) {
    it(`${service}: an access key AWS does not know`, async () => {
      const text = await described(call, { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: sandbox.info.aws.secretAccessKey });
      assert.match(text, /does not recognise the access key of profile "prod"/);
    });

    it(`${service}: a secret that does not match the access key`, async () => {
      const text = await described(call, { accessKeyId: sandbox.info.aws.accessKeyId, secretAccessKey: 'wrong-secret-wrong-secret-wrong-secret00' });
      assert.match(text, /secret access key does not belong to the access key ID/);
    });
  }
});
