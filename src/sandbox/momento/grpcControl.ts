// The control plane (control_client.ScsControl): CreateCache, DeleteCache, ListCaches.

import * as grpc from '@grpc/grpc-js';
import { control } from '@gomomento/generated-types';
import { MomentoContext } from './context';
import { cacheNotFound, GrpcFailure, unary } from './grpcCommon';
import { isValidNamespaceName, MAX_OBJECT_BYTES } from './limits';

const controlApi = control.control_client;

export function controlService(ctx: MomentoContext): grpc.UntypedServiceImplementation {
  type CreateReq = control.control_client._CreateCacheRequest;
  type DeleteReq = control.control_client._DeleteCacheRequest;
  return {
    CreateCache: unary<CreateReq, control.control_client._CreateCacheResponse>(
      ctx,
      'create-cache',
      (call) => call.request.cache_name,
      (call) => {
        const name = call.request.cache_name;
        if (!isValidNamespaceName(name)) {
          throw new GrpcFailure(
            grpc.status.INVALID_ARGUMENT,
            `Invalid cache name '${name}': use 1 to 255 letters, digits, '.', '_' or '-', starting with a letter or digit.`,
          );
        }
        if (!ctx.store.createNamespace(name)) {
          throw new GrpcFailure(grpc.status.ALREADY_EXISTS, `A cache named '${name}' already exists.`);
        }
        return new controlApi._CreateCacheResponse();
      },
    ),
    DeleteCache: unary<DeleteReq, control.control_client._DeleteCacheResponse>(
      ctx,
      'delete-cache',
      (call) => call.request.cache_name,
      (call) => {
        const name = call.request.cache_name;
        if (!ctx.store.deleteNamespace(name)) throw cacheNotFound(name);
        return new controlApi._DeleteCacheResponse();
      },
    ),
    ListCaches: unary<control.control_client._ListCachesRequest, control.control_client._ListCachesResponse>(
      ctx,
      'list-caches',
      () => undefined,
      () => {
        const caches = ctx.store.listNamespaces().map(
          (name) =>
            new controlApi._Cache({
              cache_name: name,
              cache_limits: new controlApi._CacheLimits({ max_item_size_kb: MAX_OBJECT_BYTES / 1000 }),
              topic_limits: new controlApi._TopicLimits(),
            }),
        );
        return new controlApi._ListCachesResponse({ cache: caches, next_token: '' });
      },
    ),
  };
}
