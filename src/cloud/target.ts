// One notion of where commands act, shared by the tree, plan/apply and the command line: the real
// cloud (AWS credentials from the SDK's provider chain, Momento endpoints from the key or region),
// or the local sandbox (found through its state file). SDKs are not loaded here.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { readSandboxState, type SandboxState } from './sandboxState';

export type TargetKind = 'aws' | 'sandbox';
export const TARGET_KINDS: readonly TargetKind[] = ['aws', 'sandbox'];

export interface CloudTarget {
  kind: TargetKind;
  /** Region of MediaLive and SSM (CloudFront is global and always signed for us-east-1). */
  region: string;
  /** The AWS profile in use, when one is named. */
  profile?: string;
  /** Endpoint overrides; empty for the real cloud. */
  endpoints: { medialive?: string; cloudfront?: string; ssm?: string; momentoGrpc?: string; momentoHttp?: string };
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Short text for the status bar and messages: "sandbox (us-west-2)", "aws prod (eu-west-1)". */
  label: string;
  /** How long an AWS request may take before it counts as failed (and is retried). */
  requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Client options every AWS client of a target shares: a slow answer is a TimeoutError the SDK retries. */
export function awsClientOptions(target: CloudTarget, endpoint: string | undefined) {
  return {
    endpoint,
    credentials: target.credentials,
    requestHandler: { requestTimeout: target.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
  };
}

/** Why a target cannot be used, worded with its fix. */
export class TargetError extends Error {}

export interface AwsTargetOptions {
  profile?: string;
  region?: string;
  /** Resolves credentials lazily (the SDK's provider chain); injected so this file loads no SDK. */
  credentials: AwsCredentialIdentityProvider;
}

export function awsTarget({ profile, region, credentials }: AwsTargetOptions): CloudTarget {
  if (!region) {
    throw new TargetError(`No AWS region: set AWS_REGION${profile ? ` or the region of profile "${profile}" in ~/.aws/config` : ' (or AWS_PROFILE with a region in ~/.aws/config)'}, or the medialive.region of live-origin.json.`);
  }
  return { kind: 'aws', region, profile, endpoints: {}, credentials, label: `aws ${profile ?? 'default'} (${region})` };
}

export function sandboxTarget(state: SandboxState | undefined = readSandboxState()): CloudTarget {
  if (!state) {
    throw new TargetError('No local sandbox is running: start one with `live-origin sandbox` (or Momento Live: Start Local Sandbox, or npm start).');
  }
  return {
    kind: 'sandbox',
    region: state.region,
    endpoints: { medialive: state.medialive, cloudfront: state.cloudfront, ssm: state.ssm, momentoGrpc: state.momentoGrpc, momentoHttp: state.momentoHttp },
    credentials: { ...state.aws },
    label: `sandbox (${state.region})`,
  };
}

export function parseTargetKind(value: string | undefined): TargetKind {
  if (value === undefined || value === '') return 'aws';
  if ((TARGET_KINDS as readonly string[]).includes(value)) return value as TargetKind;
  throw new TargetError(`--target must be aws or sandbox, not "${value}".`);
}
