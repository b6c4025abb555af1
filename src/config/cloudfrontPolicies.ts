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

/**
 * Managed response headers policies (CloudFront Developer Guide, "Use managed response headers
 * policies"). SimpleCORS adds `Access-Control-Allow-Origin: *` to responses to CORS requests, which
 * is what lets a web player on another origin read a public live stream's playlists and segments.
 */
export const MANAGED_RESPONSE_HEADERS_POLICIES = {
  SimpleCORS: '60669652-455b-4ae9-85a4-c4c02393f86c',
  'CORS-With-Preflight': '5cc3b908-e619-4b99-88e5-2cf7f45965bd',
  'CORS-and-SecurityHeadersPolicy': 'e61eb60c-9c35-4d20-a928-2b84e02af89c',
  'CORS-with-preflight-and-SecurityHeadersPolicy': 'eaab4381-ed33-4a86-88ca-d9558dc6cd63',
  SecurityHeadersPolicy: '67f7725c-6f97-4210-82d7-5512b31e9d03',
} as const;

export type ManagedCachePolicyName = keyof typeof MANAGED_CACHE_POLICIES;

export function isManagedCachePolicy(name: string): name is ManagedCachePolicyName {
  return Object.prototype.hasOwnProperty.call(MANAGED_CACHE_POLICIES, name);
}
