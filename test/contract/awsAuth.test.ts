// The sandbox's AWS control planes answer only SigV4 requests signed with the run's credentials and
// addressed to their own loopback host, as real AWS refuses unsigned requests; the Momento HTTP API
// refuses foreign Host headers too. Everything goes through the real SDK clients or raw HTTP.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CloudFrontClient, CreateDistributionCommand, GetDistributionCommand, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { ListChannelsCommand, ListInputsCommand, MediaLiveClient } from '@aws-sdk/client-medialive';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { MiddlewareStack } from '@smithy/types';
import { defaultPasswordParam } from '../../src/config/destinationUrl';
import { distributionConfig } from '../../src/deploy/distributionConfig';
import { type AwsCredentials, generateAwsCredentials } from '../../src/sandbox/aws/credentials';
import { startCloudFrontSandbox } from '../../src/sandbox/cloudfront';
import { startMediaLiveSandbox } from '../../src/sandbox/medialive';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/sandbox';
import { startSsmSandbox } from '../../src/sandbox/ssm';
import { type RawRequest, type RawResponse, send, signed } from './awsRaw';

const TWENTY_MINUTES_MS = 20 * 60 * 1000;

interface ClientOptions {
  credentials: AwsCredentials;
  /** Removes the Authorization header after signing: an unsigned request through the real client. */
  unsigned?: boolean;
  systemClockOffset?: number;
  maxAttempts?: number;
}

interface Refusals {
  missing: string;
  unknownKey: string;
  badSignature: string;
  foreignHost: string;
}

interface Plane {
  name: string;
  service: string;
  region: string;
  endpoint: () => string;
  /** A real SDK client whose read resolves to something that proves it was answered. */
  open: (options: ClientOptions) => OpenClient;
  status: number;
  refusals: Refusals;
  errorCode: (response: RawResponse) => string | undefined;
  /** A request that changes state, named by a one-letter tag. */
  write: (tag: string) => RawRequest;
  /** Whether the write with this tag took effect. */
  written: (tag: string) => Promise<boolean>;
}

interface OpenClient {
  read(): Promise<unknown>;
  destroy(): void;
}

async function call(plane: Plane, options: ClientOptions): Promise<unknown> {
  const client = plane.open(options);
  try {
    return await client.read();
  } finally {
    client.destroy();
  }
}

/** With `unsigned`, the client drops the Authorization header after signing, just before sending. */
function unsignedIfAsked<C extends { middlewareStack: unknown }>(client: C, options: ClientOptions): C {
  if (options.unsigned) {
    (client.middlewareStack as MiddlewareStack<object, object>).add((next) => (args) => {
      delete (args.request as { headers: Record<string, string> }).headers.authorization;
      return next(args);
    }, { step: 'deserialize', priority: 'low' });
  }
  return client;
}

