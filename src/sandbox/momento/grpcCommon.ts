// Shared plumbing of the gRPC services: errors the SDK understands, metadata, faults, access.

import * as grpc from '@grpc/grpc-js';
import { AccessDecision, authorize, Operation } from './access';
import { MomentoContext } from './context';
import { FAULT_HEADER, FaultError, FaultSpec, FaultSpecError, parseFaultSpec, specFromMomentoLocalMetadata } from './faults';

export class GrpcFailure extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
    /** Value of the `err` trailer the SDK reads to pick an error subtype. */
    readonly errCause?: string,
  ) {
    super(message);
  }
}

function toServiceError(error: unknown): grpc.ServerErrorResponse {
  const failure =
    error instanceof GrpcFailure
      ? error
      : error instanceof FaultSpecError
        ? new GrpcFailure(grpc.status.INVALID_ARGUMENT, error.message)
        : new GrpcFailure(grpc.status.INTERNAL, `The Momento sandbox failed: ${String(error)}`);
  const metadata = new grpc.Metadata();
  if (failure.errCause !== undefined) metadata.set('err', failure.errCause);
  return Object.assign(new Error(failure.message), { code: failure.code, details: failure.message, metadata });
}

const FAULT_STATUS: Record<FaultError, grpc.status> = {
  unavailable: grpc.status.UNAVAILABLE,
  internal: grpc.status.INTERNAL,
  'not-found': grpc.status.NOT_FOUND,
  'permission-denied': grpc.status.PERMISSION_DENIED,
  unauthenticated: grpc.status.UNAUTHENTICATED,
  'resource-exhausted': grpc.status.RESOURCE_EXHAUSTED,
  'deadline-exceeded': grpc.status.DEADLINE_EXCEEDED,
  cancelled: grpc.status.CANCELLED,
  'invalid-argument': grpc.status.INVALID_ARGUMENT,
  'already-exists': grpc.status.ALREADY_EXISTS,
  'failed-precondition': grpc.status.FAILED_PRECONDITION,
  unknown: grpc.status.UNKNOWN,
};

export function cacheNotFound(name: string): GrpcFailure {
  return new GrpcFailure(grpc.status.NOT_FOUND, `Cache not found: '${name}'.`, 'cache_not_found');
}

export function requireAccess(decision: AccessDecision): void {
  if (decision.ok) return;
  const code = decision.kind === 'unauthenticated' ? grpc.status.UNAUTHENTICATED : grpc.status.PERMISSION_DENIED;
  throw new GrpcFailure(code, decision.message);
}

export function metadataValue(metadata: grpc.Metadata, name: string): string | undefined {
  const value = metadata.get(name)[0];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.toString('utf8');
}

function requestFaults(metadata: grpc.Metadata): FaultSpec | undefined {
  const header = metadataValue(metadata, FAULT_HEADER);
  if (header !== undefined) return parseFaultSpec(header);
  return specFromMomentoLocalMetadata((name) => metadataValue(metadata, name));
}

export type Call<Req, Res> = grpc.ServerUnaryCall<Req, Res>;

/**
 * One RPC: the caller's key is authorized for `op` on the namespace first, then injected faults
 * apply (so nobody without a key can make the sandbox wait), then `handle` answers.
 */
export function unary<Req, Res>(
  ctx: MomentoContext,
  op: Operation,
  namespaceOf: (call: Call<Req, Res>) => string | undefined,
  handle: (call: Call<Req, Res>) => Res,
  keyOf: (call: Call<Req, Res>) => string | undefined = presentedKey,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    void (async () => {
      try {
        requireAccess(authorize(ctx.keys, keyOf(call), op, namespaceOf(call)));
        const decision = ctx.faults.decide(op, namespaceOf(call), requestFaults(call.metadata));
        await ctx.faults.sleep(decision.delayMs);
        if (decision.error !== undefined) {
          throw new GrpcFailure(FAULT_STATUS[decision.error], `Injected fault: ${decision.error}.`);
        }
        callback(null, handle(call));
      } catch (error) {
        callback(toServiceError(error));
      }
    })();
  };
}

export function cacheHeader(call: Call<unknown, unknown>): string | undefined {
  return metadataValue(call.metadata, 'cache');
}

export function requireCacheHeader(call: Call<unknown, unknown>): string {
  const name = cacheHeader(call);
  if (name === undefined || name === '') {
    throw new GrpcFailure(grpc.status.INVALID_ARGUMENT, 'The request has no "cache" metadata naming the namespace.');
  }
  return name;
}

/** The raw key the SDK sends in the `authorization` metadata. */
export function presentedKey(call: Call<unknown, unknown>): string | undefined {
  return metadataValue(call.metadata, 'authorization');
}
