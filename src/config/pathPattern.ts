// CloudFront cache-behavior path patterns: `*` matches any run of characters (slashes included),
// `?` exactly one, case-sensitive, the leading slash optional on either side.
//
// The pattern runs as an automaton with one bit per pattern position (shift-and), so a path costs
// path length x ceil(pattern length / 32) word operations whatever the pattern. A backtracking
// matcher costs pattern length x path length on patterns like `*aaaa...b`, which a viewer can
// exploit with long paths.

const WORD_BITS = 32;

interface CompiledPattern {
  words: number;
  /** Bit i is set when position i of the pattern is a star. */
  stars: Uint32Array;
  /** For each character of the pattern: the positions it moves past (its own and every `?`). */
  advanceOn: Map<number, Uint32Array>;
  /** What any other character moves past: the `?` positions. */
  advanceOnOther: Uint32Array;
  /** Position just past the pattern's end: reaching it is a match. */
  end: number;
}

function withoutLeadingSlash(text: string): string {
  return text.startsWith('/') ? text.slice(1) : text;
}

function setBit(bits: Uint32Array, position: number): void {
  bits[position >>> 5] |= 1 << (position & 31);
}

function compile(pattern: string): CompiledPattern {
  // A run of stars means the same as one; after this a star is never followed by another.
  const p = withoutLeadingSlash(pattern).replace(/\*+/g, '*');
  const words = Math.floor(p.length / WORD_BITS) + 1;
  const stars = new Uint32Array(words);
  const advanceOnOther = new Uint32Array(words);
  const literals = new Map<number, number[]>();
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '*') setBit(stars, i);
    else if (p[i] === '?') setBit(advanceOnOther, i);
    else {
      const positions = literals.get(p.charCodeAt(i));
      if (positions) positions.push(i);
      else literals.set(p.charCodeAt(i), [i]);
    }
  }
  const advanceOn = new Map<number, Uint32Array>();
  for (const [code, positions] of literals) {
    const bits = Uint32Array.from(advanceOnOther);
    for (const position of positions) setBit(bits, position);
    advanceOn.set(code, bits);
  }
  return { words, stars, advanceOn, advanceOnOther, end: p.length };
}

export function matchesPathPattern(pattern: string, path: string): boolean {
  const { words, stars, advanceOn, advanceOnOther, end } = compile(pattern);
  const s = withoutLeadingSlash(path);
  let current = new Uint32Array(words);
  let next = new Uint32Array(words);
  // The start, and the position past a leading star, since a star may match nothing.
  current[0] = 1 | ((stars[0] & 1) << 1);
  for (let i = 0; i < s.length; i++) {
    const advance = advanceOn.get(s.charCodeAt(i)) ?? advanceOnOther;
    let movedCarry = 0;
    let starCarry = 0;
    let live = 0;
    for (let w = 0; w < words; w++) {
      const moved = current[w] & advance[w];
      // A star consumes the character and stays; a matching position moves one to the right.
      const reached = (moved << 1) | movedCarry | (current[w] & stars[w]);
      movedCarry = moved >>> 31;
      // A star just reached may also match nothing; a star is never followed by another (see compile).
      const starred = reached & stars[w];
      next[w] = reached | (starred << 1) | starCarry;
      starCarry = starred >>> 31;
      live |= next[w];
    }
    if (live === 0) return false;
    [current, next] = [next, current];
  }
  return (current[end >>> 5] & (1 << (end & 31))) !== 0;
}
