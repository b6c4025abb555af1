// Issue 10, finding 2: dot segments in a viewer path must not climb out of the origin path, and
// cache behaviors are chosen on the normalized path. The origin here is the Momento sandbox, whose
// URL parser resolves dot segments (and backslashes, and %2e) itself: forwarding them raw lets a
// viewer read another namespace whenever the origin's key can.
import assert from 'node:assert/strict';
import type { CloudFrontClient, Distribution } from '@aws-sdk/client-cloudfront';
import { startCloudFrontSandbox, type CloudFrontSandbox } from '../../src/sandbox/cloudfront';
import { startMomentoSandbox, type MomentoSandbox } from '../../src/sandbox/momento';
import { behavior, createDeployed, distributionConfig, httpOrigin, sdkClient, viewerGet } from './cloudfrontHarness';
import { TestOrigin } from './cloudfrontTestOrigin';

const ESCAPES = [
  '/../other-ns/secret',
  '/%2e%2e/other-ns/secret',
  '/%2E%2E/other-ns/secret',
  '/.%2e/other-ns/secret',
  '/%2e./other-ns/secret',
  '/./../other-ns/secret',
  '/deeper/../../other-ns/secret',
  '/../../../../other-ns/secret',
  '/..\\other-ns\\secret',
  '/%2e%2e\\other-ns/secret',
];

describe('CloudFront sandbox: dot segments stay inside the origin path (issue 10)', function () {
  this.timeout(20_000);
  let momento: MomentoSandbox;
  let sandbox: CloudFrontSandbox;
  let client: CloudFrontClient;

  before(async () => {
    momento = await startMomentoSandbox();
    sandbox = await startCloudFrontSandbox({ deployDelayMs: 50 });
    client = sdkClient(sandbox);
  });

  after(async () => {
    client?.destroy();
    await sandbox?.close();
    await momento?.close();
  });

  async function put(namespace: string, key: string, body: string): Promise<void> {
    momento.createNamespace(namespace);
    const response = await fetch(`${momento.httpEndpoint}/cache/${namespace}/${key}?ttl_seconds=600`, {
      method: 'PUT', headers: { authorization: momento.adminKey }, body,
    });
    assert.equal(response.status, 204);
  }

  it('cannot reach a key outside the origin path, even with a key that could read it', async () => {
    await put('other-ns', 'secret', 'SECRET of other-ns');
    await put('live-origin', 'other-ns/secret', 'clamped inside live-origin');
    const direct = await fetch(`${momento.httpEndpoint}/cache/other-ns/secret`, { headers: { authorization: momento.adminKey } });
    assert.equal(await direct.text(), 'SECRET of other-ns', 'the secret is there for a request that names it');

    const port = Number(new URL(momento.httpEndpoint).port);
    // The worst case: the origin's Authorization is a key that may read every namespace.
    const distribution = await createDeployed(client, distributionConfig([httpOrigin('momento', '127.0.0.1', port, '/cache/live-origin', momento.adminKey)]));
    for (const path of ESCAPES) {
      const response = await viewerGet(sandbox, distribution, path);
      assert.doesNotMatch(response.body, /SECRET/, `${path} escaped the origin path`);
      assert.equal(response.status, 200, `${path}: ${response.body}`);
      assert.equal(response.body, 'clamped inside live-origin', `${path} is clamped at the root of the origin path`);
    }
  });

  describe('behaviors', () => {
    const origin = new TestOrigin();
    let distribution: Distribution;

    before(async () => {
      await origin.start();
      distribution = await createDeployed(client, distributionConfig(
        [httpOrigin('default', '127.0.0.1', origin.port, '/cache/default'), httpOrigin('playlists', '127.0.0.1', origin.port, '/cache/playlists')],
        [behavior('playlist_*.m3u8', 'playlists')],
      ));
    });

    after(() => origin.close());

    it('are matched on the normalized path, and the origin gets the normalized path', async () => {
      for (const path of ['/x/../playlist_480p30.m3u8', '/x/%2e%2e/playlist_480p30.m3u8', '/./playlist_480p30.m3u8', '/x\\..\\playlist_480p30.m3u8']) {
        origin.requests.length = 0;
        await viewerGet(sandbox, distribution, path);
        assert.deepEqual(origin.requests.map((request) => request.path), ['/cache/playlists/playlist_480p30.m3u8'], path);
      }
    });

    it('decode percent-encoded unreserved characters before matching, as RFC 3986 normalization does', async () => {
      origin.requests.length = 0;
      await viewerGet(sandbox, distribution, '/playlist%5F480p30%2Em3u8?x=1');
      await viewerGet(sandbox, distribution, '/a%2fb/%7euser/x.ts');
      assert.deepEqual(origin.requests.map((request) => request.path), ['/cache/playlists/playlist_480p30.m3u8', '/cache/default/a%2Fb/~user/x.ts']);
    });
  });
});
