// CloudFront cache-behavior path patterns: `*` matches any run of characters (slashes included),
// `?` exactly one, case-sensitive, the leading slash optional on either side.

export function matchesPathPattern(pattern: string, path: string): boolean {
  const p = pattern.startsWith('/') ? pattern.slice(1) : pattern;
  const s = path.startsWith('/') ? path.slice(1) : path;
  // Greedy wildcard matching with one backtrack point: linear for the patterns CloudFront allows.
  let pi = 0;
  let si = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (si < s.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === s[si])) {
      pi++;
      si++;
    } else if (pi < p.length && p[pi] === '*') {
      starAt = pi++;
      resumeAt = si;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      si = ++resumeAt;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
