// The SigV4 verifier on requests signed by the SDK's own signer, as they look on the wire.
import assert from 'node:assert/strict';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import { generateAwsCredentials } from '../../../src/sandbox/aws/credentials';
import { type ReceivedRequest, verifySignature } from '../../../src/sandbox/aws/requestAuth';

const CREDENTIALS = generateAwsCredentials();
const HOST = '127.0.0.1:4567';
const SIGNED_AT = new Date('2026-03-01T12:00:00Z');
const MINUTE = 60_000;

interface Wire {
  method?: string;
  /** Path and query string exactly as sent. */
  url: string;
  /** What the signer sees: the decoded query. */
  path: string;
  query?: Record<string, string | string[] | null>;
  headers?: Record<string, string>;
  body?: string;
  service?: string;
  signableHeaders?: Set<string>;
}

async function signedRequest(wire: Wire): Promise<ReceivedRequest> {
  const signer = new SignatureV4({ credentials: CREDENTIALS, region: 'us-west-2', service: wire.service ?? 'medialive', sha256: Sha256, applyChecksum: false });
  const signed = await signer.sign(new HttpRequest({
    method: wire.method ?? 'GET',
    protocol: 'http:',
    hostname: '127.0.0.1',
    path: wire.path,
    query: wire.query ?? {},
    headers: { host: HOST, ...wire.headers },
    body: wire.body,
  }), { signingDate: SIGNED_AT, signableHeaders: wire.signableHeaders });
  return { method: wire.method ?? 'GET', url: wire.url, headers: signed.headers, body: Buffer.from(wire.body ?? '') };
}

const verify = (request: ReceivedRequest, now = SIGNED_AT) => verifySignature(request, CREDENTIALS, 'medialive', now);

describe('SigV4 request verification', () => {
  it('accepts encoded paths, repeated, empty and valueless query parameters and a JSON body', async () => {
    const request = await signedRequest({
      method: 'POST',
      url: '/prod/a%20b/c%2Fd?b=2&a=1&a=0&x=%2A%20y%2B&empty=&flag',
      path: '/prod/a%20b/c%2Fd',
      query: { b: '2', a: ['1', '0'], x: '* y+', empty: '', flag: null },
      headers: { 'content-type': 'application/json' },
      body: '{"name":"é"}',
    });
    assert.equal(await verify(request), undefined);
  });

  it('accepts headers the signer leaves out by default when the client signed them', async () => {
    const request = await signedRequest({ url: '/prod/channels', path: '/prod/channels', headers: { 'user-agent': 'curl/8' }, signableHeaders: new Set(['user-agent']) });
    assert.match(String(request.headers.authorization), /SignedHeaders=host;user-agent;x-amz-date,/);
    assert.equal(await verify(request), undefined);
  });

  it('refuses a changed method, path, query, signed header or body', async () => {
    const request = await signedRequest({ method: 'PUT', url: '/prod/channels/1?a=1', path: '/prod/channels/1', query: { a: '1' }, headers: { 'x-custom': 'v' }, body: 'one' });
    for (const changed of [
      { ...request, method: 'POST' },
      { ...request, url: '/prod/channels/2?a=1' },
      { ...request, url: '/prod/channels/1?a=2' },
      { ...request, headers: { ...request.headers, 'x-custom': 'w' } },
      { ...request, body: Buffer.from('two') },
    ]) {
      assert.equal((await verify(changed))?.kind, 'bad-signature');
    }
  });

  it('tells a missing token from a malformed one and from an unknown key', async () => {
    const request = await signedRequest({ url: '/', path: '/' });
    const { authorization, ...unsigned } = request.headers;
    assert.equal((await verify({ ...request, headers: unsigned }))?.kind, 'missing-token');
    assert.equal((await verify({ ...request, headers: { ...unsigned, authorization: 'Bearer abc' } }))?.kind, 'incomplete-signature');
    assert.equal((await verify({ ...request, headers: { ...request.headers, 'x-amz-date': undefined } }))?.kind, 'incomplete-signature');
    const hostless = String(authorization).replace('SignedHeaders=host;', 'SignedHeaders=');
    assert.equal((await verify({ ...request, headers: { ...request.headers, authorization: hostless } }))?.kind, 'incomplete-signature');
    const otherKey = String(authorization).replace(CREDENTIALS.accessKeyId, generateAwsCredentials().accessKeyId);
    assert.equal((await verify({ ...request, headers: { ...request.headers, authorization: otherKey } }))?.kind, 'unknown-key');
  });

  it('refuses a signature for another service, or of the wrong length', async () => {
    const ssm = await signedRequest({ url: '/', path: '/', service: 'ssm' });
    assert.deepEqual(await verify(ssm), { kind: 'bad-signature', message: "Credential should be scoped to correct service: 'medialive'." });
    const request = await signedRequest({ url: '/', path: '/' });
    const short = String(request.headers.authorization).replace(/Signature=([0-9a-f]+)$/, (_, hex: string) => `Signature=${hex.slice(2)}`);
    assert.equal((await verify({ ...request, headers: { ...request.headers, authorization: short } }))?.kind, 'bad-signature');
  });

  it('allows 15 minutes of clock skew either way, and words the refusal as AWS does', async () => {
    const request = await signedRequest({ url: '/', path: '/' });
    assert.equal(await verify(request, new Date(SIGNED_AT.getTime() + 14 * MINUTE)), undefined);
    assert.equal(await verify(request, new Date(SIGNED_AT.getTime() - 14 * MINUTE)), undefined);
    assert.deepEqual(await verify(request, new Date(SIGNED_AT.getTime() + 20 * MINUTE)), {
      kind: 'bad-signature',
      message: 'Signature expired: 20260301T120000Z is now earlier than 20260301T120500Z (20260301T122000Z - 15 min.)',
    });
    assert.deepEqual(await verify(request, new Date(SIGNED_AT.getTime() - 20 * MINUTE)), {
      kind: 'bad-signature',
      message: 'Signature not yet current: 20260301T120000Z is still later than 20260301T115500Z (20260301T114000Z + 15 min.)',
    });
  });
});
