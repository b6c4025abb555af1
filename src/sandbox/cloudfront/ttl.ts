// How long CloudFront keeps an origin response, from its Cache-Control / Expires headers and the
// behavior's TTL bounds.

export interface TtlBounds {
  minTtl: number;
  defaultTtl: number;
  maxTtl: number;
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function parseCacheControl(value: string | undefined): Map<string, string> {
  const directives = new Map<string, string>();
  if (!value) return directives;
  for (const part of value.split(',')) {
    const [name, ...rest] = part.split('=');
    const key = name.trim().toLowerCase();
    if (key) directives.set(key, rest.join('=').trim().replace(/^"|"$/g, ''));
  }
  return directives;
}

function seconds(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** Seconds the origin asks shared caches to keep the response, or undefined when it says nothing. */
export function originTtl(headers: Headers, nowMs: number): { ttl: number | undefined; forbidden: boolean } {
  const directives = parseCacheControl(header(headers, 'cache-control'));
  const forbidden = directives.has('no-store') || directives.has('no-cache') || directives.has('private');
  const fromDirectives = seconds(directives.get('s-maxage')) ?? seconds(directives.get('max-age'));
  if (fromDirectives !== undefined) return { ttl: fromDirectives, forbidden };
  const expires = header(headers, 'expires');
  if (expires !== undefined) {
    const at = Date.parse(expires);
    const date = Date.parse(header(headers, 'date') ?? '');
    const reference = Number.isNaN(date) ? nowMs : date;
    return { ttl: Number.isNaN(at) ? 0 : Math.max(0, Math.floor((at - reference) / 1000)), forbidden };
  }
  return { ttl: undefined, forbidden };
}

/** TTL in seconds for a cachable (200) response; 0 means do not cache. */
export function cacheTtlSeconds(headers: Headers, bounds: TtlBounds, nowMs: number): number {
  if (bounds.maxTtl === 0) return 0;
  const { ttl, forbidden } = originTtl(headers, nowMs);
  // A positive minimum TTL wins even over no-store / no-cache / private.
  if (forbidden) return bounds.minTtl;
  if (ttl === undefined) return bounds.defaultTtl;
  return Math.min(bounds.maxTtl, Math.max(bounds.minTtl, ttl));
}

/** TTL for an origin error response: the configured ErrorCachingMinTTL, else the origin's, else the default. */
export function errorTtlSeconds(headers: Headers, configured: number | undefined, fallback: number, nowMs: number): number {
  if (configured !== undefined) return configured;
  const { ttl, forbidden } = originTtl(headers, nowMs);
  if (forbidden) return 0;
  return ttl ?? fallback;
}
