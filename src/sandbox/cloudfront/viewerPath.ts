// The viewer's path as CloudFront normalizes it (RFC 3986) before choosing a cache behavior. The edge
// also keys its cache and builds the origin URL from it, so `..` can never climb out of the origin
// path: origins built on WHATWG URL parsers (Node's, the Momento sandbox's) would otherwise resolve
// `/cache/ns/../other/key`, `%2e%2e` and backslashes themselves.

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** RFC 3986 6.2.2.1 and 6.2.2.2: decode unreserved characters, upper-case the hex of the rest. */
function normalizePercentEncoding(path: string): string {
  return path.replace(/%([0-9A-Fa-f]{2})/g, (_escape: string, hex: string) => {
    const character = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(character) ? character : `%${hex.toUpperCase()}`;
  });
}

/** RFC 3986 5.2.4 for an absolute path; a path that climbs above the root stays at the root. */
function removeDotSegments(path: string): string {
  const segments = path.split('/');
  const kept: string[] = [];
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    if (segment === '.' || segment === '..') {
      if (segment === '..') kept.pop();
      // `/a/b/..` is the directory `/a/`: keep the trailing slash.
      if (last) kept.push('');
    } else {
      kept.push(segment);
    }
  }
  return `/${kept.join('/')}`;
}

/** `path` is the request target's path, without the query string. */
export function normalizeViewerPath(path: string): string {
  // WHATWG URL parsers take a backslash for a slash in http URLs; so does this edge.
  const slashed = path.replace(/\\/g, '/');
  return removeDotSegments(normalizePercentEncoding(slashed.startsWith('/') ? slashed : `/${slashed}`));
}
