// The target of a command-line run (`--target aws|sandbox`) and how a service's refusal reads
// there: one line naming the fix, shared by list, plan and apply.
import { readSandboxState } from '../cloud/sandboxState';
import { awsTarget, sandboxTarget, TargetError, type CloudTarget, type TargetKind } from '../cloud/target';
import { CliFailure } from './failure';

export const ACCOUNT_KEY_ENV = 'MOMENTO_API_KEY';

export async function resolveCliTarget(kind: TargetKind): Promise<CloudTarget> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  try {
    if (kind === 'sandbox') return sandboxTarget(readSandboxState());
    const { awsCredentialProvider, resolveRegion } = await import('../cloud/runtime');
    const profile = process.env.AWS_PROFILE || undefined;
    return awsTarget({ profile, region: await resolveRegion(profile), credentials: awsCredentialProvider(profile) });
  } catch (error) {
    if (error instanceof TargetError) throw new CliFailure(error.message);
    throw error;
  }
}

/** The failure as a CliFailure when it is one a person can fix; otherwise the error itself. */
export async function cliCloudFailure(error: unknown, target: CloudTarget): Promise<unknown> {
  if (error instanceof CliFailure) return error;
  const { describeAwsFailure, MomentoFailure } = await import('../cloud/runtime');
  if (error instanceof MomentoFailure) return new CliFailure(`Momento refused the request (${error.code}): ${error.message} Check ${ACCOUNT_KEY_ENV}.`);
  const described = describeAwsFailure(error, target.profile);
  if (described) return new CliFailure(described);
  if (target.kind === 'sandbox' && /ECONNREFUSED/.test(String((error as { cause?: unknown }).cause ?? error))) {
    return new CliFailure('The local sandbox does not answer: start it again with `live-origin sandbox`.');
  }
  return error;
}
