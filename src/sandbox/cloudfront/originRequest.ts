// Turns a viewer request into the request CloudFront sends to the origin, and its cache key.
import type http from 'node:http';
import type { Origin } from '@aws-sdk/client-cloudfront';
import type { EdgePolicy } from './edgePolicy';
import { selects, type Selection } from './managedPolicies';
import type { OriginTarget } from './originFetch';

const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer',
  'transfer-encoding', 'upgrade',
]);
// Handled one by one below rather than copied from the viewer.
const SPECIAL = new Set(['host', 'cookie', 'accept-encoding', 'content-length', 'via', 'x-forwarded-for', 'x-amz-cf-id']);

export interface ViewerRequest {
  method: string;
  path: string;
  rawQuery: string;
  headers: http.IncomingHttpHeaders;
  remoteAddress: string;
  body?: Buffer;
}

export interface PlannedOriginRequest {
  target: OriginTarget;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  cacheKey: string;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function queryName(pair: string): string {
  const name = pair.split('=')[0];
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

export function filterQuery(rawQuery: string, selection: Selection): string {
  if (rawQuery === '' || selection.kind === 'none') return '';
  if (selection.kind === 'all') return rawQuery;
  return rawQuery.split('&').filter((pair) => pair !== '' && selects(selection, queryName(pair))).join('&');
}

export function filterCookies(cookieHeader: string | undefined, selection: Selection): string {
  if (!cookieHeader || selection.kind === 'none') return '';
  if (selection.kind === 'all') return cookieHeader;
  return cookieHeader.split(';').map((part) => part.trim()).filter((part) => part !== '' && selects(selection, part.split('=')[0])).join('; ');
}

/** Accept-Encoding as CloudFront normalizes it when the cache policy caches compressed objects. */
export function normalizedAcceptEncoding(value: string | undefined, gzip: boolean, brotli: boolean): string {
  if (!value || (!gzip && !brotli)) return '';
  const offered = value.toLowerCase().split(',').map((part) => part.split(';')[0].trim());
  const chosen: string[] = [];
  if (brotli && offered.includes('br')) chosen.push('br');
  if (gzip && offered.includes('gzip')) chosen.push('gzip');
  return chosen.join(',');
}

export function originTarget(origin: Origin): OriginTarget {
  const custom = origin.CustomOriginConfig;
  // The sandbox edge only speaks HTTP to viewers, so match-viewer means HTTP.
  const https = custom ? custom.OriginProtocolPolicy === 'https-only' : true;
  return {
    protocol: https ? 'https:' : 'http:',
    hostname: origin.DomainName!,
    port: custom ? (https ? custom.HTTPSPort! : custom.HTTPPort!) : 443,
    connectionAttempts: origin.ConnectionAttempts ?? 3,
    connectionTimeoutMs: (origin.ConnectionTimeout ?? 10) * 1000,
    readTimeoutMs: (custom?.OriginReadTimeout ?? 30) * 1000,
  };
}

export function planOriginRequest(
  distributionId: string, viewer: ViewerRequest, policy: EdgePolicy, origin: Origin, viaHost: string, cfId: string,
): PlannedOriginRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(viewer.headers)) {
    if (HOP_BY_HOP.has(name) || SPECIAL.has(name) || value === undefined) continue;
    if (selects(policy.forwardHeaders, name)) headers[name] = headerText(value)!;
  }
  const viewerHost = headerText(viewer.headers.host) ?? '';
  headers.host = selects(policy.forwardHeaders, 'host') ? viewerHost : origin.DomainName!;
  headers['user-agent'] ??= 'Amazon CloudFront';
  const cookies = filterCookies(headerText(viewer.headers.cookie), policy.forwardCookies);
  if (cookies) headers.cookie = cookies;
  const encoding = policy.gzip || policy.brotli
    ? normalizedAcceptEncoding(headerText(viewer.headers['accept-encoding']), policy.gzip, policy.brotli)
    : selects(policy.forwardHeaders, 'accept-encoding') ? headerText(viewer.headers['accept-encoding']) ?? '' : '';
  if (encoding) headers['accept-encoding'] = encoding;
  const viewerVia = selects(policy.forwardHeaders, 'via') ? headerText(viewer.headers.via) : undefined;
  headers.via = `${viewerVia ? `${viewerVia}, ` : ''}1.1 ${viaHost} (CloudFront)`;
  const viewerXff = headerText(viewer.headers['x-forwarded-for']);
  headers['x-forwarded-for'] = viewerXff ? `${viewerXff}, ${viewer.remoteAddress}` : viewer.remoteAddress;
  headers['x-amz-cf-id'] = cfId;
  if (viewer.body !== undefined) {
    headers['content-length'] = String(viewer.body.length);
    const type = headerText(viewer.headers['content-type']);
    if (type) headers['content-type'] = type;
  }
  // Origin custom headers replace whatever the viewer sent under the same name.
  for (const custom of origin.CustomHeaders?.Items ?? []) {
    const name = custom.HeaderName!.toLowerCase();
    headers[name] = custom.HeaderValue ?? '';
  }

  const query = filterQuery(viewer.rawQuery, policy.forwardQuery);
  const keyHeaders = Object.keys(viewer.headers)
    .filter((name) => name !== 'accept-encoding' && name !== 'cookie' && selects(policy.keyHeaders, name))
    .sort()
    .map((name) => `${name}:${headerText(viewer.headers[name])}`)
    .join('\n');
  const cacheKey = [
    distributionId,
    viewer.path,
    filterQuery(viewer.rawQuery, policy.keyQuery),
    keyHeaders,
    filterCookies(headerText(viewer.headers.cookie), policy.keyCookies),
    normalizedAcceptEncoding(headerText(viewer.headers['accept-encoding']), policy.gzip, policy.brotli),
  ].join('\u0000');

  return {
    target: originTarget(origin),
    method: viewer.method,
    path: `${origin.OriginPath ?? ''}${viewer.path}${query ? `?${query}` : ''}`,
    headers,
    body: viewer.body,
    cacheKey,
  };
}
