// One sentence, with its fix, for each way AWS credentials fail: none found, an SSO session that
// ran out, a temporary token that expired, a key AWS does not know or whose secret does not match,
// a permission the identity lacks. Never a stack trace; messages quoted are redacted. Pure.
import * as l10n from '@vscode/l10n';
import { redactSecrets } from './redact';

// Told apart by service error codes (`name`) and by the credential providers' own wording.
const EXPIRED_TOKEN = new Set(['ExpiredToken', 'ExpiredTokenException']);
const UNKNOWN_ACCESS_KEY = new Set(['UnrecognizedClientException', 'InvalidClientTokenId']);
const BAD_SIGNATURE = new Set(['InvalidSignatureException', 'SignatureDoesNotMatch']);
const MISSING_SIGNATURE = new Set(['MissingAuthenticationToken', 'MissingAuthenticationTokenException']);
// MediaLive's REST API says ForbiddenException where the JSON and XML APIs say AccessDenied.
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'ForbiddenException']);
const PROVIDER_ERRORS = new Set(['CredentialsProviderError', 'TokenProviderError', 'ProviderError']);

/** How the SSO credential and token providers word a session that must be renewed. */
const SSO_SESSION_GONE = /SSO session|aws sso login|in SSO Token/i;
const PROFILE_NOT_FOUND = /Profile '?([^' ]+)'? (?:was not found|could not be found)/i;
/** "...is not authorized to perform: medialive:ListChannels on resource: ..." */
const DENIED_ACTION = /perform:\s*([\w-]+:[\w*]+)/;

/**
 * The failure in one sentence that names its fix, or undefined when `error` is not about AWS
 * credentials or permissions. `profile` is the profile in use (AWS_PROFILE or `default` otherwise).
 */
export function describeAwsFailure(error: unknown, profile?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const name = errorCode(error);
  const profileName = profile || env.AWS_PROFILE || 'default';
  if (PROVIDER_ERRORS.has(name)) return describeProviderFailure(error.message, profileName, Boolean(profile || env.AWS_PROFILE));
  if (EXPIRED_TOKEN.has(name)) {
    return l10n.t('The AWS session token of profile "{0}" has expired: get new credentials (aws sso login --profile {0}, or new temporary keys), then try again.', profileName);
  }
  if (UNKNOWN_ACCESS_KEY.has(name)) {
    return l10n.t('AWS does not recognise the access key of profile "{0}" (deleted, deactivated, or for another partition): replace it with aws configure --profile {0}, or choose another profile.', profileName);
  }
  if (BAD_SIGNATURE.has(name)) {
    return l10n.t('AWS rejected the request signature of profile "{0}": the secret access key does not belong to the access key ID (replace it with aws configure --profile {0}), or this computer\'s clock is wrong.', profileName);
  }
  if (MISSING_SIGNATURE.has(name)) {
    return l10n.t('The request reached AWS without credentials: configure profile "{0}" (aws configure --profile {0}) or set AWS_PROFILE to one that works.', profileName);
  }
  if (ACCESS_DENIED.has(name)) {
    const action = DENIED_ACTION.exec(error.message)?.[1];
    return action
      ? l10n.t('AWS denied {0} to profile "{1}": ask your administrator to allow {0} for this identity, or choose a profile that has it.', action, profileName)
      : l10n.t('AWS denied this request to profile "{0}": ask your administrator for the permission (the IAM policy of this identity), or choose a profile that has it.', profileName);
  }
  return undefined;
}

function describeProviderFailure(message: string, profileName: string, profileNamed: boolean): string {
  if (SSO_SESSION_GONE.test(message)) {
    return l10n.t('The AWS SSO session of profile "{0}" has expired or was never started: run aws sso login --profile {0}, then try again.', profileName);
  }
  const missingProfile = PROFILE_NOT_FOUND.exec(message)?.[1];
  if (missingProfile) {
    return l10n.t('There is no AWS profile "{0}" in ~/.aws/config or ~/.aws/credentials: check its name (aws configure list-profiles) or create it (aws configure --profile {0}).', missingProfile);
  }
  if (/from any providers/.test(message)) {
    // The chain moves past a profile it cannot find, so that is all it says of a misspelt one.
    if (profileNamed) {
      return l10n.t('No AWS credentials were found for profile "{0}": check that it exists (aws configure list-profiles) and has credentials (aws configure --profile {0}, or aws configure sso).', profileName);
    }
    return l10n.t('No AWS credentials were found: run aws configure (or aws configure sso), set AWS_PROFILE to a configured profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.');
  }
  return l10n.t('AWS credentials of profile "{0}" could not be loaded ({1}): fix the profile in ~/.aws/config, or choose another one.', profileName, firstLine(redactSecrets(message)));
}

/** Service exceptions carry the code in `name`; some older errors only in `Code` or `code`. */
function errorCode(error: Error): string {
  const { Code, code } = error as Error & { Code?: unknown; code?: unknown };
  if (error.name && error.name !== 'Error') return error.name;
  return typeof Code === 'string' ? Code : typeof code === 'string' ? code : error.name;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0].trim();
}
