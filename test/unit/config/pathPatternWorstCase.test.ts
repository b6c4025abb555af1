// Issue 10, finding 3: matching costs must not grow with pattern length x path length.
import assert from 'node:assert/strict';
import { matchesPathPattern } from '../../../src/config/pathPattern';

function reference(pattern: string, path: string): boolean {
  const strip = (value: string) => (value.startsWith('/') ? value.slice(1) : value);
  const source = strip(pattern).split('').map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`).test(strip(path));
}

describe('CloudFront path patterns, worst cases', () => {
  it('matches 25 adversarial 255-character patterns against an 8 kB path in tens of milliseconds at most', () => {
    const path = `/${'a'.repeat(8190)}`;
    const patterns = [
      ...Array.from({ length: 10 }, (_, i) => `*${'a'.repeat(250)}${String.fromCharCode(98 + i)}`),
      ...Array.from({ length: 10 }, (_, i) => `*${'a?'.repeat(120)}${String.fromCharCode(98 + i)}*`),
      ...Array.from({ length: 5 }, (_, i) => `${'*a'.repeat(126)}${String.fromCharCode(98 + i)}`),
    ];
    // The best of three runs, so that a busy machine does not fail the test: a backtracking matcher
    // takes over 300 ms on each, this one under 20 ms.
    const runs = [0, 1, 2].map(() => {
      const started = performance.now();
      for (const pattern of patterns) assert.equal(matchesPathPattern(pattern, path), false, pattern);
      return performance.now() - started;
    });
    assert.ok(Math.min(...runs) < 40, runs.map((ms) => `${ms.toFixed(1)} ms`).join(', '));
  });

  it('agrees with a regular-expression reference on patterns longer than one 32-bit word', () => {
    let seed = 987;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pick = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
    for (let i = 0; i < 2000; i++) {
      // At most four stars, so that the backtracking reference stays quick.
      const chars = pick('aab?', 1 + random(70)).split('');
      for (let stars = random(5); stars > 0; stars--) chars.splice(random(chars.length + 1), 0, '*');
      const pattern = chars.join('');
      // Paths made from the pattern match it, and one changed character mostly breaks that.
      const path = pattern.replace(/\*/g, () => pick('ab', random(6))).replace(/\?/g, () => pick('ab', 1)).split('');
      if (path.length > 0 && random(2)) path[random(path.length)] = 'b';
      assert.equal(matchesPathPattern(pattern, path.join('')), reference(pattern, path.join('')), `${pattern} vs ${path.join('')}`);
    }
  });
});
