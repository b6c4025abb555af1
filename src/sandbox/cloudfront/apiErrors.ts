// Control-plane errors as CloudFront reports them: an error code the SDK maps to its exception
// class, the HTTP status from the service model, and a message.
import type { InjectedError } from '../aws/faults';
import type { Refusal, RefusalKind } from '../aws/requestAuth';

export class ApiError extends Error {
  constructor(readonly code: string, readonly status: number, message: string) {
    super(message);
    this.name = code;
  }

  static invalidArgument(message: string): ApiError {
    return new ApiError('InvalidArgument', 400, message);
  }

  static malformed(message: string): ApiError {
    return new ApiError('MalformedXML', 400, message);
  }

  static noSuchDistribution(): ApiError {
    return new ApiError('NoSuchDistribution', 404, 'The specified distribution does not exist.');
  }

  static missingIfMatch(): ApiError {
    return new ApiError('InvalidIfMatchVersion', 400, 'The If-Match version is missing or not valid for the resource.');
  }

  static preconditionFailed(): ApiError {
    return new ApiError('PreconditionFailed', 412, 'The precondition given in one or more of the request-header fields evaluated to false.');
  }

  static noSuchOrigin(originId: string): ApiError {
    return new ApiError('NoSuchOrigin', 404, `One or more of your cache behavior target origins or origin groups do not exist: "${originId}".`);
  }

  /** CloudFront's front door speaks IAM's codes; a foreign Host gets CloudFront's own AccessDenied. */
  static refused(refusal: Refusal): ApiError {
    return new ApiError(REFUSAL_CODES[refusal.kind], 403, refusal.message);
  }

  /**
   * An injected fault in CloudFront's words: `Throttling` (400, "Rate exceeded") and
   * `ServiceUnavailable` (503) are the codes its API is seen answering; a stale ETag is
   * PreconditionFailed, as when another writer updated the distribution first.
   */
  static injected(fault: InjectedError): ApiError {
    if (fault === 'throttle') return new ApiError('Throttling', 400, 'Rate exceeded');
    if (fault === 'stale-etag') return ApiError.preconditionFailed();
    return new ApiError('ServiceUnavailable', 503, 'CloudFront encountered an internal error. Please try again.');
  }

  static inconsistentQuantities(where: string): ApiError {
    return new ApiError('InconsistentQuantities', 400, `The value of Quantity and the size of Items don't match in ${where}.`);
  }
}

const REFUSAL_CODES: Record<RefusalKind, string> = {
  'foreign-host': 'AccessDenied',
  'missing-token': 'MissingAuthenticationToken',
  'incomplete-signature': 'IncompleteSignature',
  'unknown-key': 'InvalidClientTokenId',
  'bad-signature': 'SignatureDoesNotMatch',
};
