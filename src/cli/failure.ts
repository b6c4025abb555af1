// How the command line reports what went wrong: expected failures (a missing program, a port in
// use, an unreadable file, a refused credential) as one line that names the fix; anything else as
// a bug to report. Stack traces only when asked for.

/** An expected failure whose message already says what to do. */
export class CliFailure extends Error {}

export const DEBUG_ENV = 'LIVE_ORIGIN_DEBUG';
const REPORT_URL = 'https://github.com/momento-live-origin/momento-live-origin/issues';

// Error names the AWS SDK and Momento use when a credential is refused.
const REFUSED_CREDENTIAL = new Set([
  'UnrecognizedClientException', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'InvalidClientTokenId',
  'MissingAuthenticationTokenException', 'MissingAuthenticationToken', 'ExpiredToken', 'ExpiredTokenException',
  'AccessDenied', 'AccessDeniedException', 'CredentialsProviderError', 'AuthenticationError', 'PermissionError',
]);

/** An expected failure described by its fix, or undefined when the error is a bug. */
export function expectedFailure(error: unknown): string | undefined {
  if (error instanceof CliFailure) return error.message;
  if (!(error instanceof Error)) return undefined;
  const { code, syscall, path, port, address } = error as NodeJS.ErrnoException & { port?: number; address?: string };
  if (code === 'EADDRINUSE') {
    return `${address ?? '127.0.0.1'}:${port ?? ''} is already in use: stop the program holding it, or choose another port.`;
  }
  if ((code === 'EACCES' || code === 'EPERM' || code === 'EROFS') && path) {
    return `Permission denied on ${path}${syscall ? ` (${syscall})` : ''}: choose a folder you can write to (--dir) or fix its permissions.`;
  }
  if (code === 'ENOSPC') return `No space left on the device${path ? ` for ${path}` : ''}: free some space and run the command again.`;
  if (REFUSED_CREDENTIAL.has(error.name)) {
    return `The credential was refused (${error.name}: ${error.message}). Check AWS_PROFILE / AWS_ACCESS_KEY_ID and the Momento keys in MOMENTO_API_KEY, LIVE_ORIGIN_ENCODER_KEY and LIVE_ORIGIN_PLAYER_KEY.`;
  }
  return undefined;
}

/** What to print for a failure: one line, or the stack trace when debugging. */
export function describeFailure(error: unknown, debug: boolean): string {
  const expected = expectedFailure(error);
  const detail = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  if (expected !== undefined) return `live-origin: ${expected}${detail}`;
  const message = error instanceof Error ? error.message : String(error);
  const how = debug ? detail : `\nRun it again with --debug (or ${DEBUG_ENV}=1) for the stack trace.`;
  return `live-origin: unexpected failure: ${message}\nThis is a bug in live-origin; please report it at ${REPORT_URL} with the command you ran.${how}`;
}
