// CloudFront's managed policies this workflow uses, by name, with their ids and TTLs.

export interface CachePolicyTtls {
  minTtlSeconds: number;
  defaultTtlSeconds: number;
  maxTtlSeconds: number;
}

export const MANAGED_CACHE_POLICIES = {
  CachingOptimized: {
    id: '658327ea-f89d-4fab-a63d-7e88639e58f6',
    ttls: { minTtlSeconds: 1, defaultTtlSeconds: 86_400, maxTtlSeconds: 31_536_000 },
  },
  CachingDisabled: {
    id: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
    ttls: { minTtlSeconds: 0, defaultTtlSeconds: 0, maxTtlSeconds: 0 },
  },
} as const satisfies Record<string, { id: string; ttls: CachePolicyTtls }>;

export const MANAGED_ORIGIN_REQUEST_POLICIES = {
  AllViewer: '216adef6-5c7f-47e4-b989-5492eafa07d3',
  AllViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
} as const;

export type ManagedCachePolicyName = keyof typeof MANAGED_CACHE_POLICIES;

export function isManagedCachePolicy(name: string): name is ManagedCachePolicyName {
  return Object.prototype.hasOwnProperty.call(MANAGED_CACHE_POLICIES, name);
}
