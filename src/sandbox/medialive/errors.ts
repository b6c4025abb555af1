// MediaLive's error responses: status, `x-amzn-errortype` naming the modeled exception, and a body
// with `message` (plus `validationErrors` for 422).
import type { InjectedError } from '../aws/faults';
import type { Refusal, RefusalKind } from '../aws/requestAuth';

export interface ValidationError {
  elementPath: string;
  errorMessage: string;
}

export class MediaLiveError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly validationErrors?: ValidationError[],
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return this.validationErrors
      ? { message: this.message, validationErrors: this.validationErrors }
      : { message: this.message };
  }
}

export const badRequest = (message: string) => new MediaLiveError(400, 'BadRequestException', message);
export const notFound = (message: string) => new MediaLiveError(404, 'NotFoundException', message);
export const conflict = (message: string) => new MediaLiveError(409, 'ConflictException', message);
// MediaLive's model gives CreateInput one limit error, TooManyRequestsException ("Limit exceeded"),
// and CreateChannel the same exception; Elemental MediaConvert answers its preset quota with it
// too ("Your account already has the maximum number of presets"), so the sandbox's quotas use it.
export const tooManyRequests = (message: string) => new MediaLiveError(429, 'TooManyRequestsException', message);
export const unprocessable = (message: string, errors: ValidationError[]) =>
  new MediaLiveError(422, 'UnprocessableEntityException', message, errors);

// What MediaLive's front door answers; a foreign Host gets MediaLive's own ForbiddenException.
const REFUSAL_TYPES: Record<RefusalKind, string> = {
  'foreign-host': 'ForbiddenException',
  'missing-token': 'MissingAuthenticationTokenException',
  'incomplete-signature': 'IncompleteSignatureException',
  'unknown-key': 'UnrecognizedClientException',
  'bad-signature': 'InvalidSignatureException',
};

export const refused = (refusal: Refusal) => new MediaLiveError(403, REFUSAL_TYPES[refusal.kind], refusal.message);

/** An injected fault as MediaLive answers it (MediaLive has no ETags: no stale-etag). */
export function injected(fault: InjectedError): MediaLiveError {
  return fault === 'throttle'
    ? tooManyRequests('Too many requests: the request rate for this operation is over its limit; retry with backoff')
    : new MediaLiveError(500, 'InternalServerErrorException', 'Internal server error; retry the request');
}
