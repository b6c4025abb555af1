// awsJson1_1 errors: `__type` in the body (what the SDK reads for SSM) plus the query-compatible
// header SSM also sends.
import type { InjectedError } from '../aws/faults';
import type { Refusal, RefusalKind } from '../aws/requestAuth';

export class SsmError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
  }
}

export const parameterNotFound = (name: string) => new SsmError('ParameterNotFound', `Parameter ${name} not found.`);
export const validation = (message: string) => new SsmError('ValidationException', message);

// What SSM's front door answers (awsJson services use 400); a foreign Host gets AccessDeniedException.
const REFUSAL_TYPES: Record<RefusalKind, string> = {
  'foreign-host': 'AccessDeniedException',
  'missing-token': 'MissingAuthenticationTokenException',
  'incomplete-signature': 'IncompleteSignatureException',
  'unknown-key': 'UnrecognizedClientException',
  'bad-signature': 'InvalidSignatureException',
};

export const refused = (refusal: Refusal) => new SsmError(REFUSAL_TYPES[refusal.kind], refusal.message);

/** An injected fault as SSM answers it (SSM has no ETags: no stale-etag). */
export function injected(fault: InjectedError): SsmError {
  return fault === 'throttle'
    ? new SsmError('ThrottlingException', 'Rate exceeded')
    : new SsmError('InternalServerError', 'An error occurred on the server side; retry the request.', 500);
}
