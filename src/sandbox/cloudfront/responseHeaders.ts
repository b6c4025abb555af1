// A behavior's response headers policy, applied as the edge sends a response to the viewer: after
// the cache, so one cached object serves CORS and non-CORS viewers alike.
import type http from 'node:http';
import type { HeaderMap } from './edgeCache';
import type { PolicyHeader, ResponseHeadersPolicySettings } from './managedPolicies';

function add(headers: HeaderMap, policyHeaders: readonly PolicyHeader[]): void {
  for (const { name, value, override } of policyHeaders) {
    if (override || headers[name] === undefined) headers[name] = value;
  }
}

/** The viewer's response headers with the policy's added; `viewer` are the viewer request's headers. */
export function withResponseHeadersPolicy(
  policy: ResponseHeadersPolicySettings | undefined, method: string, viewer: http.IncomingHttpHeaders, headers: HeaderMap,
): HeaderMap {
  if (!policy) return headers;
  const out: HeaderMap = { ...headers };
  add(out, policy.security);
  // A CORS request carries Origin; a preflight is an OPTIONS that also names the method it asks for.
  if (viewer.origin !== undefined) {
    add(out, policy.cors);
    if (method === 'OPTIONS' && viewer['access-control-request-method'] !== undefined) add(out, policy.preflight);
  }
  return out;
}
