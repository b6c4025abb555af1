// How the real @gomomento/sdk is pointed at the sandbox with a per-key identity.
//
// CredentialProvider.forMomentoLocal sends an empty `authorization`, so the server could not tell
// keys apart. fromString with all three endpoint overrides sends the key's inner token on every
// call and talks plaintext gRPC to the one sandbox port.

import { CredentialProvider } from '@gomomento/sdk';
import { innerKeyOf, toOuterKey } from './keys';

/**
 * @param grpcEndpoint the sandbox's `grpcEndpoint` ("127.0.0.1:PORT")
 * @param key a key from the sandbox: `adminKey`, `mintKey(...)`, or one generated with the SDK's AuthClient
 */
export function sdkCredentialProvider(grpcEndpoint: string, key: string): CredentialProvider {
  const trimmed = key.trim();
  // Keep an envelope as is. Wrap anything else (a bare inner token, or a key that is not the
  // sandbox's at all) so the SDK accepts it and the server, not the SDK, judges it.
  const isEnvelope = innerKeyOf(trimmed) !== undefined && innerKeyOf(trimmed) !== trimmed;
  const apiKey = isEnvelope ? trimmed : toOuterKey(trimmed, grpcEndpoint);
  return CredentialProvider.fromString({
    apiKey,
    endpointOverrides: {
      controlEndpoint: grpcEndpoint,
      cacheEndpoint: grpcEndpoint,
      tokenEndpoint: grpcEndpoint,
      secureConnection: false,
    },
  });
}
