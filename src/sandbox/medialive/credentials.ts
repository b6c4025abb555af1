// Credentials mode: the destination names a user and the SSM parameter that holds the password;
// the sandbox reads it from its SSM store when the channel starts, as MediaLive does, and the
// relay sends it as HTTP Basic auth (never on ffmpeg's command line).
import type { SsmSandbox } from '../ssm';
import { badRequest } from './errors';

export interface ResolvedCredentials {
  username: string;
  password: string;
}

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

export function basicAuthorization({ username, password }: ResolvedCredentials): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
