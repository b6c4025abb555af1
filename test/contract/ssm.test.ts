import assert from 'node:assert/strict';
import {
  DeleteParameterCommand,
  GetParameterCommand,
  ParameterAlreadyExists,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { SsmSandbox, startSsmSandbox } from '../../src/sandbox/ssm';

describe('sandbox SSM through @aws-sdk/client-ssm', () => {
  let ssm: SsmSandbox;
  let client: SSMClient;

  before(async () => {
    ssm = await startSsmSandbox({ region: 'us-west-2' });
    client = new SSMClient({ region: 'us-west-2', endpoint: ssm.endpoint, credentials: ssm.credentials });
  });

  after(async () => {
    client.destroy();
    await ssm.close();
  });

  it('listens on loopback', () => {
    assert.match(ssm.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('stores a SecureString and returns it decrypted only when asked', async () => {
    const put = await client.send(new PutParameterCommand({ Name: '/live-origin/momento-encoder-key', Value: 'encoder-key-1', Type: 'SecureString' }));
    assert.equal(put.Version, 1);
    const clear = await client.send(new GetParameterCommand({ Name: '/live-origin/momento-encoder-key', WithDecryption: true }));
    assert.equal(clear.Parameter?.Value, 'encoder-key-1');
    assert.equal(clear.Parameter?.Type, 'SecureString');
    assert.equal(clear.Parameter?.ARN, 'arn:aws:ssm:us-west-2:123456789012:parameter/live-origin/momento-encoder-key');
    assert.ok(clear.Parameter?.LastModifiedDate instanceof Date);
    const sealed = await client.send(new GetParameterCommand({ Name: '/live-origin/momento-encoder-key' }));
    assert.notEqual(sealed.Parameter?.Value, 'encoder-key-1');
    assert.equal(sealed.Parameter?.Value?.includes('encoder-key-1'), false);
    assert.equal(ssm.getParameter('/live-origin/momento-encoder-key'), 'encoder-key-1');
  });

  it('refuses to overwrite without Overwrite, then bumps the version', async () => {
    await assert.rejects(
      client.send(new PutParameterCommand({ Name: '/live-origin/momento-encoder-key', Value: 'other', Type: 'SecureString' })),
      (error: unknown) => error instanceof ParameterAlreadyExists && error.$metadata.httpStatusCode === 400,
    );
    const put = await client.send(new PutParameterCommand({ Name: '/live-origin/momento-encoder-key', Value: 'encoder-key-2', Overwrite: true }));
    assert.equal(put.Version, 2);
    assert.equal(ssm.getParameter('/live-origin/momento-encoder-key'), 'encoder-key-2');
  });

  it('answers ParameterNotFound for a missing name, on get and delete', async () => {
    await assert.rejects(
      client.send(new GetParameterCommand({ Name: '/nope', WithDecryption: true })),
      (error: unknown) => error instanceof ParameterNotFound && /\/nope/.test(error.message),
    );
    await client.send(new DeleteParameterCommand({ Name: '/live-origin/momento-encoder-key' }));
    assert.equal(ssm.getParameter('/live-origin/momento-encoder-key'), undefined);
    await assert.rejects(client.send(new DeleteParameterCommand({ Name: '/live-origin/momento-encoder-key' })), ParameterNotFound);
  });

  it('validates names, values and types', async () => {
    await assert.rejects(client.send(new PutParameterCommand({ Name: 'bad name', Value: 'x', Type: 'String' })), { name: 'ValidationException' });
    await assert.rejects(client.send(new PutParameterCommand({ Name: '/aws/reserved', Value: 'x', Type: 'String' })), { name: 'ValidationException' });
    await assert.rejects(client.send(new PutParameterCommand({ Name: '/no-type', Value: 'x' })), { name: 'ValidationException' });
  });

  it('lets the sandbox API put a parameter the SDK reads', async () => {
    ssm.putParameter('/from/api', 'value');
    const got = await client.send(new GetParameterCommand({ Name: '/from/api', WithDecryption: true }));
    assert.equal(got.Parameter?.Value, 'value');
    assert.equal(got.Parameter?.Type, 'SecureString');
  });
});
