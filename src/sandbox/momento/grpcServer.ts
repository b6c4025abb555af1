// The gRPC front: Momento's control plane, data plane and key generation, built from the service
// definitions the SDK itself uses, so the unmodified SDK talks to it. Responses are instances of
// the generated classes: their serializers reject plain objects.

import * as grpc from '@grpc/grpc-js';
import { auth, cache, control, token } from '@gomomento/generated-types';
import { MomentoContext } from './context';
import { controlService } from './grpcControl';
import { dataService } from './grpcData';
import { authService, tokenService } from './grpcKeys';

/** Room above the 10 MB item limit so an oversized Set reaches us and gets Momento's own error. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

export interface GrpcFront {
  /** "127.0.0.1:PORT" */
  endpoint: string;
  close(): Promise<void>;
}

export function startGrpcFront(ctx: MomentoContext, port: number): Promise<GrpcFront> {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  });
  server.addService(cache.cache_client.UnimplementedScsService.definition, dataService(ctx));
  server.addService(control.control_client.UnimplementedScsControlService.definition, controlService(ctx));
  server.addService(auth.auth.UnimplementedAuthService.definition, authService(ctx));
  server.addService(token.token.UnimplementedTokenService.definition, tokenService(ctx));

  return new Promise((resolve, reject) => {
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, boundPort) => {
      if (error) {
        server.forceShutdown();
        reject(error);
        return;
      }
      resolve({
        endpoint: `127.0.0.1:${boundPort}`,
        close: () =>
          new Promise<void>((done) => {
            // Clients may keep channels open; give in-flight calls a moment, then cut them off.
            const timer = setTimeout(() => {
              server.forceShutdown();
              done();
            }, 1000);
            server.tryShutdown(() => {
              clearTimeout(timer);
              done();
            });
          }),
      });
    });
  });
}
