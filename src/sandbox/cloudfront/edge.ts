// The edge: one HTTP listener for every distribution, routed by Host, applying each deployed
// config's behaviors, caching and origin settings.
import type http from 'node:http';
import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import { EdgeCache, type CachedObject, type HeaderMap } from './edgeCache';
import { edgePolicyFor, type EdgePolicy } from './edgePolicy';
import { errorPage } from './errorPage';
import { newCfRequestId, newViaHost } from './ids';
import { InFlight } from './inFlight';
import { fetchFromOrigin, OriginFailure, type OriginAgents, type OriginResponse } from './originFetch';
import { planOriginRequest, type PlannedOriginRequest, type ViewerRequest } from './originRequest';
import { withResponseHeadersPolicy } from './responseHeaders';
import type { DistributionStore } from './store';
import { cacheTtlSeconds, errorTtlSeconds } from './ttl';
import { normalizeViewerPath } from './viewerPath';
import { readBody } from '../http/readBody';

export interface EdgeOptions {
  store: DistributionStore;
  cache: EdgeCache;
  agents: OriginAgents;
  /** How long origin errors are cached when the distribution does not say (CloudFront: 10 s). */
  errorCachingTtlSeconds: number;
  /** Largest response the edge accepts from an origin, and largest viewer request body. */
  maxObjectBytes: number;
  pop: string;
}

type XCache = 'Hit' | 'RefreshHit' | 'Miss' | 'Error';

interface Outcome {
  status: number;
  headers: HeaderMap;
  body: Buffer;
  xCache: XCache;
  /** Set when the response is now in the cache (followers of a collapsed request then see a Hit). */
  cached?: CachedObject;
  /** The origin's Content-Length, kept for HEAD responses that have no body to measure. */
  originLength?: string;
  /** The origin could not be reached or did not answer: the edge answers 502 or 504 itself. */
  failure?: { status: 502 | 504; message: string };
}

// Error responses CloudFront caches (for ErrorCachingMinTTL, 10 s by default).
const CACHED_ERROR_STATUSES = new Set([400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504]);
// CloudFront's limit on the request URL (path and query string); longer ones get a 414.
const MAX_URL_BYTES = 8192;
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'content-length', 'via', 'x-cache', 'x-amz-cf-id', 'x-amz-cf-pop', 'age',
]);

function responseHeaders(headers: http.IncomingHttpHeaders): HeaderMap {
  const out: HeaderMap = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !DROPPED_RESPONSE_HEADERS.has(name)) out[name] = value;
  }
  return out;
}

function hostnameOf(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}

export class Edge {
  readonly viaHost = newViaHost();
  private readonly inFlight = new InFlight<Outcome>();

  constructor(private readonly options: EdgeOptions) {}

