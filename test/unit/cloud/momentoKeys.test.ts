// What a Momento key says about itself, for every key format the product meets.
import assert from 'node:assert/strict';
import { isExpired, keyInfo, momentoEndpoint, redactedKey } from '../../../src/cloud/momentoKeys';
import { KeyAuthority, toOuterKey } from '../../../src/sandbox/momento/keys';

const CELL = 'cell-4-us-west-2-1.prod.a.momentohq.com';
const EXP = 1_900_000_000;

/** An unsigned JWT with these claims: keyInfo reads claims, it never verifies signatures. */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJlLWJ5dGVz`;
}

/** A v1 key as Momento's console and the SDK's generateApiKey hand it out. */
function v1Envelope(apiKey: string, endpoint: string): string {
  return Buffer.from(JSON.stringify({ endpoint, api_key: apiKey })).toString('base64');
}

describe('Momento keys', () => {
  describe('keyInfo', () => {
    it('reads the endpoint and the JWT expiry inside a v1 key', () => {
      assert.deepEqual(keyInfo(v1Envelope(jwt({ sub: 'me', exp: EXP }), CELL)), { version: 1, endpoint: CELL, expiresAt: new Date(EXP * 1000) });
    });

    it('reads a v1 key that never expires', () => {
      assert.deepEqual(keyInfo(v1Envelope(jwt({ sub: 'me' }), CELL)), { version: 1, endpoint: CELL });
    });

    it('reads a v2 key: no endpoint, the JWT expiry', () => {
      assert.deepEqual(keyInfo(jwt({ t: 'g', exp: EXP })), { version: 2, expiresAt: new Date(EXP * 1000) });
    });

    it('reads the cache endpoint of a legacy JWT key', () => {
      assert.deepEqual(keyInfo(jwt({ c: `cache.${CELL}`, cp: `control.${CELL}` })), { version: 1, endpoint: CELL });
    });

    it("reads the sandbox's keys: their endpoint and the expiry their inner key carries", () => {
      let now = 1_700_000_000_000;
      const authority = new KeyAuthority(() => now);
      const encoder = toOuterKey(authority.mint({ role: 'read-write', namespace: 'live-origin', ttlSeconds: 60 }), '127.0.0.1:4443');
      assert.deepEqual(keyInfo(encoder), { version: 1, endpoint: '127.0.0.1:4443', expiresAt: new Date(now + 60_000) });
      const admin = toOuterKey(authority.mint({ role: 'admin', namespace: '*', ttlSeconds: 0 }), '127.0.0.1:4443');
      assert.deepEqual(keyInfo(admin), { version: 1, endpoint: '127.0.0.1:4443' });
      now += 61_000;
      assert.equal(isExpired(keyInfo(encoder)!, now), true);
      assert.equal(isExpired(keyInfo(admin)!, now), false);
    });

    it('reads the keys the SDK wraps around a sandbox inner key', () => {
      const inner = new KeyAuthority(() => 5_000).mint({ role: 'read-only', namespace: 'ns', ttlSeconds: 10 });
      assert.deepEqual(keyInfo(v1Envelope(inner, '127.0.0.1:9')), { version: 1, endpoint: '127.0.0.1:9', expiresAt: new Date(15_000) });
    });

    it('ignores surrounding whitespace (a pasted key)', () => {
      assert.equal(keyInfo(`  ${jwt({ t: 'g' })}\n`)?.version, 2);
    });

    it('refuses what is not a key', () => {
      for (const text of ['', 'hello', 'my-encoder-key', Buffer.from('{"api_key":"x"}').toString('base64'), Buffer.from('[1,2]').toString('base64'),
        jwt({ sub: 'no endpoint, not v2' }), 'a.b.c', new KeyAuthority().mint({ role: 'read-write', namespace: 'ns', ttlSeconds: 1 })]) {
        assert.equal(keyInfo(text), undefined, text);
      }
    });
  });

  describe('momentoEndpoint', () => {
    const v2 = keyInfo(jwt({ t: 'g' }))!;

    it("prefers the key's own endpoint", () => {
      assert.equal(momentoEndpoint(keyInfo(v1Envelope(jwt({}), CELL))!, 'eu-west-1', { MOMENTO_ENDPOINT: 'elsewhere' }), CELL);
    });

    it('gives a v2 key MOMENTO_ENDPOINT, else the cell of the region', () => {
      assert.equal(momentoEndpoint(v2, 'us-west-2', { MOMENTO_ENDPOINT: 'cell-x.example' }), 'cell-x.example');
      assert.equal(momentoEndpoint(v2, 'us-west-2', {}), CELL);
      assert.equal(momentoEndpoint(v2, 'us-east-1', {}), 'cell-us-east-1-1.prod.a.momentohq.com');
    });

    it('knows no endpoint for a v2 key without a region with a Momento cell', () => {
      assert.equal(momentoEndpoint(v2, undefined, {}), undefined);
      assert.equal(momentoEndpoint(v2, 'us-west-1', {}), undefined);
    });
  });

  describe('redactedKey', () => {
    it('shows the last four characters of the secret part only', () => {
      const key = jwt({ t: 'g' });
      assert.equal(redactedKey(key), `…${key.slice(-4)}`);
    });

    it("tells two sandbox keys apart though their envelopes end alike", () => {
      const authority = new KeyAuthority();
      const [encoder, player] = (['read-write', 'read-only'] as const).map((role) =>
        toOuterKey(authority.mint({ role, namespace: 'live-origin', ttlSeconds: 60 }), '127.0.0.1:4443'));
      assert.equal(encoder.slice(-4), player.slice(-4), 'the envelopes share their tail');
      assert.notEqual(redactedKey(encoder), redactedKey(player));
      assert.ok(!redactedKey(encoder).includes(encoder.slice(0, 8)));
    });
  });
});
