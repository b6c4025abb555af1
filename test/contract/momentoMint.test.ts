// Minting the workflow's keys through the real Momento SDK against the sandbox: the encoder key
// writes, the player key reads and cannot write, both over the HTTP API MediaLive and CloudFront
// use; they expire as asked; an account key that cannot mint says what replaces it.
import assert from 'node:assert/strict';
import { keyInfo } from '../../src/cloud/momentoKeys';
import { MintError, mintEncoderAndPlayerKeys } from '../../src/cloud/momentoMint';
import { type MomentoSandbox, startMomentoSandbox } from '../../src/sandbox/momento';
import { innerKeyOf, KeyAuthority, toOuterKey } from '../../src/sandbox/momento/keys';

const NS = 'live-origin';
const DAY_MS = 86_400_000;

describe('minting encoder and player keys', function () {
  this.timeout(30_000);
  let sandbox: MomentoSandbox;

  before(async () => {
    sandbox = await startMomentoSandbox();
    sandbox.createNamespace(NS);
  });

  after(() => sandbox?.close());

  const put = (key: string, name: string, body: string) =>
    fetch(`${sandbox.httpEndpoint}/cache/${NS}/${name}?token=${key}&ttl_seconds=60`, { method: 'PUT', body });
  const get = (key: string, name: string) => fetch(`${sandbox.httpEndpoint}/cache/${NS}/${name}`, { headers: { Authorization: key } });

  async function mintFailure(accountKey: string): Promise<MintError> {
    const error = await mintEncoderAndPlayerKeys({ accountKey, namespace: NS }).then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof MintError, `expected a MintError, got ${String(error)}`);
    return error;
  }

  it('mints a read-write encoder key and a read-only player key that work over HTTP', async () => {
    const { encoder, player } = await mintEncoderAndPlayerKeys({ accountKey: sandbox.adminKey, namespace: NS });
    assert.equal((await put(encoder.key, 'playlist.m3u8', '#EXTM3U\n')).status, 204);
    const read = await get(player.key, 'playlist.m3u8');
    assert.equal(read.status, 200);
    assert.equal(await read.text(), '#EXTM3U\n');
    assert.equal((await put(player.key, 'playlist.m3u8', 'overwritten')).status, 403);
    assert.equal((await get(player.key, 'playlist.m3u8').then((response) => response.text())), '#EXTM3U\n');
  });

  it('mints keys valid for 30 days by default, and for as long as asked', async () => {
    const before = Date.now();
    const { encoder, player } = await mintEncoderAndPlayerKeys({ accountKey: sandbox.adminKey, namespace: NS });
    for (const minted of [encoder, player]) {
      const expiresAt = minted.expiresAt!.getTime();
      assert.ok(Math.abs(expiresAt - (before + 30 * DAY_MS)) < 60_000, minted.expiresAt!.toISOString());
      // The key itself says so too (the sandbox's inner key carries its expiry).
      assert.ok(Math.abs(keyInfo(minted.key)!.expiresAt!.getTime() - expiresAt) < 1000);
    }
    const week = await mintEncoderAndPlayerKeys({ accountKey: sandbox.adminKey, namespace: NS, validForDays: 7 });
    assert.ok(Math.abs(week.player.expiresAt!.getTime() - (before + 7 * DAY_MS)) < 60_000);
  });

  it('points the minted keys at the endpoint of the account key', async () => {
    const { encoder } = await mintEncoderAndPlayerKeys({ accountKey: sandbox.adminKey, namespace: NS });
    assert.equal(keyInfo(encoder.key)?.endpoint, sandbox.grpcEndpoint);
  });

  it('refuses an expired account key before asking Momento, naming the command that replaces it', async () => {
    const expired = toOuterKey(new KeyAuthority(() => Date.now() - 2 * DAY_MS).mint({ role: 'admin', namespace: '*', ttlSeconds: 60 }), sandbox.grpcEndpoint);
    const error = await mintFailure(expired);
    assert.equal(error.reason, 'account-key-expired');
    assert.match(error.message, /expired on .*Momento Live: Set Account Key/);
  });

  it('reports an account key Momento refuses (revoked, or from another sandbox run) as such', async () => {
    const other = await startMomentoSandbox();
    const inner = innerKeyOf(other.adminKey)!;
    await other.close();
    // Same endpoint, signed by a secret this sandbox never had: what a revoked key looks like to Momento.
    const error = await mintFailure(toOuterKey(inner, sandbox.grpcEndpoint));
    assert.equal(error.reason, 'account-key-refused');
    assert.match(error.message, /refused the account key .*Momento Live: Set Account Key/);
    assert.ok(!error.message.includes(inner));
  });

  it('reports an account key that may not mint keys', async () => {
    const error = await mintFailure(sandbox.mintKey({ namespace: NS, role: 'read-write', ttlSeconds: 60 }));
    assert.equal(error.reason, 'account-key-not-permitted');
    assert.match(error.message, /may not create API keys.*Momento Live: Set Account Key/);
  });

  it('refuses what is not a Momento key', async () => {
    assert.equal((await mintFailure('not-a-key')).reason, 'not-a-key');
  });
});
