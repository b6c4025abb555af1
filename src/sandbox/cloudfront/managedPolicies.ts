// CloudFront's managed cache, origin request and response headers policies, by id, with the
// settings the edge applies.
import {
  MANAGED_CACHE_POLICIES as WORKFLOW_CACHE_POLICIES,
  MANAGED_ORIGIN_REQUEST_POLICIES as WORKFLOW_ORIGIN_REQUEST_POLICIES,
  MANAGED_RESPONSE_HEADERS_POLICIES as WORKFLOW_RESPONSE_HEADERS_POLICIES,
} from '../../config/cloudfrontPolicies';

/** Which viewer values (query strings, headers or cookies) a policy selects. Names are lower-case for headers. */
export type Selection =
  | { kind: 'none' }
  | { kind: 'all' }
  | { kind: 'only'; names: readonly string[] }
  | { kind: 'allExcept'; names: readonly string[] };

export interface CachePolicySettings {
  name: string;
  minTtl: number;
  defaultTtl: number;
  maxTtl: number;
  /** Cache-key values, which CloudFront also forwards to the origin. */
  queryStrings: Selection;
  headers: Selection;
  cookies: Selection;
  gzip: boolean;
  brotli: boolean;
}

export interface OriginRequestPolicySettings {
  name: string;
  queryStrings: Selection;
  headers: Selection;
  cookies: Selection;
}

const NONE: Selection = { kind: 'none' };
const ALL: Selection = { kind: 'all' };
const YEAR = 31_536_000;

export const CACHING_OPTIMIZED_ID = WORKFLOW_CACHE_POLICIES.CachingOptimized.id;
export const CACHING_DISABLED_ID = WORKFLOW_CACHE_POLICIES.CachingDisabled.id;
export const ALL_VIEWER_ID = WORKFLOW_ORIGIN_REQUEST_POLICIES.AllViewer;
export const ALL_VIEWER_EXCEPT_HOST_ID = WORKFLOW_ORIGIN_REQUEST_POLICIES.AllViewerExceptHostHeader;

export const MANAGED_CACHE_POLICIES: Readonly<Record<string, CachePolicySettings>> = {
  [CACHING_OPTIMIZED_ID]: {
    name: 'CachingOptimized', minTtl: 1, defaultTtl: 86_400, maxTtl: YEAR,
    queryStrings: NONE, headers: NONE, cookies: NONE, gzip: true, brotli: true,
  },
  'b2884449-e4de-46a7-ac36-70bc7f1ddd6d': {
    name: 'CachingOptimizedForUncompressedObjects', minTtl: 1, defaultTtl: 86_400, maxTtl: YEAR,
    queryStrings: NONE, headers: NONE, cookies: NONE, gzip: false, brotli: false,
  },
  [CACHING_DISABLED_ID]: {
    name: 'CachingDisabled', minTtl: 0, defaultTtl: 0, maxTtl: 0,
    queryStrings: NONE, headers: NONE, cookies: NONE, gzip: false, brotli: false,
  },
  '08627262-05a9-4f76-9ded-b50ca2e3a84f': {
    name: 'Elemental-MediaPackage', minTtl: 0, defaultTtl: 86_400, maxTtl: YEAR,
    queryStrings: { kind: 'only', names: ['aws.manifestfilter', 'start', 'end', 'm'] },
    headers: { kind: 'only', names: ['origin'] }, cookies: NONE, gzip: true, brotli: false,
  },
  '2e54312d-136d-493c-8eb9-b001f22f67d2': {
    name: 'Amplify', minTtl: 2, defaultTtl: 2, maxTtl: 600,
    queryStrings: ALL, headers: { kind: 'only', names: ['authorization', 'cloudfront-viewer-country', 'host'] },
    cookies: ALL, gzip: true, brotli: true,
  },
  '83da9c7e-98b4-4e11-a168-04f0df8e2c65': {
    name: 'UseOriginCacheControlHeaders', minTtl: 0, defaultTtl: 0, maxTtl: YEAR,
    queryStrings: NONE,
    headers: { kind: 'only', names: ['host', 'origin', 'x-http-method-override', 'x-http-method', 'x-method-override'] },
    cookies: ALL, gzip: true, brotli: true,
  },
  '4cc15a8a-d715-48a4-82b8-cc0b614638fe': {
    name: 'UseOriginCacheControlHeaders-QueryStrings', minTtl: 0, defaultTtl: 0, maxTtl: YEAR,
    queryStrings: ALL,
    headers: { kind: 'only', names: ['host', 'origin', 'x-http-method-override', 'x-http-method', 'x-method-override'] },
    cookies: ALL, gzip: true, brotli: true,
  },
};

const CORS_REQUEST_HEADERS = ['origin', 'access-control-request-headers', 'access-control-request-method'];

