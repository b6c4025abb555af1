// Key generation (auth.Auth/GenerateApiToken, token.Token/GenerateDisposableToken). The admin key
// comes in the request body, as the SDK's AuthClient sends it.

import * as grpc from '@grpc/grpc-js';
import { auth, token } from '@gomomento/generated-types';
import { permission_messages } from '@gomomento/generated-types/dist/permissionmessages';
import { MomentoContext } from './context';
import { GrpcFailure, unary } from './grpcCommon';

const authApi = auth.auth;
const tokenApi = token.token;

interface Scope {
  role: 'read-write' | 'read-only';
  namespace: string;
}

const CacheRole = permission_messages.CacheRole;

/** The sandbox issues keys for exactly one namespace, read-write or read-only. */
function scopeOf(permissions: permission_messages.Permissions | undefined): Scope {
  const unsupported = (why: string) =>
    new GrpcFailure(
      grpc.status.INVALID_ARGUMENT,
      `The Momento sandbox only issues keys that are read-write or read-only on one whole cache; ${why}.`,
    );
  if (!permissions || permissions.kind !== 'explicit') throw unsupported('super-user or empty permissions were requested');
  const list = permissions.explicit.permissions;
  if (list.length !== 1 || list[0].kind !== 'cache_permissions') throw unsupported('exactly one cache permission is needed');
  const p = list[0].cache_permissions;
  if (p.cache !== 'cache_selector' || p.cache_selector.kind !== 'cache_name') throw unsupported('name one cache, not all caches');
  if (p.cache_item === 'item_selector') throw unsupported('item-level (key or key prefix) permissions are not supported');
  if (p.role === CacheRole.CacheReadWrite) return { role: 'read-write', namespace: p.cache_selector.cache_name };
  if (p.role === CacheRole.CacheReadOnly) return { role: 'read-only', namespace: p.cache_selector.cache_name };
  throw unsupported('the role must be read-write or read-only');
}

function mintFor(ctx: MomentoContext, scope: Scope, ttlSeconds: number): { apiKey: string; validUntil: number } {
  const apiKey = ctx.keys.mint({ ...scope, ttlSeconds });
  const check = ctx.keys.verify(apiKey);
  const expiresAt = check.ok ? check.claims.expiresAt : 0;
  return { apiKey, validUntil: Math.floor(expiresAt / 1000) };
}

function positiveSeconds(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new GrpcFailure(grpc.status.INVALID_ARGUMENT, 'valid_for_seconds must be greater than zero.');
  }
  return seconds;
}

/** The key services take the caller's key in the request body, not in the metadata. */
const keyInRequest = (call: { request: { auth_token: string } }) => call.request.auth_token;

export function authService(ctx: MomentoContext): grpc.UntypedServiceImplementation {
  type Req = auth.auth._GenerateApiTokenRequest;
  return {
    GenerateApiToken: unary<Req, auth.auth._GenerateApiTokenResponse>(ctx, 'generate-api-token', () => undefined, (call) => {
      const request = call.request;
      const scope = scopeOf(request.has_permissions ? request.permissions : undefined);
      let ttlSeconds: number;
      if (request.expiry === 'never') ttlSeconds = 0;
      else if (request.expiry === 'expires') ttlSeconds = positiveSeconds(request.expires.valid_for_seconds);
      else throw new GrpcFailure(grpc.status.INVALID_ARGUMENT, 'Say when the key expires (expires or never).');
      const { apiKey, validUntil } = mintFor(ctx, scope, ttlSeconds);
      return new authApi._GenerateApiTokenResponse({
        api_key: apiKey,
        refresh_token: '',
        endpoint: ctx.grpcEndpoint,
        valid_until: validUntil,
      });
    }, keyInRequest),
  };
}

export function tokenService(ctx: MomentoContext): grpc.UntypedServiceImplementation {
  type Req = token.token._GenerateDisposableTokenRequest;
  return {
    GenerateDisposableToken: unary<Req, token.token._GenerateDisposableTokenResponse>(
      ctx,
      'generate-disposable-token',
      () => undefined,
      (call) => {
        const request = call.request;
        const scope = scopeOf(request.has_permissions ? request.permissions : undefined);
        if (!request.has_expires) {
          throw new GrpcFailure(grpc.status.INVALID_ARGUMENT, 'Disposable tokens must have an expiry.');
        }
        const { apiKey, validUntil } = mintFor(ctx, scope, positiveSeconds(request.expires.valid_for_seconds));
        return new tokenApi._GenerateDisposableTokenResponse({
          api_key: apiKey,
          endpoint: ctx.grpcEndpoint,
          valid_until: validUntil,
        });
      },
      keyInRequest,
    ),
  };
}
