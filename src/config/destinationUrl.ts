// The MediaLive HLS destination URL that PUTs into a Momento namespace: build it, and take it apart
// with the character positions of every query parameter.
import { isLoopbackHost } from './regions';

/** Credentials mode: the username Momento expects, and where the SSM parameter with the key lives. */
export const DEFAULT_USERNAME = 'momento';

export function defaultPasswordParam(namespace: string): string {
  return `/${namespace || 'live-origin'}/momento-encoder-key`;
}

export interface DestinationParts {
  /** `host` or `host:port` of the Momento REST endpoint (the local sandbox uses loopback with a port). */
  restEndpoint: string;
  namespace: string;
  manifestName: string;
  ttlSeconds: number;
  /** Only in token-in-url mode, and only when the real URL is built for MediaLive: never in a file. */
  token?: string;
}

export function buildDestinationUrl({ restEndpoint, namespace, manifestName, ttlSeconds, token }: DestinationParts): string {
  const scheme = isLoopbackHost(restEndpoint) ? 'http' : 'https';
  const query = [
    ...(token ? [`token=${safeEncode(token)}`] : []),
    `ttl_seconds=${ttlSeconds}`,
    'role=origin',
  ].join('&');
  return `${scheme}://${restEndpoint}/cache/${safeEncode(namespace)}/${safeEncode(manifestName)}.m3u8?${query}`;
}

export interface QueryParameter {
  name: string;
  value: string;
  /** Offsets in the URL string: the whole `name=value` pair, and the value alone. */
  start: number;
  end: number;
  valueStart: number;
}

export interface ParsedDestination {
  url: URL;
  query: QueryParameter[];
}

export function parseDestinationUrl(raw: string): ParsedDestination | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  return { url, query: queryParameters(raw) };
}

function queryParameters(raw: string): QueryParameter[] {
  const questionMark = raw.indexOf('?');
  if (questionMark < 0) return [];
  const hash = raw.indexOf('#', questionMark);
  const queryEnd = hash < 0 ? raw.length : hash;
  const parameters: QueryParameter[] = [];
  let start = questionMark + 1;
  while (start <= queryEnd) {
    let end = raw.indexOf('&', start);
    if (end < 0 || end > queryEnd) end = queryEnd;
    if (end > start) {
      const pair = raw.slice(start, end);
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      parameters.push({
        name: safeDecode(name),
        value: equals < 0 ? '' : safeDecode(pair.slice(equals + 1)),
        start,
        end,
        valueStart: equals < 0 ? end : start + equals + 1,
      });
    }
    start = end + 1;
  }
  return parameters;
}

/** encodeURIComponent that replaces lone surrogates (which it would throw on) with U+FFFD. */
export function safeEncode(text: string): string {
  return encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

/** decodeURIComponent that leaves malformed escapes as they are instead of throwing. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The URL with one query parameter removed (and its `&`). */
export function withoutParameter(raw: string, parameter: QueryParameter): string {
  const before = raw[parameter.start - 1];
  const after = raw[parameter.end];
  if (after === '&') return raw.slice(0, parameter.start) + raw.slice(parameter.end + 1);
  if (before === '&') return raw.slice(0, parameter.start - 1) + raw.slice(parameter.end);
  return raw.slice(0, parameter.start - 1) + raw.slice(parameter.end);
}

/** The URL with one parameter's value replaced, or the pair appended when absent. */
export function withParameter(raw: string, name: string, value: string, existing?: QueryParameter): string {
  if (existing) {
    const equals = raw[existing.valueStart - 1] === '=' ? '' : '=';
    return raw.slice(0, existing.valueStart) + equals + safeEncode(value) + raw.slice(existing.end);
  }
  const hash = raw.indexOf('#');
  const base = hash < 0 ? raw : raw.slice(0, hash);
  const separator = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${separator}${name}=${safeEncode(value)}${hash < 0 ? '' : raw.slice(hash)}`;
}

/** The URL with a parameter's name changed, its value kept. */
export function withRenamedParameter(raw: string, parameter: QueryParameter, name: string): string {
  const nameEnd = raw[parameter.valueStart - 1] === '=' ? parameter.valueStart - 1 : parameter.end;
  return raw.slice(0, parameter.start) + name + raw.slice(nameEnd);
}
