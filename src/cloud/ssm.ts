// SSM Parameter Store of a target: the SecureString MediaLive reads the encoder key from.
import type { SSMClient } from '@aws-sdk/client-ssm';
import { awsClientOptions, type CloudTarget } from './target';

const clients = new WeakMap<CloudTarget, Promise<SSMClient>>();

function ssmClient(target: CloudTarget): Promise<SSMClient> {
  let created = clients.get(target);
  if (!created) {
    created = import('@aws-sdk/client-ssm').then(({ SSMClient }) =>
      new SSMClient({ region: target.region, ...awsClientOptions(target, target.endpoints.ssm) }));
    clients.set(target, created);
  }
  return created;
}

/** The clear value, or undefined when the parameter does not exist. */
export async function readParameter(target: CloudTarget, name: string): Promise<string | undefined> {
  const { GetParameterCommand } = await import('@aws-sdk/client-ssm');
  try {
    return (await (await ssmClient(target)).send(new GetParameterCommand({ Name: name, WithDecryption: true }))).Parameter?.Value;
  } catch (error) {
    if ((error as Error).name === 'ParameterNotFound') return undefined;
    throw error;
  }
}

/** Creates or overwrites the parameter as a SecureString. */
export async function writeParameter(target: CloudTarget, name: string, value: string): Promise<void> {
  const { PutParameterCommand } = await import('@aws-sdk/client-ssm');
  await (await ssmClient(target)).send(new PutParameterCommand({
    Name: name,
    Value: value,
    Type: 'SecureString',
    Overwrite: true,
    Description: 'Momento encoder key for MediaLive (written by live-origin apply)',
  }));
}
