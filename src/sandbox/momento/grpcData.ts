// The data plane (cache_client.Scs): Get, Set, Delete. Other Scs methods answer UNIMPLEMENTED.

import * as grpc from '@grpc/grpc-js';
import { cache } from '@gomomento/generated-types';
import { MomentoContext } from './context';
import { cacheNotFound, GrpcFailure, requireCacheHeader, unary } from './grpcCommon';
import { MAX_OBJECT_BYTES } from './limits';

const cacheApi = cache.cache_client;

export function dataService(ctx: MomentoContext): grpc.UntypedServiceImplementation {
  return {
    Get: unary<cache.cache_client._GetRequest, cache.cache_client._GetResponse>(ctx, 'get', requireCacheHeader, (call) => {
      const name = requireCacheHeader(call);
      const found = ctx.store.get(name, call.request.cache_key);
      if (found.ok) return new cacheApi._GetResponse({ result: cacheApi.ECacheResult.Hit, cache_body: found.value });
      if (found.reason === 'miss') return new cacheApi._GetResponse({ result: cacheApi.ECacheResult.Miss });
      throw cacheNotFound(name);
    }),
    Set: unary<cache.cache_client._SetRequest, cache.cache_client._SetResponse>(ctx, 'set', requireCacheHeader, (call) => {
      const name = requireCacheHeader(call);
      const { cache_key, cache_body, ttl_milliseconds } = call.request;
      const result = ctx.store.set(name, cache_key, cache_body, ttl_milliseconds);
      if (result.ok) return new cacheApi._SetResponse();
      switch (result.reason) {
        case 'cache-not-found':
          throw cacheNotFound(name);
        case 'bad-ttl':
          throw new GrpcFailure(grpc.status.INVALID_ARGUMENT, 'ttl_milliseconds must be greater than zero.');
        case 'item-too-large':
          throw new GrpcFailure(
            grpc.status.RESOURCE_EXHAUSTED,
            `Item size limit exceeded: the value is ${cache_body.byteLength} bytes and the limit is ${MAX_OBJECT_BYTES} bytes.`,
            'item_size_limit_exceeded',
          );
        case 'larger-than-hot-storage':
          throw new GrpcFailure(
            grpc.status.RESOURCE_EXHAUSTED,
            `Item size limit exceeded: the item is larger than the namespace's hot storage (${ctx.store.hotStorageBytes} bytes).`,
            'item_size_limit_exceeded',
          );
      }
    }),
    Delete: unary<cache.cache_client._DeleteRequest, cache.cache_client._DeleteResponse>(ctx, 'delete', requireCacheHeader, (call) => {
      const name = requireCacheHeader(call);
      if (!ctx.store.delete(name, call.request.cache_key)) throw cacheNotFound(name);
      return new cacheApi._DeleteResponse();
    }),
  };
}
