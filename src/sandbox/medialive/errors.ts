// MediaLive's error responses: status, `x-amzn-errortype` naming the modeled exception, and a body
// with `message` (plus `validationErrors` for 422).
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
export const unprocessable = (message: string, errors: ValidationError[]) =>
  new MediaLiveError(422, 'UnprocessableEntityException', message, errors);
