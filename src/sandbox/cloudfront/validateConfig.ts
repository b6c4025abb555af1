// Checks a decoded DistributionConfig the way CloudFront does for what this workflow relies on,
// and fills in the defaults CloudFront echoes back from GetDistributionConfig.
import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import { ApiError } from './apiErrors';
import { loopbackAddressOf, notLoopbackMessage } from './loopbackOrigin';
import { MANAGED_CACHE_POLICIES, MANAGED_ORIGIN_REQUEST_POLICIES, MANAGED_RESPONSE_HEADERS_POLICIES } from './managedPolicies';
import type { XmlValue } from './xmlCodec';

type Obj = Record<string, XmlValue | undefined>;

const VIEWER_PROTOCOL_POLICIES = ['allow-all', 'https-only', 'redirect-to-https'];
const ORIGIN_PROTOCOL_POLICIES = ['http-only', 'match-viewer', 'https-only'];
const METHOD_SETS = ['GET,HEAD', 'GET,HEAD,OPTIONS', 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT'];
const CACHED_METHOD_SETS = ['GET,HEAD', 'GET,HEAD,OPTIONS'];
// CloudFront's default quotas.
const MAX_ORIGINS = 25;
const MAX_CUSTOM_HEADERS_PER_ORIGIN = 10;
const MAX_CACHE_BEHAVIORS = 25;
// Headers CloudFront refuses as origin custom headers (Authorization is allowed, and overwrites the viewer's).
const FORBIDDEN_CUSTOM_HEADERS = new Set([
  'cache-control', 'connection', 'content-length', 'cookie', 'host', 'if-match', 'if-modified-since', 'if-none-match',
  'if-range', 'if-unmodified-since', 'max-forwards', 'pragma', 'proxy-authorization', 'proxy-connection', 'range',
  'request-range', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'via', 'x-real-ip',
]);

function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function missing(path: string): ApiError {
  return ApiError.malformed(`1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`);
}

function isObj(value: XmlValue | undefined): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function obj(parent: Obj, key: string, path: string, required: boolean): Obj | undefined {
  const value = parent[key];
  if (value === undefined || value === '') {
    if (required) throw missing(`${path}.${camel(key)}`);
    return undefined;
  }
  if (!isObj(value)) throw ApiError.malformed(`${path}.${camel(key)} must be a structure.`);
  return value;
}

/** A member of one JSON type, or undefined when absent and optional. */
function typed<T>(parent: Obj, key: string, path: string, required: boolean, is: (value: unknown) => value is T, what: string): T | undefined {
  const value = parent[key];
  if (value === undefined) {
    if (required) throw missing(`${path}.${camel(key)}`);
    return undefined;
  }
  if (!is(value)) throw ApiError.malformed(`${path}.${camel(key)} must be ${what}.`);
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

function str(parent: Obj, key: string, path: string, required: boolean): string | undefined {
  return typed(parent, key, path, required, isString, 'a string');
}

function num(parent: Obj, key: string, path: string, required: boolean): number | undefined {
  return typed(parent, key, path, required, isNumber, 'a number');
}

function bool(parent: Obj, key: string, path: string, required: boolean): boolean | undefined {
  return typed(parent, key, path, required, isBoolean, 'true or false');
}

/** Checks `{Quantity, Items}`; returns the items (an empty list when absent). */
function quantityItems(container: Obj, path: string): XmlValue[] {
  const quantity = num(container, 'Quantity', path, true)!;
  const items = container.Items;
  if (items !== undefined && !Array.isArray(items)) throw ApiError.malformed(`${path}.items must be a list.`);
  const list = items ?? [];
  if (quantity !== list.length) throw ApiError.inconsistentQuantities(path);
  return list;
}

function inRange(value: number | undefined, low: number, high: number, what: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value < low || value > high)) {
    throw ApiError.invalidArgument(`The parameter ${what} must be between ${low} and ${high}; got ${value}.`);
  }
}

