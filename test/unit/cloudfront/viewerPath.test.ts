import assert from 'node:assert/strict';
import { normalizeViewerPath } from '../../../src/sandbox/cloudfront/viewerPath';

describe('CloudFront sandbox viewer path normalization (RFC 3986 6.2.2 and 5.2.4)', () => {
  it('removes dot segments and clamps at the root', () => {
    const cases: Array<[string, string]> = [
      ['/', '/'],
      ['/playlist.m3u8', '/playlist.m3u8'],
      ['/a/./b', '/a/b'],
      ['/a/b/../c', '/a/c'],
      ['/a/b/..', '/a/'],
      ['/a/b/.', '/a/b/'],
      ['/..', '/'],
      ['/../../x', '/x'],
      ['/a/../../../x', '/x'],
      ['/a//b/../c', '/a//c'],
      ['/a/..b/c', '/a/..b/c'],
      ['/a/b.../c', '/a/b.../c'],
    ];
    for (const [path, expected] of cases) assert.equal(normalizeViewerPath(path), expected, path);
  });

  it('recognizes percent-encoded dots in any case, and backslashes as slashes', () => {
    assert.equal(normalizeViewerPath('/%2e%2e/other-ns/key'), '/other-ns/key');
    assert.equal(normalizeViewerPath('/%2E%2E/other-ns/key'), '/other-ns/key');
    assert.equal(normalizeViewerPath('/.%2E/%2e/key'), '/key');
    assert.equal(normalizeViewerPath('/..\\other-ns\\key'), '/other-ns/key');
    assert.equal(normalizeViewerPath('\\..\\key'), '/key');
  });

  it('decodes unreserved characters, upper-cases other escapes and keeps encoded slashes', () => {
    assert.equal(normalizeViewerPath('/playlist%5F480p30%2em3u8'), '/playlist_480p30.m3u8');
    assert.equal(normalizeViewerPath('/%7euser/%41%7A%30%2D'), '/~user/Az0-');
    assert.equal(normalizeViewerPath('/a%2fb/%3f%23'), '/a%2Fb/%3F%23');
    assert.equal(normalizeViewerPath('/..%2f..%2fkey'), '/..%2F..%2Fkey', 'an encoded slash is not a segment boundary');
    assert.equal(normalizeViewerPath('/100%/%zz'), '/100%/%zz', 'invalid escapes are left alone');
  });

  it('is linear on long inputs', () => {
    const started = performance.now();
    normalizeViewerPath(`/${'../%2e/'.repeat(50_000)}x`);
    assert.ok(performance.now() - started < 200);
  });
});
