// A tiny SSM Parameter Store on 127.0.0.1 that @aws-sdk/client-ssm talks to unmodified
// (endpoint override). The sandbox MediaLive reads destination passwords from it.
import type { AddressInfo } from 'node:net';
import { type AwsCredentials, generateAwsCredentials } from '../aws/credentials';
import { type AwsPlaneControls, PlaneControls } from '../aws/planeControls';
import { SSM_OPERATIONS } from './operations';
import { ParameterStore } from './parameterStore';
import { createSsmServer } from './server';

export interface SsmSandbox extends AwsPlaneControls {
  endpoint: string;
  /** The only credentials whose SigV4 signatures the endpoint accepts. */
  credentials: AwsCredentials;
  /** The clear value (SecureString decrypted), or undefined. */
  getParameter(name: string): string | undefined;
  /** Stores (or overwrites) a SecureString. */
  putParameter(name: string, value: string): void;
  close(): Promise<void>;
}

export const SANDBOX_ACCOUNT = '123456789012';
// AWS allows 10,000 standard parameters per account and Region; the sandbox keeps fewer so that
// a loop of PutParameter calls (up to 6 KB each) stays within a few megabytes.
const DEFAULT_MAX_PARAMETERS = 1000;

export interface SsmSandboxOptions {
  port?: number;
  region?: string;
  /** Default: a pair generated for this sandbox. */
  awsCredentials?: AwsCredentials;
  /** PutParameter of a new name beyond this answers ParameterLimitExceeded. */
  maxParameters?: number;
}

export async function startSsmSandbox(opts: SsmSandboxOptions = {}): Promise<SsmSandbox> {
  const store = new ParameterStore(opts.maxParameters ?? DEFAULT_MAX_PARAMETERS);
  const credentials = opts.awsCredentials ?? generateAwsCredentials();
  const controls = new PlaneControls('SSM', SSM_OPERATIONS);
  const server = createSsmServer({ store, region: opts.region ?? 'us-west-2', account: SANDBOX_ACCOUNT }, controls, credentials);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    // A copy: the AWS SDK writes `$source` into the credentials object it is given.
    credentials: { ...credentials },
    getParameter: (name) => store.get(name)?.value,
    putParameter: (name, value) => {
      store.put(name, value, 'SecureString');
    },
    faults: controls.faults,
    requests: () => controls.requests(),
    resetRequests: () => controls.resetRequests(),
    close: () => new Promise<void>((resolve) => {
      controls.dispose();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
