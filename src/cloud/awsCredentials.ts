// AWS credentials the way the AWS CLI finds them: environment, shared files, SSO, process
// credentials, through the SDK's own loaders (no INI parsing of ours). Each SDK module is loaded on
// first use, never when this file is. (What their failures mean: awsFailure.ts.)
import type { AwsCredentialIdentityProvider, ParsedIniData } from '@smithy/types';

export interface AwsProfile {
  name: string;
  /** The profile's `region`, from ~/.aws/config (or, failing that, ~/.aws/credentials). */
  region?: string;
}

export interface SharedFilePaths {
  /** Defaults to AWS_CONFIG_FILE or ~/.aws/config. */
  configFilepath?: string;
  /** Defaults to AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials. */
  filepath?: string;
}

/** Sections of ~/.aws/config that are not profiles (`[sso-session x]`, `[services x]`). */
const NON_PROFILE_SECTION = /^(?:sso-session|services)\./;

/** Every profile of both shared files, sorted by name; re-read on every call. */
export async function listProfiles(paths: SharedFilePaths = {}): Promise<AwsProfile[]> {
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ...paths, ignoreCache: true });
  const names = new Set([...profileNames(configFile), ...profileNames(credentialsFile)]);
  return [...names].sort().map((name) => {
    const region = configFile[name]?.region || credentialsFile[name]?.region;
    return region ? { name, region } : { name };
  });
}

/**
 * The SDK's default chain for `profile` (or AWS_PROFILE, or the environment's keys): environment,
 * shared files, SSO, process credentials, web identity, container and instance metadata. The
 * chain is built on the first call and refreshes expiring credentials itself.
 */
export function awsCredentialProvider(profile?: string): AwsCredentialIdentityProvider {
  let chain: Promise<AwsCredentialIdentityProvider> | undefined;
  return async (options) => {
    chain ??= import('@aws-sdk/credential-providers').then(({ fromNodeProviderChain }) => fromNodeProviderChain(profile ? { profile } : {}));
    return (await chain)(options);
  };
}

/** AWS_REGION, else AWS_DEFAULT_REGION (the AWS CLI's), else the region of the profile in use. */
export async function resolveRegion(profile?: string, env: NodeJS.ProcessEnv = process.env, paths: SharedFilePaths = {}): Promise<string | undefined> {
  const fromEnvironment = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (fromEnvironment) return fromEnvironment;
  const name = profile || env.AWS_PROFILE || 'default';
  return (await listProfiles(paths)).find((candidate) => candidate.name === name)?.region;
}

function profileNames(file: ParsedIniData): string[] {
  return Object.keys(file).filter((name) => !NON_PROFILE_SECTION.test(name));
}
