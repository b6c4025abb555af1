// Who may do what: one decision function used by both the gRPC and the HTTP front.

import { KeyAuthority, KeyClaims } from './keys';

/** Every operation the sandbox serves; also the names accepted in fault rules (`error-rpcs`). */
export const OPERATIONS = [
  'get',
  'set',
  'delete',
  'create-cache',
  'delete-cache',
  'list-caches',
  'generate-api-token',
  'generate-disposable-token',
] as const;
export type Operation = (typeof OPERATIONS)[number];

const WRITES: ReadonlySet<Operation> = new Set<Operation>(['set', 'delete']);
const DATA: ReadonlySet<Operation> = new Set<Operation>(['get', 'set', 'delete']);

const ADMIN_ACTIONS: Partial<Record<Operation, string>> = {
  'create-cache': 'create namespaces',
  'delete-cache': 'delete namespaces',
  'list-caches': 'list namespaces',
  'generate-api-token': 'generate API keys',
  'generate-disposable-token': 'generate disposable tokens',
};

export type AccessDecision =
  | { ok: true; claims: KeyClaims }
  | { ok: false; kind: 'unauthenticated' | 'permission-denied'; message: string };

export function authorize(
  keys: KeyAuthority,
  presentedKey: string | undefined,
  op: Operation,
  namespace: string | undefined,
): AccessDecision {
  if (presentedKey === undefined || presentedKey.trim() === '') {
    return { ok: false, kind: 'unauthenticated', message: 'No API key was provided.' };
  }
  const check = keys.verify(presentedKey);
  if (!check.ok) return { ok: false, kind: 'unauthenticated', message: check.message };
  const { claims } = check;
  if (claims.role === 'admin') return { ok: true, claims };

  if (!DATA.has(op)) {
    return {
      ok: false,
      kind: 'permission-denied',
      message: `Only the admin key can ${ADMIN_ACTIONS[op] ?? op}; this key is ${claims.role} on namespace '${claims.namespace}'.`,
    };
  }
  if (namespace !== claims.namespace) {
    return {
      ok: false,
      kind: 'permission-denied',
      message: `This API key is scoped to namespace '${claims.namespace}' and cannot access namespace '${namespace ?? ''}'.`,
    };
  }
  if (claims.role === 'read-only' && WRITES.has(op)) {
    return {
      ok: false,
      kind: 'permission-denied',
      message: `This API key is read-only on namespace '${claims.namespace}' and cannot write to it.`,
    };
  }
  return { ok: true, claims };
}
