// What can be read from a Momento API key without asking Momento: its format, where it points and
// when it expires. Pure: no SDK, nothing sent anywhere.
//
// v1 keys are base64 of `{"api_key": ..., "endpoint": ...}` (the sandbox's keys too); the inner
// `api_key` is a JWT for real Momento or `mlo1.<role>.<expiresAtMs>...` for the sandbox. Older
// keys are bare JWTs with the cache endpoint in their `c` claim. v2 keys are bare JWTs with
// `t: "g"` and no endpoint: it comes from MOMENTO_ENDPOINT or the namespace's region.
import { restEndpointForRegion } from '../config/regions';

export interface KeyInfo {
  version: 1 | 2;
  /** The base endpoint the SDK prefixes with `control.`, `cache.`, `token.`; "127.0.0.1:PORT" for the sandbox. */
  endpoint?: string;
  expiresAt?: Date;
}

const SANDBOX_INNER_KEY = /^mlo1\.(?:admin|rw|ro)\.(\d+)\./;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const JWT = /^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/;

/** What the key says about itself, or undefined when it is not a Momento key. */
export function keyInfo(key: string): KeyInfo | undefined {
  const trimmed = key.trim();
  const envelope = v1Envelope(trimmed);
  if (envelope) return withExpiry({ version: 1, endpoint: envelope.endpoint }, innerExpiry(envelope.apiKey));
  const claims = jwtClaims(trimmed);
  if (!claims) return undefined;
  const expiresAt = jwtExpiry(claims);
  if (claims.t === 'g') return withExpiry({ version: 2 }, expiresAt);
  if (typeof claims.c === 'string' && claims.c.startsWith('cache.')) {
    return withExpiry({ version: 1, endpoint: claims.c.slice('cache.'.length) }, expiresAt);
  }
  return undefined;
}

export function isExpired(info: KeyInfo, now = Date.now()): boolean {
  return info.expiresAt !== undefined && info.expiresAt.getTime() <= now;
}

/**
 * The endpoint a key is used against: its own, else MOMENTO_ENDPOINT, else the cell of the
 * namespace's region. Undefined when none of them is known.
 */
export function momentoEndpoint(info: KeyInfo, region?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (info.endpoint) return info.endpoint;
  if (env.MOMENTO_ENDPOINT) return env.MOMENTO_ENDPOINT;
  // The REST host is `api.cache.<cell>`; the SDK wants the bare cell.
  return region ? restEndpointForRegion(region)?.replace(/^api\.cache\./, '') : undefined;
}

/**
 * `…` and the last four characters of the secret part. For a v1 envelope that is the inner key:
 * the envelope's own tail encodes its endpoint (and padding), the same for every key of a cell.
 */
export function redactedKey(key: string): string {
  const trimmed = key.trim();
  const secret = v1Envelope(trimmed)?.apiKey ?? trimmed;
  return `…${secret.slice(-4)}`;
}

function withExpiry(info: KeyInfo, expiresAt: Date | undefined): KeyInfo {
  return expiresAt ? { ...info, expiresAt } : info;
}

function v1Envelope(key: string): { apiKey: string; endpoint: string } | undefined {
  if (!BASE64.test(key)) return undefined;
  const decoded = parseJsonObject(Buffer.from(key, 'base64').toString('utf8'));
  const apiKey = decoded?.api_key;
  const endpoint = decoded?.endpoint;
  return typeof apiKey === 'string' && apiKey !== '' && typeof endpoint === 'string' && endpoint !== '' ? { apiKey, endpoint } : undefined;
}

function innerExpiry(apiKey: string): Date | undefined {
  const sandbox = SANDBOX_INNER_KEY.exec(apiKey);
  if (sandbox) {
    const expiresAtMs = Number(sandbox[1]);
    return expiresAtMs > 0 ? new Date(expiresAtMs) : undefined;
  }
  const claims = jwtClaims(apiKey);
  return claims ? jwtExpiry(claims) : undefined;
}

function jwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = JWT.exec(token)?.[1];
  return payload ? parseJsonObject(Buffer.from(payload, 'base64url').toString('utf8')) : undefined;
}

function jwtExpiry(claims: Record<string, unknown>): Date | undefined {
  return typeof claims.exp === 'number' && Number.isFinite(claims.exp) && claims.exp > 0 ? new Date(claims.exp * 1000) : undefined;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
