// Where the real SDK's credential provider sends the account key, for each kind of key: real
// Momento over TLS at the key's own cell (or the region's, for v2 keys), the sandbox in plaintext.
// Nothing is sent: building a provider opens no connection.
import assert from 'node:assert/strict';
import { keyInfo, momentoEndpoint } from '../../../src/cloud/momentoKeys';
import { accountCredentialProvider } from '../../../src/cloud/momentoMint';
import { KeyAuthority, toOuterKey } from '../../../src/sandbox/momento/keys';

const CELL = 'cell-4-us-west-2-1.prod.a.momentohq.com';
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: object) => `${part({ alg: 'HS512' })}.${part(claims)}.c2lnbmF0dXJl`;

async function providerFor(key: string, region?: string) {
  const info = keyInfo(key)!;
  return accountCredentialProvider(key, info, momentoEndpoint(info, region, {})!);
}

describe('accountCredentialProvider', () => {
  it("sends a v1 key to its own cell over TLS", async () => {
    const provider = await providerFor(Buffer.from(JSON.stringify({ endpoint: CELL, api_key: jwt({ sub: 'account' }) })).toString('base64'));
    assert.equal(provider.getControlEndpoint(), `control.${CELL}`);
    assert.equal(provider.getTokenEndpoint(), `token.${CELL}`);
    assert.equal(provider.isEndpointSecure(), true);
  });

  it("sends a v2 key to the cell of the namespace's region over TLS", async () => {
    const key = jwt({ t: 'g', exp: 1_900_000_000 });
    const provider = await providerFor(key, 'us-west-2');
    assert.equal(provider.getControlEndpoint(), `control.${CELL}`);
    assert.equal(provider.getAuthToken(), key);
    assert.equal(provider.isEndpointSecure(), true);
  });

  it('sends a sandbox key to the one sandbox port in plaintext', async () => {
    const key = toOuterKey(new KeyAuthority().mint({ role: 'admin', namespace: '*', ttlSeconds: 0 }), '127.0.0.1:4443');
    const provider = await providerFor(key);
    assert.equal(provider.getControlEndpoint(), '127.0.0.1:4443');
    assert.equal(provider.getTokenEndpoint(), '127.0.0.1:4443');
    assert.equal(provider.isEndpointSecure(), false);
  });
});
