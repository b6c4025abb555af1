// Credentials mode: the destination names a user and the SSM parameter that holds the password;
// the sandbox reads it from its SSM store when the channel starts, as MediaLive does.
import type { SsmSandbox } from '../ssm';
import type { ResolvedCredentials } from './ffmpegArgs';
import { badRequest } from './errors';

export function resolveCredentials(username: string | undefined, passwordParam: string | undefined, ssm: SsmSandbox | undefined): ResolvedCredentials | undefined {
  if (username === undefined && passwordParam === undefined) return undefined;
  if (!username || !passwordParam) {
    throw badRequest('The destination sets only one of username and passwordParam: set both (credentials mode) or neither (token in the URL)');
  }
  if (!ssm) throw badRequest(`The destination reads its password from SSM parameter "${passwordParam}", but this sandbox has no SSM store`);
  const password = ssm.getParameter(passwordParam);
  if (password === undefined) {
    throw badRequest(`Unable to read the destination password: SSM parameter "${passwordParam}" does not exist`);
  }
  return { username, password };
}
