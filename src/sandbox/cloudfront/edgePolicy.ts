// Which cache behavior serves a path, and what that behavior means at the edge: TTL bounds,
// what goes into the cache key, what is forwarded to the origin, and which headers the response gets.
import type { CacheBehavior, DefaultCacheBehavior, DistributionConfig } from '@aws-sdk/client-cloudfront';
import {
  MANAGED_CACHE_POLICIES, MANAGED_ORIGIN_REQUEST_POLICIES, MANAGED_RESPONSE_HEADERS_POLICIES, union,
  type ResponseHeadersPolicySettings, type Selection,
} from './managedPolicies';
import { matchesPathPattern } from '../../config/pathPattern';

export interface EdgePolicy {
  /** Index in CacheBehaviors, or -1 for the default behavior. */
  behaviorIndex: number;
  targetOriginId: string;
  minTtl: number;
  defaultTtl: number;
  maxTtl: number;
  keyQuery: Selection;
  keyHeaders: Selection;
  keyCookies: Selection;
  forwardQuery: Selection;
  forwardHeaders: Selection;
  forwardCookies: Selection;
  /** The cache policy normalizes Accept-Encoding to these and keys on the result. */
  gzip: boolean;
  brotli: boolean;
  allowedMethods: string[];
  cachedMethods: string[];
  /** Legacy settings that forward every header disable caching. */
  neverCache: boolean;
  /** The behavior's response headers policy, if it has one. */
  responseHeaders?: ResponseHeadersPolicySettings;
}

const NONE: Selection = { kind: 'none' };
const ALL: Selection = { kind: 'all' };

export function selectBehavior(config: DistributionConfig, path: string): { behavior: DefaultCacheBehavior | CacheBehavior; index: number } {
  const behaviors = config.CacheBehaviors?.Items ?? [];
  for (let index = 0; index < behaviors.length; index++) {
    if (matchesPathPattern(behaviors[index].PathPattern ?? '', path)) return { behavior: behaviors[index], index };
  }
  return { behavior: config.DefaultCacheBehavior!, index: -1 };
}

function legacyPolicy(behavior: DefaultCacheBehavior | CacheBehavior): Omit<EdgePolicy, 'behaviorIndex' | 'targetOriginId' | 'allowedMethods' | 'cachedMethods' | 'responseHeaders'> {
  const forwarded = behavior.ForwardedValues!;
  const headerNames = (forwarded.Headers?.Items ?? []).map((name) => name.toLowerCase());
  const allHeaders = headerNames.includes('*');
  const headers: Selection = allHeaders ? ALL : headerNames.length > 0 ? { kind: 'only', names: headerNames } : NONE;
  const queryKeys = forwarded.QueryStringCacheKeys?.Items ?? [];
  const forwardQuery: Selection = forwarded.QueryString ? ALL : NONE;
  const keyQuery: Selection = forwarded.QueryString && queryKeys.length > 0 ? { kind: 'only', names: queryKeys } : forwardQuery;
  const cookieMode = forwarded.Cookies?.Forward ?? 'none';
  const cookies: Selection = cookieMode === 'all' ? ALL
    : cookieMode === 'whitelist' ? { kind: 'only', names: forwarded.Cookies?.WhitelistedNames?.Items ?? [] } : NONE;
  return {
    minTtl: behavior.MinTTL ?? 0,
    defaultTtl: behavior.DefaultTTL ?? 86_400,
    maxTtl: behavior.MaxTTL ?? 31_536_000,
    keyQuery,
    keyHeaders: headers,
    keyCookies: cookies,
    forwardQuery,
    forwardHeaders: headers,
    forwardCookies: cookies,
    gzip: false,
    brotli: false,
    neverCache: allHeaders,
  };
}

export function edgePolicyFor(config: DistributionConfig, path: string): EdgePolicy {
  const { behavior, index } = selectBehavior(config, path);
  const allowedMethods = behavior.AllowedMethods?.Items ?? ['GET', 'HEAD'];
  const cachedMethods = behavior.AllowedMethods?.CachedMethods?.Items ?? ['GET', 'HEAD'];
  const responseHeaders = behavior.ResponseHeadersPolicyId ? MANAGED_RESPONSE_HEADERS_POLICIES[behavior.ResponseHeadersPolicyId] : undefined;
  const common = { behaviorIndex: index, targetOriginId: behavior.TargetOriginId!, allowedMethods, cachedMethods, responseHeaders };
  const cachePolicy = behavior.CachePolicyId ? MANAGED_CACHE_POLICIES[behavior.CachePolicyId] : undefined;
  if (!cachePolicy) return { ...common, ...legacyPolicy(behavior) };
  const requestPolicy = behavior.OriginRequestPolicyId ? MANAGED_ORIGIN_REQUEST_POLICIES[behavior.OriginRequestPolicyId] : undefined;
  return {
    ...common,
    minTtl: cachePolicy.minTtl,
    defaultTtl: cachePolicy.defaultTtl,
    maxTtl: cachePolicy.maxTtl,
    keyQuery: cachePolicy.queryStrings,
    keyHeaders: cachePolicy.headers,
    keyCookies: cachePolicy.cookies,
    // Values in the cache key always reach the origin; an origin request policy adds to them.
    forwardQuery: requestPolicy ? union(cachePolicy.queryStrings, requestPolicy.queryStrings) : cachePolicy.queryStrings,
    forwardHeaders: requestPolicy ? union(cachePolicy.headers, requestPolicy.headers) : cachePolicy.headers,
    forwardCookies: requestPolicy ? union(cachePolicy.cookies, requestPolicy.cookies) : cachePolicy.cookies,
    gzip: cachePolicy.gzip,
    brotli: cachePolicy.brotli,
    neverCache: false,
  };
}
