// No credential survives redaction, in the places failure texts carry them; ordinary text does.
import assert from 'node:assert/strict';
import { REDACTED, redactSecrets } from '../../../src/cloud/redact';
import { generateAwsCredentials } from '../../../src/sandbox/aws/credentials';
import { KeyAuthority, toOuterKey } from '../../../src/sandbox/momento/keys';

const JWT = ['eyJhbGciOiJIUzI1NiJ9', 'eyJ0IjoiZyIsImV4cCI6MTkwMDAwMDAwMH0', 'q0bV3Yv2f9kQ5xZk1m3n7r8s9t0u1v2w3x4y5z6a7b8'].join('.');
const V1_KEY = Buffer.from(JSON.stringify({ endpoint: 'cell-4-us-west-2-1.prod.a.momentohq.com', api_key: JWT })).toString('base64');
const OPAQUE = 'opaque-token-0123456789abcdef';

function assertClean(text: string, secrets: string[]): string {
  const redacted = redactSecrets(text);
  for (const secret of secrets) assert.ok(!redacted.includes(secret), `${secret} survived in:\n${redacted}`);
  assert.ok(redacted.includes(REDACTED), redacted);
  return redacted;
}

describe('redactSecrets', () => {
  it('redacts token= values in URLs, keeping the rest of the URL', () => {
    const url = `https://api.cache.cell-4-us-west-2-1.prod.a.momentohq.com/cache/live/playlist.m3u8?token=${OPAQUE}&ttl_seconds=3600&role=origin`;
    assert.equal(redactSecrets(`PUT ${url} failed: 401`),
      `PUT https://api.cache.cell-4-us-west-2-1.prod.a.momentohq.com/cache/live/playlist.m3u8?token=${REDACTED}&ttl_seconds=3600&role=origin failed: 401`);
  });

  it('redacts Authorization headers in header dumps, JSON and inspected objects', () => {
    assertClean(`GET /cache/live/a.ts HTTP/1.1\r\nHost: x\r\nAuthorization: ${OPAQUE}\r\nAccept: */*`, [OPAQUE]);
    assertClean(`{"headers":{"authorization":"${OPAQUE}","accept":"*/*"}}`, [OPAQUE]);
    assertClean(`{ headers: { authorization: '${OPAQUE}' } }`, [OPAQUE]);
    assertClean(`Metadata { internalRepr: Map(1) { 'authorization' => [ '${OPAQUE}' ] } }`, [OPAQUE]);
  });

  it('redacts a SigV4 Authorization header to the end of its line', () => {
    const signature = 'f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f';
    const text = `authorization: AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20260301/us-west-2/medialive/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}\nx-amz-date: 20260301T120000Z`;
    const redacted = assertClean(text, [signature, 'AKIAEXAMPLE']);
    assert.match(redacted, /\nx-amz-date: 20260301T120000Z$/);
  });

  it('redacts Basic and Bearer credentials and passwords in URLs', () => {
    const basic = Buffer.from('momento:secret-password').toString('base64');
    assertClean(`Authorization header was Basic ${basic}`, [basic]);
    assertClean(`sent Bearer ${OPAQUE}`, [OPAQUE]);
    assertClean('PUT https://momento:s3cr3t-passw0rd@api.cache.example.com/cache/x/p.m3u8 failed', ['s3cr3t-passw0rd']);
  });

  it('redacts AWS secrets when named, and when known', () => {
    const { secretAccessKey } = generateAwsCredentials();
    assertClean(`[default]\naws_access_key_id = AKIA\naws_secret_access_key = ${secretAccessKey}\n`, [secretAccessKey]);
    assertClean(`{"AccessKeyId":"AKIA","SecretAccessKey":"${secretAccessKey}","SessionToken":"${OPAQUE}"}`, [secretAccessKey, OPAQUE]);
    const unlabelled = `the signer used ${secretAccessKey} (url-encoded: ${encodeURIComponent(secretAccessKey)})`;
    const redacted = redactSecrets(unlabelled, [secretAccessKey]);
    assert.ok(!redacted.includes(secretAccessKey) && !redacted.includes(encodeURIComponent(secretAccessKey)), redacted);
  });

  it('redacts key-shaped strings wherever they appear', () => {
    const authority = new KeyAuthority();
    const inner = authority.mint({ role: 'read-only', namespace: 'live-origin', ttlSeconds: 60 });
    for (const key of [JWT, V1_KEY, inner, toOuterKey(inner, '127.0.0.1:4443')]) {
      assert.equal(redactSecrets(`the key ${key} was refused`), `the key ${REDACTED} was refused`);
    }
  });

  it('redacts known secrets of any shape, but not ones too short to tell from words', () => {
    assert.equal(redactSecrets('code 7Xq9-plain-secret here', ['7Xq9-plain-secret']), `code ${REDACTED} here`);
    assert.equal(redactSecrets('the cat sat', ['cat']), 'the cat sat');
  });

  it('leaves text without credentials as it is', () => {
    const text = 'GET https://d111111abcdef8.cloudfront.net/playlist_720p30.m3u8 -> 404 (Key Not Found), ttl_seconds=3600, key=playlist.m3u8, role=origin';
    assert.equal(redactSecrets(text), text);
  });
});