export const MANAGED_ORIGIN_REQUEST_POLICIES: Readonly<Record<string, OriginRequestPolicySettings>> = {
  [ALL_VIEWER_ID]: { name: 'AllViewer', queryStrings: ALL, headers: ALL, cookies: ALL },
  [ALL_VIEWER_EXCEPT_HOST_ID]: {
    name: 'AllViewerExceptHostHeader', queryStrings: ALL, headers: { kind: 'allExcept', names: ['host'] }, cookies: ALL,
  },
  '33f36d7e-f396-46d9-90e0-52428a34d9dc': {
    name: 'AllViewerAndCloudFrontHeaders-2022-06', queryStrings: ALL, headers: ALL, cookies: ALL,
  },
  '59781a5b-3903-41f3-afcb-af62929ccde1': {
    name: 'CORS-CustomOrigin', queryStrings: NONE, headers: { kind: 'only', names: ['origin'] }, cookies: NONE,
  },
  '88a5eaf4-2fd4-4709-b370-b4c650ea3fcf': {
    name: 'CORS-S3Origin', queryStrings: NONE, headers: { kind: 'only', names: CORS_REQUEST_HEADERS }, cookies: NONE,
  },
  'acba4595-bd28-49b8-b9fe-13317c0390fa': {
    name: 'UserAgentRefererHeaders', queryStrings: NONE, headers: { kind: 'only', names: ['user-agent', 'referer'] }, cookies: NONE,
  },
  '775133bc-15f2-49f9-abea-afb2e0bf67d2': {
    name: 'Elemental-MediaTailor-PersonalizedManifests', queryStrings: ALL,
    headers: { kind: 'only', names: [...CORS_REQUEST_HEADERS, 'user-agent', 'x-forwarded-for'] }, cookies: NONE,
  },
};

/** A header a response headers policy adds; `override` replaces the origin's value, otherwise the origin's wins. */
export interface PolicyHeader {
  name: string;
  value: string;
  override: boolean;
}

export interface ResponseHeadersPolicySettings {
  name: string;
  /** Added to responses to CORS requests (requests with an Origin header) only. */
  cors: PolicyHeader[];
  /** Added, besides `cors`, to responses to preflight requests (OPTIONS with Access-Control-Request-Method). */
  preflight: PolicyHeader[];
  /** Added to every response. */
  security: PolicyHeader[];
}

// The tables of "Use managed response headers policies" (CloudFront Developer Guide): every CORS
// header there has Override origin = No; of the security headers only X-Content-Type-Options
// overrides the origin's value.
const ALLOW_ANY_ORIGIN: PolicyHeader = { name: 'access-control-allow-origin', value: '*', override: false };
const SECURITY_HEADERS: PolicyHeader[] = [
  { name: 'referrer-policy', value: 'strict-origin-when-cross-origin', override: false },
  { name: 'strict-transport-security', value: 'max-age=31536000', override: false },
  { name: 'x-content-type-options', value: 'nosniff', override: true },
  { name: 'x-frame-options', value: 'SAMEORIGIN', override: false },
  { name: 'x-xss-protection', value: '1; mode=block', override: false },
];
// CORS-With-Preflight: the guide says CloudFront adds three headers to preflight responses and only
// Access-Control-Allow-Origin to simple CORS requests; the stored copy of the guide does not show
// the values of the other two. Any method and any header is what "allow CORS requests from any
// origin, including preflight requests" needs; check with GetResponseHeadersPolicy before relying
// on the exact strings.
const PREFLIGHT_HEADERS: PolicyHeader[] = [
  { name: 'access-control-allow-methods', value: 'GET, HEAD, PUT, POST, PATCH, DELETE, OPTIONS', override: false },
  { name: 'access-control-allow-headers', value: '*', override: false },
];

export const SIMPLE_CORS_ID = WORKFLOW_RESPONSE_HEADERS_POLICIES.SimpleCORS;
export const CORS_WITH_PREFLIGHT_ID = WORKFLOW_RESPONSE_HEADERS_POLICIES['CORS-With-Preflight'];

export const MANAGED_RESPONSE_HEADERS_POLICIES: Readonly<Record<string, ResponseHeadersPolicySettings>> = {
  [SIMPLE_CORS_ID]: { name: 'SimpleCORS', cors: [ALLOW_ANY_ORIGIN], preflight: [], security: [] },
  [CORS_WITH_PREFLIGHT_ID]: { name: 'CORS-With-Preflight', cors: [ALLOW_ANY_ORIGIN], preflight: PREFLIGHT_HEADERS, security: [] },
  [WORKFLOW_RESPONSE_HEADERS_POLICIES['CORS-and-SecurityHeadersPolicy']]: {
    name: 'CORS-and-SecurityHeadersPolicy', cors: [ALLOW_ANY_ORIGIN], preflight: [], security: SECURITY_HEADERS,
  },
  [WORKFLOW_RESPONSE_HEADERS_POLICIES['CORS-with-preflight-and-SecurityHeadersPolicy']]: {
    name: 'CORS-with-preflight-and-SecurityHeadersPolicy', cors: [ALLOW_ANY_ORIGIN], preflight: PREFLIGHT_HEADERS, security: SECURITY_HEADERS,
  },
  [WORKFLOW_RESPONSE_HEADERS_POLICIES.SecurityHeadersPolicy]: { name: 'SecurityHeadersPolicy', cors: [], preflight: [], security: SECURITY_HEADERS },
};

export function selects(selection: Selection, name: string): boolean {
  switch (selection.kind) {
    case 'none': return false;
    case 'all': return true;
    case 'only': return selection.names.includes(name);
    case 'allExcept': return !selection.names.includes(name);
  }
}

/** Union of two selections: a value is selected when either selects it. */
export function union(a: Selection, b: Selection): Selection {
  if (a.kind === 'all' || b.kind === 'all') return ALL;
  if (a.kind === 'none') return b;
  if (b.kind === 'none') return a;
  if (a.kind === 'only' && b.kind === 'only') return { kind: 'only', names: [...new Set([...a.names, ...b.names])] };
  const except = a.kind === 'allExcept' ? a : (b as Extract<Selection, { kind: 'allExcept' }>);
  const other = a.kind === 'allExcept' ? b : a;
  const names = except.names.filter((name) => !selects(other, name));
  return names.length === 0 ? ALL : { kind: 'allExcept', names };
}
