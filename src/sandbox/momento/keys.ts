// API keys of the sandbox: HMAC-signed with a secret that lives only as long as the sandbox.
//
// The signed token ("inner key") is `mlo1.<role>.<expiresAtEpochMs|0>.<nonce>.<namespace
// base64url>.<signature base64url>`. It is what the Momento SDK puts in the gRPC `authorization`
// metadata. The key handed to people ("outer key") is the legacy v1 envelope the SDK parses in
// `CredentialProvider.fromString`: base64 of a JSON object {api_key, endpoint}. A leading space
// before the JSON keeps the envelope from starting like a JWT, and because the JSON is plain
// ASCII without `>`, `?` or `~` its base64 never contains `+` or `/`; trailing spaces avoid `=`
// padding. So the outer key is purely alphanumeric and safe in a URL query without escaping.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type KeyRole = 'admin' | 'read-write' | 'read-only';

export interface KeyClaims {
  role: KeyRole;
  /** `*` for the admin key. */
  namespace: string;
  /** Epoch milliseconds; 0 means the key never expires. */
  expiresAt: number;
}

export type KeyCheck =
  | { ok: true; claims: KeyClaims; innerKey: string }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired'; message: string };

const PREFIX = 'mlo1';
const ROLE_CODES: Record<KeyRole, string> = { admin: 'admin', 'read-write': 'rw', 'read-only': 'ro' };
const ROLES_BY_CODE = new Map(Object.entries(ROLE_CODES).map(([role, code]) => [code, role as KeyRole]));

export class KeyAuthority {
  private readonly secret = randomBytes(32);

  constructor(private readonly now: () => number = Date.now) {}

  /** Issues an inner key. `ttlSeconds` 0 means no expiry. Wrap it with toOuterKey to hand it out. */
  mint(claims: { role: KeyRole; namespace: string; ttlSeconds: number }): string {
    if (!Number.isFinite(claims.ttlSeconds) || claims.ttlSeconds < 0) {
      throw new RangeError(`ttlSeconds must be a positive number of seconds, got ${claims.ttlSeconds}`);
    }
    const expiresAt = claims.ttlSeconds === 0 ? 0 : Math.round(this.now() + claims.ttlSeconds * 1000);
    const body = [
      PREFIX,
      ROLE_CODES[claims.role],
      String(expiresAt),
      randomBytes(9).toString('base64url'),
      Buffer.from(claims.namespace, 'utf8').toString('base64url'),
    ].join('.');
    return `${body}.${this.sign(body)}`;
  }

  /** Accepts an outer key or an inner key. */
  verify(presented: string): KeyCheck {
    const inner = innerKeyOf(presented.trim());
    if (inner === undefined) {
      return { ok: false, reason: 'malformed', message: 'The API key is not a key issued by this Momento sandbox.' };
    }
    const parts = inner.split('.');
    if (parts.length !== 6 || parts[0] !== PREFIX) {
      return { ok: false, reason: 'malformed', message: 'The API key is not a key issued by this Momento sandbox.' };
    }
    const [, roleCode, expires, , namespace64, signature] = parts;
    const expected = Buffer.from(this.sign(parts.slice(0, 5).join('.')));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return {
        ok: false,
        reason: 'bad-signature',
        message: 'The API key was not issued by this sandbox run (sandbox keys stop working when the sandbox restarts).',
      };
    }
    const role = ROLES_BY_CODE.get(roleCode);
    const expiresAt = Number(expires);
    if (role === undefined || !Number.isSafeInteger(expiresAt) || expiresAt < 0) {
      return { ok: false, reason: 'malformed', message: 'The API key is not a key issued by this Momento sandbox.' };
    }
    if (expiresAt !== 0 && expiresAt <= this.now()) {
      return {
        ok: false,
        reason: 'expired',
        message: `The API key expired at ${new Date(expiresAt).toISOString()}.`,
      };
    }
    const claims = { role, namespace: Buffer.from(namespace64, 'base64url').toString('utf8'), expiresAt };
    return { ok: true, claims, innerKey: inner };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

/** Wraps an inner key in the SDK's legacy v1 envelope (see the top of this file). */
export function toOuterKey(innerKey: string, endpoint: string): string {
  let json = ` ${JSON.stringify({ api_key: innerKey, endpoint })}`;
  while (Buffer.byteLength(json) % 3 !== 0) json += ' ';
  return Buffer.from(json, 'utf8').toString('base64');
}

/** The signed token inside a presented key, or undefined when it is neither form. */
export function innerKeyOf(presented: string): string | undefined {
  if (presented.startsWith(`${PREFIX}.`)) return presented;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(presented)) return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(presented, 'base64').toString('utf8'));
    if (decoded !== null && typeof decoded === 'object' && 'api_key' in decoded) {
      const apiKey = (decoded as { api_key: unknown }).api_key;
      if (typeof apiKey === 'string' && apiKey.startsWith(`${PREFIX}.`)) return apiKey;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
