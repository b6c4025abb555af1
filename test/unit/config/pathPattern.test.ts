import assert from 'node:assert/strict';
import { matchesPathPattern } from '../../../src/config/pathPattern';

/** Independent reference: the pattern as an anchored regular expression. */
function reference(pattern: string, path: string): boolean {
  const strip = (value: string) => (value.startsWith('/') ? value.slice(1) : value);
  const source = strip(pattern).split('').map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`).test(strip(path));
}

describe('CloudFront path patterns', () => {
  it('matches the guide\'s behaviors', () => {
    assert.equal(matchesPathPattern('*.ts', '/playlist_480p30_00940.ts'), true);
    assert.equal(matchesPathPattern('*.ts', '/playlist_480p30.m3u8'), false);
    assert.equal(matchesPathPattern('playlist_*.m3u8', '/playlist_480p30.m3u8'), true);
    assert.equal(matchesPathPattern('playlist_*.m3u8', '/playlist.m3u8'), false, 'the master playlist falls to the default behavior');
    assert.equal(matchesPathPattern('playlist_*.m3u8', '/playlist_.m3u8'), true, '* may match nothing');
  });

  it('lets * cross slashes and makes the leading slash optional on both sides', () => {
    assert.equal(matchesPathPattern('*.ts', '/live/a/b/seg_1.ts'), true);
    assert.equal(matchesPathPattern('/images/*', 'images/a/b.jpg'), true);
    assert.equal(matchesPathPattern('images/*', '/images/a.jpg'), true);
    assert.equal(matchesPathPattern('*', '/'), true);
    assert.equal(matchesPathPattern('*', '/any/thing?'), true);
    assert.equal(matchesPathPattern('/images/*', '/img/a.jpg'), false);
  });

  it('takes ? as exactly one character and compares case-sensitively', () => {
    assert.equal(matchesPathPattern('/a?c', '/abc'), true);
    assert.equal(matchesPathPattern('/a?c', '/a/c'), true);
    assert.equal(matchesPathPattern('/a?c', '/ac'), false);
    assert.equal(matchesPathPattern('/a?c', '/abbc'), false);
    assert.equal(matchesPathPattern('*.ts', '/SEGMENT.TS'), false);
    assert.equal(matchesPathPattern('*.TS', '/SEGMENT.TS'), true);
    assert.equal(matchesPathPattern('/index.html', '/index.html'), true);
    assert.equal(matchesPathPattern('/index.html', '/index.htm'), false);
    assert.equal(matchesPathPattern('/index.html', '/index.html5'), false);
  });

  it('handles several stars, including overlapping chunks', () => {
    assert.equal(matchesPathPattern('/*/seg_*_*.ts', '/live/seg_720p_00001.ts'), true);
    assert.equal(matchesPathPattern('/*/seg_*_*.ts', '/seg_720p_00001.ts'), false);
    assert.equal(matchesPathPattern('*ab*ab*', 'abab'), true);
    assert.equal(matchesPathPattern('*ab*ab*', 'aba'), false);
    assert.equal(matchesPathPattern('a*a', 'a'), false, 'the two anchored ends must not overlap');
    assert.equal(matchesPathPattern('*aa', 'aaa'), true);
  });

  it('stays fast on patterns that make backtracking matchers explode', () => {
    const path = `/${'a'.repeat(20_000)}`;
    const started = process.hrtime.bigint();
    assert.equal(matchesPathPattern('*a*a*a*a*a*a*a*a*b', path), false);
    assert.equal(matchesPathPattern('*a*a*a*a*a*a*a*a*a', path), true);
    assert.equal(matchesPathPattern('*a*a*a*a*b*a*a*a', path), false);
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 500);
  });

  it('agrees with a regular-expression reference on random patterns and paths', () => {
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pick = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
    for (let i = 0; i < 5000; i++) {
      const pattern = (random(2) ? '/' : '') + pick('ab/*?.', random(7));
      const path = (random(2) ? '/' : '') + pick('ab/.', random(9));
      assert.equal(matchesPathPattern(pattern, path), reference(pattern, path), `${pattern} vs ${path}`);
    }
  });
});
