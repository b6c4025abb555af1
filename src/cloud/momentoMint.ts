// Mints the workflow's two keys with the Momento auth API: the encoder's, read-write on one
// namespace, and the player's, read-only on it. The account key (one allowed to create keys) says
// where Momento is: its own endpoint, MOMENTO_ENDPOINT, or the namespace's region for v2 keys;
// a loopback endpoint is the local sandbox, spoken to in plaintext. The SDK loads on first use.
import * as l10n from '@vscode/l10n';
import type { CredentialProvider } from '@gomomento/sdk';
import { isLoopbackHost } from '../config/regions';
import { isExpired, keyInfo, momentoEndpoint, type KeyInfo } from './momentoKeys';
import { redactSecrets } from './redact';

export const DEFAULT_KEY_VALIDITY_DAYS = 30;

export interface MintRequest {
  accountKey: string;
  namespace: string;
  /** The namespace's Momento region: where a v2 account key (which names no endpoint) is used. */
  region?: string;
  validForDays?: number;
  env?: NodeJS.ProcessEnv;
}

export interface MintedKey {
  key: string;
  /** Undefined when the key never expires. */
  expiresAt?: Date;
}

export interface MintedKeys {
  encoder: MintedKey;
  player: MintedKey;
}

export type MintFailureReason = 'not-a-key' | 'account-key-expired' | 'account-key-refused' | 'account-key-not-permitted' | 'no-endpoint' | 'unreachable' | 'failed';

export class MintError extends Error {
  constructor(readonly reason: MintFailureReason, message: string) {
    super(message);
    this.name = 'MintError';
  }
}

export async function mintEncoderAndPlayerKeys(request: MintRequest): Promise<MintedKeys> {
  const { accountKey, namespace, validForDays = DEFAULT_KEY_VALIDITY_DAYS } = request;
  const info = keyInfo(accountKey);
  if (!info) {
    throw new MintError('not-a-key', l10n.t('The account key is not a Momento API key: replace it with Momento Live: Set Account Key.'));
  }
  if (isExpired(info)) {
    throw new MintError('account-key-expired', l10n.t('The account key expired on {0}: create a new one in the Momento console and store it with Momento Live: Set Account Key.', info.expiresAt!.toISOString()));
  }
  const endpoint = momentoEndpoint(info, request.region, request.env);
  if (!endpoint) {
    throw new MintError('no-endpoint', l10n.t('The account key is a v2 key, which names no endpoint: set momento.region in live-origin.json or the MOMENTO_ENDPOINT environment variable.'));
  }
  const sdk = await import('@gomomento/sdk');
  const auth = new sdk.AuthClient({
    configuration: sdk.AuthClientConfigurations.Default.latest(new sdk.NoopMomentoLoggerFactory()),
    credentialProvider: await accountCredentialProvider(accountKey.trim(), info, endpoint),
  });
  const expiresIn = sdk.ExpiresIn.days(validForDays);
  const mint = async (scope: import('@gomomento/sdk').PermissionScope): Promise<MintedKey> => {
    const response = await auth.generateApiKey(scope, expiresIn);
    if (response instanceof sdk.GenerateApiKey.Success) {
      return response.expiresAt.doesExpire() ? { key: response.apiKey, expiresAt: new Date(response.expiresAt.epoch() * 1000) } : { key: response.apiKey };
    }
    throw failure(response, sdk.MomentoErrorCode, endpoint, accountKey);
  };
  const encoder = await mint(sdk.PermissionScopes.cacheReadWrite(namespace));
  const player = await mint(sdk.PermissionScopes.cacheReadOnly(namespace));
  return { encoder, player };
}

/** How the SDK reaches `endpoint` with the account key: plaintext for the sandbox, TLS otherwise. */
export async function accountCredentialProvider(apiKey: string, info: KeyInfo, endpoint: string): Promise<CredentialProvider> {
  const provider = (await import('@gomomento/sdk')).CredentialProvider;
  try {
    if (isLoopbackHost(endpoint)) {
      // The sandbox serves every API on one plaintext port: no control./cache./token. hosts, no TLS.
      return provider.fromString({
        apiKey,
        endpointOverrides: { controlEndpoint: endpoint, cacheEndpoint: endpoint, tokenEndpoint: endpoint, secureConnection: false },
      });
    }
    return info.version === 2 ? provider.fromApiKeyV2({ apiKey, endpoint }) : provider.fromString({ apiKey });
  } catch {
    throw new MintError('not-a-key', l10n.t('The Momento SDK cannot use the account key: replace it with Momento Live: Set Account Key.'));
  }
}

function failure(
  response: { errorCode(): string; message(): string },
  codes: typeof import('@gomomento/sdk').MomentoErrorCode,
  endpoint: string,
  accountKey: string,
): MintError {
  switch (response.errorCode()) {
    case codes.AUTHENTICATION_ERROR:
      return new MintError('account-key-refused', l10n.t('Momento refused the account key (revoked, expired, or from another account or sandbox run): replace it with Momento Live: Set Account Key.'));
    case codes.PERMISSION_ERROR:
      return new MintError('account-key-not-permitted', l10n.t('The account key may not create API keys (it is scoped to caches, not a super-user key): store a super-user key with Momento Live: Set Account Key.'));
    case codes.SERVER_UNAVAILABLE:
    case codes.TIMEOUT_ERROR:
    case codes.CONNECTION_ERROR:
      return new MintError('unreachable', l10n.t('Momento at {0} could not be reached: check the network (or start the local sandbox), then try again.', endpoint));
    default:
      return new MintError('failed', l10n.t('Momento could not mint the keys: {0}', redactSecrets(response.message(), [accountKey])));
  }
}