function checkOriginPath(originPath: string, originId: string): void {
  if (originPath === '') return;
  if (!originPath.startsWith('/') || originPath.endsWith('/') || originPath.length > 255 || /[\s?#]/.test(originPath)) {
    throw ApiError.invalidArgument(
      `The parameter origin path of origin "${originId}" must begin with a slash, must not end with one, and must not contain spaces, "?" or "#": "${originPath}".`,
    );
  }
}

function checkOrigins(config: Obj): Set<string> {
  const origins = obj(config, 'Origins', 'distributionConfig', true)!;
  const items = quantityItems(origins, 'distributionConfig.origins');
  if (items.length === 0) throw ApiError.invalidArgument('The distribution must have at least one origin.');
  if (items.length > MAX_ORIGINS) throw new ApiError('TooManyOrigins', 400, `You cannot create more origins for the distribution: at most ${MAX_ORIGINS}.`);
  const ids = new Set<string>();
  items.forEach((item, index) => {
    const path = `distributionConfig.origins.items.${index + 1}`;
    if (!isObj(item)) throw ApiError.malformed(`${path} must be a structure.`);
    const id = str(item, 'Id', path, true)!;
    if (id === '') throw ApiError.invalidArgument('The parameter origin Id must not be empty.');
    if (ids.has(id)) throw ApiError.invalidArgument(`The parameter origin Id "${id}" is used by more than one origin.`);
    ids.add(id);
    const domain = str(item, 'DomainName', path, true)!;
    if (loopbackAddressOf(domain) === undefined) {
      if (!/^[A-Za-z0-9.-]{1,253}$/.test(domain)) throw new ApiError('InvalidOrigin', 400, `The origin domain name "${domain}" is not valid.`);
      throw ApiError.invalidArgument(notLoopbackMessage(domain));
    }
    item.OriginPath ??= '';
    checkOriginPath(str(item, 'OriginPath', path, false)!, id);

    const headers = obj(item, 'CustomHeaders', path, false) ?? { Quantity: 0 };
    item.CustomHeaders = headers;
    const seen = new Set<string>();
    const headerItems = quantityItems(headers, `${path}.customHeaders`);
    if (headerItems.length > MAX_CUSTOM_HEADERS_PER_ORIGIN) {
      throw new ApiError('TooManyOriginCustomHeaders', 400, `Origin "${id}" has more than ${MAX_CUSTOM_HEADERS_PER_ORIGIN} custom headers.`);
    }
    headerItems.forEach((header, h) => {
      const headerPath = `${path}.customHeaders.items.${h + 1}`;
      if (!isObj(header)) throw ApiError.malformed(`${headerPath} must be a structure.`);
      const name = str(header, 'HeaderName', headerPath, true)!;
      str(header, 'HeaderValue', headerPath, true);
      const lower = name.toLowerCase();
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw ApiError.invalidArgument(`The custom header name "${name}" is not a valid HTTP header name.`);
      if (FORBIDDEN_CUSTOM_HEADERS.has(lower) || lower.startsWith('x-amz-cf-') || lower.startsWith('x-edge-')) {
        throw ApiError.invalidArgument(`The parameter HeaderName : ${name} is not allowed as an origin custom header.`);
      }
      if (seen.has(lower)) throw ApiError.invalidArgument(`The origin custom header ${name} is listed more than once.`);
      seen.add(lower);
    });

    const custom = obj(item, 'CustomOriginConfig', path, false);
    const s3 = obj(item, 'S3OriginConfig', path, false);
    if (!custom && !s3) throw ApiError.invalidArgument(`Origin "${id}" needs a CustomOriginConfig (or an S3OriginConfig).`);
    if (custom && s3) throw ApiError.invalidArgument(`Origin "${id}" cannot have both a CustomOriginConfig and an S3OriginConfig.`);
    if (custom) {
      const customPath = `${path}.customOriginConfig`;
      inRange(num(custom, 'HTTPPort', customPath, true), 1, 65535, 'HTTPPort');
      inRange(num(custom, 'HTTPSPort', customPath, true), 1, 65535, 'HTTPSPort');
      const policy = str(custom, 'OriginProtocolPolicy', customPath, true)!;
      if (!ORIGIN_PROTOCOL_POLICIES.includes(policy)) {
        throw ApiError.invalidArgument(`The parameter OriginProtocolPolicy must be one of ${ORIGIN_PROTOCOL_POLICIES.join(', ')}; got "${policy}".`);
      }
      custom.OriginSslProtocols ??= { Quantity: 1, Items: ['TLSv1.2'] };
      custom.OriginReadTimeout ??= 30;
      custom.OriginKeepaliveTimeout ??= 5;
      inRange(num(custom, 'OriginReadTimeout', customPath, false), 1, 180, 'OriginReadTimeout');
      inRange(num(custom, 'OriginKeepaliveTimeout', customPath, false), 1, 180, 'OriginKeepaliveTimeout');
    }
    item.ConnectionAttempts ??= 3;
    item.ConnectionTimeout ??= 10;
    inRange(num(item, 'ConnectionAttempts', path, false), 1, 3, 'ConnectionAttempts');
    inRange(num(item, 'ConnectionTimeout', path, false), 1, 10, 'ConnectionTimeout');
    item.OriginShield ??= { Enabled: false };
  });
  return ids;
}

function checkMethods(behavior: Obj, path: string): void {
  const allowed = obj(behavior, 'AllowedMethods', path, false) ?? {
    Quantity: 2, Items: ['HEAD', 'GET'], CachedMethods: { Quantity: 2, Items: ['HEAD', 'GET'] },
  };
  behavior.AllowedMethods = allowed;
  const methods = quantityItems(allowed, `${path}.allowedMethods`).map(String).sort().join(',');
  if (!METHOD_SETS.includes(methods)) {
    throw ApiError.invalidArgument(`AllowedMethods must be GET,HEAD or GET,HEAD,OPTIONS or all seven methods; got ${methods}.`);
  }
  const cached = obj(allowed, 'CachedMethods', `${path}.allowedMethods`, false) ?? { Quantity: 2, Items: ['HEAD', 'GET'] };
  allowed.CachedMethods = cached;
  const cachedSet = quantityItems(cached, `${path}.allowedMethods.cachedMethods`).map(String).sort().join(',');
  if (!CACHED_METHOD_SETS.includes(cachedSet)) throw ApiError.invalidArgument(`CachedMethods must be GET,HEAD or GET,HEAD,OPTIONS; got ${cachedSet}.`);
}

function checkCacheSettings(behavior: Obj, path: string): void {
  const cachePolicyId = str(behavior, 'CachePolicyId', path, false);
  const originRequestPolicyId = str(behavior, 'OriginRequestPolicyId', path, false);
  const forwarded = obj(behavior, 'ForwardedValues', path, false);
  if (cachePolicyId) {
    if (!MANAGED_CACHE_POLICIES[cachePolicyId]) {
      throw new ApiError('NoSuchCachePolicy', 404, `The cache policy ${cachePolicyId} does not exist (the sandbox knows CloudFront's managed cache policies only).`);
    }
    for (const legacy of ['ForwardedValues', 'MinTTL', 'DefaultTTL', 'MaxTTL']) {
      if (behavior[legacy] !== undefined) throw ApiError.invalidArgument(`The parameter ${legacy} cannot be used when a cache policy is associated to the cache behavior.`);
    }
  } else {
    if (!forwarded) throw ApiError.invalidArgument(`The parameter ForwardedValues is required when the cache behavior (${path}) has no CachePolicyId.`);
    bool(forwarded, 'QueryString', `${path}.forwardedValues`, true);
    const cookies = obj(forwarded, 'Cookies', `${path}.forwardedValues`, true)!;
    const forward = str(cookies, 'Forward', `${path}.forwardedValues.cookies`, true)!;
    if (!['none', 'whitelist', 'all'].includes(forward)) throw ApiError.invalidArgument(`Cookies.Forward must be none, whitelist or all; got "${forward}".`);
    for (const list of ['Headers', 'QueryStringCacheKeys']) {
      const container = obj(forwarded, list, `${path}.forwardedValues`, false);
      if (container) quantityItems(container, `${path}.forwardedValues.${camel(list)}`);
    }
    behavior.MinTTL ??= 0;
    behavior.DefaultTTL ??= 86_400;
    behavior.MaxTTL ??= 31_536_000;
    const min = num(behavior, 'MinTTL', path, false)!;
    const def = num(behavior, 'DefaultTTL', path, false)!;
    const max = num(behavior, 'MaxTTL', path, false)!;
    if (min < 0 || !(min <= def && def <= max)) {
      throw new ApiError('InvalidTTLOrder', 400, `The TTLs of ${path} must satisfy 0 <= MinTTL <= DefaultTTL <= MaxTTL; got ${min}, ${def}, ${max}.`);
    }
  }
  if (originRequestPolicyId) {
    if (!MANAGED_ORIGIN_REQUEST_POLICIES[originRequestPolicyId]) {
      throw new ApiError('NoSuchOriginRequestPolicy', 404, `The origin request policy ${originRequestPolicyId} does not exist (the sandbox knows CloudFront's managed origin request policies only).`);
    }
    if (!cachePolicyId) throw ApiError.invalidArgument('An origin request policy can only be used together with a cache policy.');
  }
}

function checkBehavior(behavior: XmlValue, path: string, originIds: Set<string>): Obj {
  if (!isObj(behavior)) throw ApiError.malformed(`${path} must be a structure.`);
  const target = str(behavior, 'TargetOriginId', path, true)!;
  if (!originIds.has(target)) throw ApiError.noSuchOrigin(target);
  const viewer = str(behavior, 'ViewerProtocolPolicy', path, true)!;
  if (!VIEWER_PROTOCOL_POLICIES.includes(viewer)) {
    throw ApiError.invalidArgument(`The parameter ViewerProtocolPolicy must be one of ${VIEWER_PROTOCOL_POLICIES.join(', ')}; got "${viewer}".`);
  }
  checkMethods(behavior, path);
  checkCacheSettings(behavior, path);
  const responseHeadersPolicyId = str(behavior, 'ResponseHeadersPolicyId', path, false);
  if (responseHeadersPolicyId && !MANAGED_RESPONSE_HEADERS_POLICIES[responseHeadersPolicyId]) {
    throw new ApiError('NoSuchResponseHeadersPolicy', 404, `The response headers policy ${responseHeadersPolicyId} does not exist (the sandbox knows CloudFront's managed response headers policies only).`);
  }
  behavior.SmoothStreaming ??= false;
  behavior.Compress ??= false;
  behavior.LambdaFunctionAssociations ??= { Quantity: 0 };
  behavior.FunctionAssociations ??= { Quantity: 0 };
  behavior.FieldLevelEncryptionId ??= '';
  behavior.TrustedSigners ??= { Enabled: false, Quantity: 0 };
  behavior.TrustedKeyGroups ??= { Enabled: false, Quantity: 0 };
  return behavior;
}

function checkCustomErrorResponses(config: Obj): void {
  const container = obj(config, 'CustomErrorResponses', 'distributionConfig', false) ?? { Quantity: 0 };
  config.CustomErrorResponses = container;
  quantityItems(container, 'distributionConfig.customErrorResponses').forEach((item, index) => {
    const path = `distributionConfig.customErrorResponses.items.${index + 1}`;
    if (!isObj(item)) throw ApiError.malformed(`${path} must be a structure.`);
    inRange(num(item, 'ErrorCode', path, true), 400, 599, 'ErrorCode');
    inRange(num(item, 'ErrorCachingMinTTL', path, false), 0, 31_536_000, 'ErrorCachingMinTTL');
  });
}

/** Validates in place and returns the config with CloudFront's defaults filled in. */
export function validateDistributionConfig(root: string, value: XmlValue): DistributionConfig {
  if (root !== 'DistributionConfig') throw ApiError.malformed(`Expected a DistributionConfig document, got <${root}>.`);
  if (!isObj(value)) throw ApiError.malformed('The DistributionConfig is empty.');
  const config = value;
  const callerReference = str(config, 'CallerReference', 'distributionConfig', true)!;
  if (callerReference === '' || callerReference.length > 128) throw ApiError.invalidArgument('The CallerReference must be 1 to 128 characters long.');
  str(config, 'Comment', 'distributionConfig', true);
  if ((config.Comment as string).length > 128) throw ApiError.invalidArgument('The parameter Comment is too long (128 characters at most).');
  bool(config, 'Enabled', 'distributionConfig', true);

  const originIds = checkOrigins(config);
  checkBehavior(obj(config, 'DefaultCacheBehavior', 'distributionConfig', true)!, 'distributionConfig.defaultCacheBehavior', originIds);

  const behaviors = obj(config, 'CacheBehaviors', 'distributionConfig', false) ?? { Quantity: 0 };
  config.CacheBehaviors = behaviors;
  const patterns = new Set<string>();
  const behaviorItems = quantityItems(behaviors, 'distributionConfig.cacheBehaviors');
  if (behaviorItems.length > MAX_CACHE_BEHAVIORS) {
    throw new ApiError('TooManyCacheBehaviors', 400, `You cannot create more cache behaviors for the distribution: at most ${MAX_CACHE_BEHAVIORS}.`);
  }
  behaviorItems.forEach((behavior, index) => {
    const path = `distributionConfig.cacheBehaviors.items.${index + 1}`;
    if (!isObj(behavior)) throw ApiError.malformed(`${path} must be a structure.`);
    const pattern = str(behavior, 'PathPattern', path, true)!;
    if (pattern === '' || pattern.length > 255) throw ApiError.invalidArgument(`The PathPattern of cache behavior ${index + 1} must be 1 to 255 characters long.`);
    if (patterns.has(pattern)) throw ApiError.invalidArgument(`The path pattern ${pattern} is used by more than one cache behavior.`);
    patterns.add(pattern);
    checkBehavior(behavior, path, originIds);
  });

  const aliases = obj(config, 'Aliases', 'distributionConfig', false) ?? { Quantity: 0 };
  config.Aliases = aliases;
  for (const alias of quantityItems(aliases, 'distributionConfig.aliases')) {
    if (typeof alias !== 'string' || !/^(\*\.)?[a-z0-9.-]{1,253}$/i.test(alias)) throw ApiError.invalidArgument(`The alternate domain name "${String(alias)}" is not valid.`);
  }
  checkCustomErrorResponses(config);

  config.DefaultRootObject ??= '';
  config.OriginGroups ??= { Quantity: 0 };
  config.Logging ??= { Enabled: false, IncludeCookies: false, Bucket: '', Prefix: '' };
  config.PriceClass ??= 'PriceClass_All';
  config.ViewerCertificate ??= {
    CloudFrontDefaultCertificate: true, SSLSupportMethod: 'vip', MinimumProtocolVersion: 'TLSv1', CertificateSource: 'cloudfront',
  };
  config.Restrictions ??= { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } };
  config.WebACLId ??= '';
  config.HttpVersion ??= 'http2';
  config.IsIPV6Enabled ??= true;
  config.Staging ??= false;
  return config as unknown as DistributionConfig;
}
