// awsJson1_1 errors: `__type` in the body (what the SDK reads for SSM) plus the query-compatible
// header SSM also sends.
export class SsmError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
  }
}

export const parameterNotFound = (name: string) => new SsmError('ParameterNotFound', `Parameter ${name} not found.`);
export const validation = (message: string) => new SsmError('ValidationException', message);