describe('AWS control planes require SigV4 with the sandbox credentials', function () {
  this.timeout(30_000);
  let dir: string;
  let sandbox: RunningSandbox;
  const aws = () => ({ ...sandbox.info.aws });

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'live-origin-auth-'));
    sandbox = await startSandbox({ dir, deployDelayMs: 50 });
  });

  after(async () => {
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const encoderKeyParam = () => defaultPasswordParam(sandbox.info.momento.namespace);

  const clientConfig = (region: string, endpoint: string, options: ClientOptions) => ({
    region,
    endpoint,
    credentials: options.credentials,
    maxAttempts: options.maxAttempts ?? 1,
    systemClockOffset: options.systemClockOffset,
  });
  const medialiveClient = (options: ClientOptions) =>
    unsignedIfAsked(new MediaLiveClient(clientConfig(sandbox.info.medialive.region, sandbox.info.medialive.endpoint, options)), options);
  const cloudfrontClient = (options: ClientOptions) =>
    unsignedIfAsked(new CloudFrontClient(clientConfig('us-east-1', sandbox.info.cloudfront.endpoint, options)), options);
  const ssmClient = (options: ClientOptions) =>
    unsignedIfAsked(new SSMClient(clientConfig('us-west-2', sandbox.info.ssm.endpoint, options)), options);

  const planes: Plane[] = [
    {
      name: 'MediaLive',
      service: 'medialive',
      region: 'us-west-2',
      endpoint: () => sandbox.info.medialive.endpoint,
      open: (options) => {
        const client = medialiveClient(options);
        return { read: () => client.send(new ListChannelsCommand({})), destroy: () => client.destroy() };
      },
      status: 403,
      refusals: {
        missing: 'MissingAuthenticationTokenException',
        unknownKey: 'UnrecognizedClientException',
        badSignature: 'InvalidSignatureException',
        foreignHost: 'ForbiddenException',
      },
      errorCode: (response) => response.headers['x-amzn-errortype'] as string | undefined,
      write: (tag) => ({
        method: 'POST',
        path: '/prod/inputs',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `auth-${tag}`, type: 'URL_PULL', sources: [{ url: 'https://example.invalid/a.m3u8' }] }),
      }),
      written: async (tag) => {
        const client = medialiveClient({ credentials: aws() });
        try {
          return ((await client.send(new ListInputsCommand({}))).Inputs ?? []).some((input) => input.Name === `auth-${tag}`);
        } finally {
          client.destroy();
        }
      },
    },
    {
      name: 'CloudFront',
      service: 'cloudfront',
      region: 'us-east-1',
      endpoint: () => sandbox.info.cloudfront.endpoint,
      open: (options) => {
        const client = cloudfrontClient(options);
        return { read: () => client.send(new ListDistributionsCommand({})), destroy: () => client.destroy() };
      },
      status: 403,
      refusals: {
        missing: 'MissingAuthenticationToken',
        unknownKey: 'InvalidClientTokenId',
        badSignature: 'SignatureDoesNotMatch',
        foreignHost: 'AccessDenied',
      },
      errorCode: (response) => /<Code>([^<]*)<\/Code>/.exec(response.text)?.[1],
      // Not a complete DistributionConfig: past the door it fails validation, so nothing is created.
      write: (tag) => ({
        method: 'POST',
        path: '/2020-05-31/distribution',
        headers: { 'content-type': 'application/xml' },
        body: `<DistributionConfig xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><CallerReference>auth-${tag}</CallerReference></DistributionConfig>`,
      }),
      written: async () => false,
    },
    {
      name: 'SSM',
      service: 'ssm',
      region: 'us-west-2',
      endpoint: () => sandbox.info.ssm.endpoint,
      open: (options) => {
        const client = ssmClient(options);
        return {
          read: async () => (await client.send(new GetParameterCommand({ Name: encoderKeyParam(), WithDecryption: true }))).Parameter?.Value,
          destroy: () => client.destroy(),
        };
      },
      status: 400,
      refusals: {
        missing: 'MissingAuthenticationTokenException',
        unknownKey: 'UnrecognizedClientException',
        badSignature: 'InvalidSignatureException',
        foreignHost: 'AccessDeniedException',
      },
      errorCode: (response) => (JSON.parse(response.text) as { __type?: string }).__type,
      write: (tag) => ({
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.PutParameter' },
        body: JSON.stringify({ Name: `/auth/${tag}`, Value: 'written', Type: 'String' }),
      }),
      written: async (tag) => sandbox.ssm.getParameter(`/auth/${tag}`) !== undefined,
    },
  ];

  async function rejectsWith(promise: Promise<unknown>, name: string, message?: RegExp): Promise<void> {
    await assert.rejects(promise, (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(error.name, name, error.message);
      if (message) assert.match(error.message, message);
      return true;
    });
  }

  /** Nothing secret in a refusal: neither the sandbox's keys nor the encoder key. */
  function assertNoSecrets(response: RawResponse): void {
    for (const secret of [aws().accessKeyId, aws().secretAccessKey, sandbox.info.momento.encoderKey]) {
      assert.ok(!response.text.includes(secret), `the answer leaks a secret: ${response.text}`);
    }
  }

  for (const plane of planes) {
    describe(plane.name, () => {
      const sign = (request: RawRequest, extra: { host?: string; signingDate?: Date; payloadHashHeader?: boolean } = {}) =>
        signed(plane.endpoint(), request, { credentials: aws(), service: plane.service, region: plane.region, ...extra });

      async function assertRefused(response: RawResponse, code: string): Promise<void> {
        assert.equal(response.status, plane.status, response.text);
        assert.equal(plane.errorCode(response), code, response.text);
        assertNoSecrets(response);
      }

      it('answers the real SDK client signing with the printed credentials', async () => {
        const answer = await call(plane, { credentials: aws() });
        if (plane.name === 'SSM') assert.equal(answer, sandbox.info.momento.encoderKey);
        else assert.ok(answer);
      });

      it(`refuses the SDK client's request without its signature: ${plane.refusals.missing}`, async () => {
        await rejectsWith(call(plane, { credentials: aws(), unsigned: true }), plane.refusals.missing, /^Missing Authentication Token$/);
      });

      it(`refuses an unknown access key: ${plane.refusals.unknownKey}`, async () => {
        await rejectsWith(call(plane, { credentials: generateAwsCredentials() }), plane.refusals.unknownKey, /security token included in the request is invalid/);
      });

      it(`refuses the right key with a wrong secret: ${plane.refusals.badSignature}`, async () => {
        const wrongSecret = { accessKeyId: aws().accessKeyId, secretAccessKey: generateAwsCredentials().secretAccessKey };
        await rejectsWith(call(plane, { credentials: wrongSecret }), plane.refusals.badSignature, /signature we calculated does not match/);
      });

      it('refuses a request signed 20 minutes ago or 20 minutes ahead', async () => {
        await rejectsWith(call(plane, { credentials: aws(), systemClockOffset: -TWENTY_MINUTES_MS }), plane.refusals.badSignature, /^Signature expired: \d{8}T\d{6}Z is now earlier than/);
        const ahead = await send(plane.endpoint(), await sign({ method: 'GET', path: '/', headers: {} }, { signingDate: new Date(Date.now() + TWENTY_MINUTES_MS) }));
        await assertRefused(ahead, plane.refusals.badSignature);
        assert.match(ahead.text, /Signature not yet current/);
      });

      it('lets the SDK correct a skewed clock from the Date header, as with AWS', async () => {
        const client = plane.open({ credentials: aws(), systemClockOffset: -TWENTY_MINUTES_MS, maxAttempts: 2 });
        try {
          // MediaLive's and SSM's clients retry at once; CloudFront's corrects its clock for the next call.
          await client.read().catch(() => undefined);
          assert.ok(await client.read());
        } finally {
          client.destroy();
        }
      });

      it(`refuses a correctly signed request whose Host is attacker.example: ${plane.refusals.foreignHost}`, async () => {
        const port = new URL(plane.endpoint()).port;
        for (const host of ['attacker.example', `attacker.example:${port}`, `127.0.0.1:${Number(port) + 1}`]) {
          await assertRefused(await send(plane.endpoint(), await sign({ method: 'GET', path: '/', headers: {} }, { host })), plane.refusals.foreignHost);
        }
        const local = await send(plane.endpoint(), await sign(plane.write('L'), { host: `localhost:${port}` }));
        assert.ok(![plane.refusals.foreignHost, plane.refusals.badSignature].includes(plane.errorCode(local) ?? ''), `localhost:${port} is refused: ${local.text}`);
      });

      it('refuses an unsigned form or text POST, as a web page can send', async () => {
        for (const [contentType, body] of [['application/x-www-form-urlencoded', 'Name=x&WithDecryption=true'], ['text/plain', plane.write('F').body!]]) {
          const response = await send(plane.endpoint(), { ...plane.write('F'), headers: { host: new URL(plane.endpoint()).host, 'content-type': contentType }, body });
          await assertRefused(response, plane.refusals.missing);
        }
        assert.equal(await plane.written('F'), false);
      });

      for (const payloadHashHeader of [false, true]) {
        it(`refuses a body swapped under a valid signature (${payloadHashHeader ? 'with' : 'without'} x-amz-content-sha256)`, async () => {
          const genuine = await sign(plane.write('A'), { payloadHashHeader });
          assert.equal('x-amz-content-sha256' in genuine.headers, payloadHashHeader);
          const swapped = await send(plane.endpoint(), { ...genuine, body: plane.write('B').body });
          await assertRefused(swapped, plane.refusals.badSignature);
          assert.equal(await plane.written('B'), false, 'the swapped body took effect');
          const passed = await send(plane.endpoint(), genuine);
          assert.ok(![plane.refusals.badSignature, plane.refusals.missing].includes(plane.errorCode(passed) ?? ''), `the genuine request is refused: ${passed.text}`);
        });
      }
    });
  }

  it('never hands the encoder key to an unsigned AmazonSSM.GetParameter (plain fetch)', async () => {
    const response = await fetch(sandbox.info.ssm.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.GetParameter' },
      body: JSON.stringify({ Name: encoderKeyParam(), WithDecryption: true }),
    });
    const text = await response.text();
    assert.equal(response.status, 400);
    assert.equal((JSON.parse(text) as { __type: string }).__type, 'MissingAuthenticationTokenException');
    assert.ok(!text.includes(sandbox.info.momento.encoderKey), text);
  });

  it('gives MediaLive, CloudFront and SSM the one pair printed in the JSON line', () => {
    const { accessKeyId, secretAccessKey } = aws();
    assert.match(accessKeyId, /^AKIA[A-Z0-9]{16}$/);
    assert.equal(secretAccessKey.length, 40);
    for (const service of [sandbox.medialive, sandbox.cloudfront, sandbox.ssm]) assert.deepEqual(service.credentials, aws());
  });

  describe('Momento HTTP API', () => {
    const get = (host: string, key = 'auth-probe.txt') => {
      const { httpEndpoint, namespace, playerKey } = sandbox.info.momento;
      return send(httpEndpoint, { method: 'GET', path: `/cache/${namespace}/${key}`, headers: { host, authorization: playerKey } });
    };

    before(async () => {
      const { httpEndpoint, namespace, encoderKey } = sandbox.info.momento;
      const put = await fetch(`${httpEndpoint}/cache/${namespace}/auth-probe.txt?ttl_seconds=600`, { method: 'PUT', headers: { authorization: encoderKey }, body: 'probe' });
      assert.equal(put.status, 204);
    });

    it('refuses a foreign Host even with a valid key (403), and serves its own loopback names', async () => {
      const port = new URL(sandbox.info.momento.httpEndpoint).port;
      for (const host of ['attacker.example', `attacker.example:${port}`, `localhost:${Number(port) + 1}`]) {
        const response = await get(host);
        assert.equal(response.status, 403, `${host}: ${response.text}`);
        assert.ok(!response.text.includes('probe'));
      }
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, '127.0.0.1']) {
        const response = await get(host);
        assert.equal(response.status, 200, `${host}: ${response.text}`);
        assert.equal(response.text, 'probe');
      }
    });

    it('still feeds the CloudFront edge, which names its origin without the port', async () => {
      const { playerKey } = sandbox.info.momento;
      const client = cloudfrontClient({ credentials: aws() });
      try {
        const created = await client.send(new CreateDistributionCommand({ DistributionConfig: distributionConfig(sandbox.config, 'auth-edge', playerKey) }));
        const id = created.Distribution!.Id!;
        for (let deadline = Date.now() + 10_000; ;) {
          if ((await client.send(new GetDistributionCommand({ Id: id }))).Distribution?.Status === 'Deployed') break;
          assert.ok(Date.now() < deadline, 'the distribution never deployed');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const viaEdge = await send(sandbox.info.cloudfront.edge, { method: 'GET', path: '/auth-probe.txt', headers: { host: created.Distribution!.DomainName! } });
        assert.equal(viaEdge.status, 200, viaEdge.text);
        assert.equal(viaEdge.text, 'probe');
      } finally {
        client.destroy();
      }
    });
  });
});

describe('AWS sandbox credentials when none are given', () => {
  it('generates a pair per service, different each time, and requires it', async () => {
    const ssm = await startSsmSandbox();
    const medialive = await startMediaLiveSandbox();
    const cloudfront = await startCloudFrontSandbox();
    try {
      const pairs = [ssm.credentials, medialive.credentials, cloudfront.credentials];
      for (const pair of pairs) assert.match(pair.accessKeyId, /^AKIA[A-Z0-9]{16}$/);
      assert.equal(new Set(pairs.map((pair) => pair.secretAccessKey)).size, 3);
      const client = new SSMClient({ region: 'us-west-2', endpoint: ssm.endpoint, credentials: medialive.credentials, maxAttempts: 1 });
      await assert.rejects(client.send(new GetParameterCommand({ Name: '/x' })), { name: 'UnrecognizedClientException' });
      client.destroy();
    } finally {
      await Promise.all([ssm.close(), medialive.close(), cloudfront.close()]);
    }
  });
});
