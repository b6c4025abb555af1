// A tiny SSM Parameter Store on 127.0.0.1 that @aws-sdk/client-ssm talks to unmodified
// (endpoint override). The sandbox MediaLive reads destination passwords from it.
import type { AddressInfo } from 'node:net';
import { ParameterStore } from './parameterStore';
import { createSsmServer } from './server';

export interface SsmSandbox {
  endpoint: string;
  /** The clear value (SecureString decrypted), or undefined. */
  getParameter(name: string): string | undefined;
  /** Stores (or overwrites) a SecureString. */
  putParameter(name: string, value: string): void;
  close(): Promise<void>;
}

export const SANDBOX_ACCOUNT = '123456789012';

export async function startSsmSandbox(opts: { port?: number; region?: string } = {}): Promise<SsmSandbox> {
  const store = new ParameterStore();
  const server = createSsmServer({ store, region: opts.region ?? 'us-west-2', account: SANDBOX_ACCOUNT });
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
    getParameter: (name) => store.get(name)?.value,
    putParameter: (name, value) => {
      store.put(name, value, 'SecureString');
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