  readonly handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const cfId = newCfRequestId();
    this.serve(req, res, cfId).catch((error: unknown) => {
      this.sendError(res, 502, `The CloudFront sandbox failed while handling this request: ${String(error)}`, cfId);
    });
  };

  private async serve(req: http.IncomingMessage, res: http.ServerResponse, cfId: string): Promise<void> {
    const url = req.url ?? '/';
    if (Buffer.byteLength(url) > MAX_URL_BYTES) {
      return this.sendError(res, 414, `The request URL is longer than CloudFront's limit of ${MAX_URL_BYTES} bytes.`, cfId);
    }
    const hostname = hostnameOf(req.headers.host);
    const distribution = hostname.endsWith('.localhost')
      ? this.options.store.findByDomainLabel(hostname.slice(0, -'.localhost'.length))
      : this.options.store.findForHost(hostname);
    if (!distribution) {
      return this.sendError(res, 403, `No distribution in this sandbox answers to the host "${hostname}". Address the edge as <label>.cloudfront.net or <label>.localhost with the distribution's domain label.`, cfId);
    }
    const config = distribution.deployed;
    if (!config) {
      return this.sendError(res, 403, `Distribution ${distribution.id} is still being deployed (Status InProgress); retry once its Status is Deployed.`, cfId);
    }
    if (!config.Enabled) {
      return this.sendError(res, 403, `Distribution ${distribution.id} is disabled.`, cfId);
    }

    const queryAt = url.indexOf('?');
    const rawPath = queryAt >= 0 ? url.slice(0, queryAt) : url;
    if (!rawPath.startsWith('/')) return this.sendError(res, 400, 'The request target must be an absolute path.', cfId);
    const path = normalizeViewerPath(rawPath);
    const method = (req.method ?? 'GET').toUpperCase();
    const policy = edgePolicyFor(config, path);
    if (!policy.allowedMethods.includes(method)) {
      return this.sendError(res, 403, 'This distribution is not configured to allow the HTTP request method that was used for this request. The distribution supports only cachable requests.', cfId);
    }
    let body: Buffer | undefined;
    if (method !== 'GET' && method !== 'HEAD') {
      try {
        body = await readBody(req, this.options.maxObjectBytes, () => new Error('too large'));
      } catch {
        return this.sendError(res, 413, `The request body is larger than ${this.options.maxObjectBytes} bytes.`, cfId);
      }
    }
    const origin = config.Origins!.Items!.find((candidate) => candidate.Id === policy.targetOriginId)!;
    const viewer: ViewerRequest = {
      method, path, rawQuery: queryAt >= 0 ? url.slice(queryAt + 1) : '', headers: req.headers, remoteAddress: req.socket.remoteAddress ?? '127.0.0.1', body,
    };
    const plan = planOriginRequest(distribution.id, viewer, policy, origin, this.viaHost, cfId);
    // GET and HEAD share cache entries; OPTIONS responses are not cached by the sandbox.
    const cachable = (method === 'GET' || method === 'HEAD') && policy.cachedMethods.includes(method) && policy.maxTtl > 0 && !policy.neverCache;

    let outcome: Outcome;
    const now = Date.now();
    const entry = cachable ? this.options.cache.get(plan.cacheKey) : undefined;
    if (entry && entry.expiresAtMs > now) {
      outcome = { status: entry.status, headers: entry.headers, body: entry.body, xCache: entry.status >= 400 ? 'Error' : 'Hit', cached: entry };
    } else if (cachable && method === 'GET') {
      const { result, leader } = this.inFlight.run(plan.cacheKey, () => this.fill(distribution.id, config, plan, policy, entry));
      const shared = await result;
      outcome = leader || !shared.cached ? shared : { ...shared, xCache: shared.status >= 400 ? 'Error' : 'Hit' };
    } else {
      outcome = await this.fetch(plan);
    }
    if (outcome.failure) return this.sendError(res, outcome.failure.status, outcome.failure.message, cfId);
    const headers = withResponseHeadersPolicy(policy.responseHeaders, method, req.headers, outcome.headers);
    this.sendOutcome(res, method, { ...outcome, headers }, cfId, now);
  }

  /** A miss or an expired entry: fetch (conditionally when we can revalidate) and cache what may be cached. */
  private async fill(
    distributionId: string, config: DistributionConfig, plan: PlannedOriginRequest, policy: EdgePolicy, stale: CachedObject | undefined,
  ): Promise<Outcome> {
    const headers = { ...plan.headers };
    let revalidating = false;
    if (stale && stale.status === 200) {
      const { etag, 'last-modified': lastModified } = stale.headers;
      if (typeof etag === 'string') headers['if-none-match'] = etag;
      if (typeof lastModified === 'string') headers['if-modified-since'] = lastModified;
      revalidating = typeof etag === 'string' || typeof lastModified === 'string';
    }
    const fetched = await this.fetch({ ...plan, headers });
    if (fetched.failure) return fetched;
    const now = Date.now();

    if (fetched.status === 304 && stale && revalidating) {
      const merged: HeaderMap = { ...stale.headers, ...pick(fetched.headers, ['cache-control', 'expires', 'date', 'etag', 'last-modified']) };
      const ttl = cacheTtlSeconds(merged, policy, now);
      const refreshed: CachedObject = { ...stale, headers: merged, storedAtMs: now, expiresAtMs: now + ttl * 1000 };
      if (ttl > 0) this.options.cache.set(plan.cacheKey, refreshed);
      else this.options.cache.delete(plan.cacheKey);
      return { status: 200, headers: merged, body: stale.body, xCache: 'RefreshHit', cached: ttl > 0 ? refreshed : undefined };
    }

    let ttl = 0;
    if (fetched.status === 200) {
      ttl = cacheTtlSeconds(fetched.headers, policy, now);
    } else if (CACHED_ERROR_STATUSES.has(fetched.status)) {
      const configured = config.CustomErrorResponses?.Items?.find((item) => item.ErrorCode === fetched.status)?.ErrorCachingMinTTL;
      ttl = errorTtlSeconds(fetched.headers, configured, this.options.errorCachingTtlSeconds, now);
    }
    if (ttl > 0) {
      const cached: CachedObject = {
        distributionId, status: fetched.status, headers: fetched.headers, body: fetched.body, storedAtMs: now, expiresAtMs: now + ttl * 1000,
      };
      if (this.options.cache.set(plan.cacheKey, cached)) return { ...fetched, cached };
    } else if (stale) {
      this.options.cache.delete(plan.cacheKey);
    }
    return fetched;
  }

  /** Origin failures come back as an outcome, not an exception, so that collapsed followers see them too. */
  private async fetch(plan: PlannedOriginRequest): Promise<Outcome> {
    let response: OriginResponse;
    try {
      response = await fetchFromOrigin(this.options.agents, plan.target, plan, this.options.maxObjectBytes);
    } catch (error) {
      const failure = error instanceof OriginFailure ? error : new OriginFailure('reset', String(error));
      const where = `${plan.target.protocol}//${plan.target.hostname}:${plan.target.port}`;
      const timeout = failure.kind === 'connect-timeout' || failure.kind === 'read-timeout';
      const message = failure.kind === 'not-loopback'
        ? `The sandbox edge did not connect to the origin ${where}. ${failure.message}`
        : failure.kind === 'connect' || failure.kind === 'connect-timeout'
          ? `CloudFront wasn't able to connect to the origin ${where} (${failure.message}).`
          : failure.kind === 'read-timeout'
            ? `The origin ${where} did not respond in time (${failure.message}); see the origin's OriginReadTimeout.`
            : failure.kind === 'too-large'
              ? `The origin ${where} sent a response the sandbox will not hold (${failure.message}).`
              : `The origin ${where} closed the connection (${failure.message}).`;
      return { status: timeout ? 504 : 502, headers: {}, body: Buffer.alloc(0), xCache: 'Error', failure: { status: timeout ? 504 : 502, message } };
    }
    return {
      status: response.status,
      headers: responseHeaders(response.headers),
      body: response.body,
      xCache: response.status >= 400 ? 'Error' : 'Miss',
      originLength: response.headers['content-length'],
    };
  }

  private cloudFrontHeaders(xCache: XCache, cfId: string): Record<string, string> {
    return {
      'x-cache': `${xCache} from cloudfront`,
      via: `1.1 ${this.viaHost} (CloudFront)`,
      'x-amz-cf-pop': this.options.pop,
      'x-amz-cf-id': cfId,
    };
  }

  private sendOutcome(res: http.ServerResponse, method: string, outcome: Outcome, cfId: string, now: number): void {
    const headers: Record<string, string | string[]> = { ...outcome.headers, ...this.cloudFrontHeaders(outcome.xCache, cfId) };
    if (outcome.xCache === 'Hit' && outcome.cached) headers.age = String(Math.max(0, Math.floor((now - outcome.cached.storedAtMs) / 1000)));
    const bodyless = method === 'HEAD' || outcome.status === 204 || outcome.status === 304;
    if (!bodyless || outcome.body.length > 0) headers['content-length'] = String(outcome.body.length);
    else if (outcome.originLength !== undefined && outcome.status !== 204) headers['content-length'] = outcome.originLength;
    res.writeHead(outcome.status, headers);
    res.end(bodyless ? undefined : outcome.body);
  }

  private sendError(res: http.ServerResponse, status: number, detail: string, cfId: string): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const html = errorPage(status, detail, cfId);
    res.writeHead(status, {
      server: 'CloudFront',
      'content-type': 'text/html',
      'content-length': Buffer.byteLength(html),
      ...this.cloudFrontHeaders('Error', cfId),
    });
    res.end(html);
  }
}

function pick(headers: HeaderMap, names: string[]): HeaderMap {
  const out: HeaderMap = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
