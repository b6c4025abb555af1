// Reads what a Momento HTTP API request asks for: namespace, key, credentials and TTL.
//
// Two URL forms:
//   /cache/{cache}?key=K            (or key_base64=B64)   Momento's HTTP API
//   /cache/{namespace}/{key...}                           Media Storage path form (MediaLive)
// In the path form the key is the rest of the path; the query string is never part of it.

import type { IncomingMessage } from 'node:http';

export type Parsed<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

export interface Target {
  namespace: string;
  key: Buffer;
  /** The key as text, for the Content-Type and messages. */
  keyText: string;
  query: URLSearchParams;
}

const USAGE = 'Use /cache/<namespace>/<key> or /cache/<namespace>?key=<key>.';

export function parseTarget(rawUrl: string | undefined): Parsed<Target> {
  const url = toUrl(rawUrl ?? '/');
  if (!url) return { ok: false, status: 400, message: 'The request URL could not be parsed.' };
  const prefix = '/cache/';
  if (!url.pathname.startsWith(prefix)) return { ok: false, status: 404, message: `Not Found. ${USAGE}` };
  const rest = url.pathname.slice(prefix.length);
  const slash = rest.indexOf('/');
  const rawNamespace = slash < 0 ? rest : rest.slice(0, slash);
  const namespace = decode(rawNamespace);
  if (namespace === undefined || namespace === '') {
    return { ok: false, status: 400, message: `The URL names no namespace. ${USAGE}` };
  }
  const query = url.searchParams;

  if (slash >= 0 && slash < rest.length - 1) {
    const keyText = decode(rest.slice(slash + 1));
    if (keyText === undefined) return { ok: false, status: 400, message: 'The key in the URL path is not valid percent-encoding.' };
    return { ok: true, value: { namespace, key: Buffer.from(keyText, 'utf8'), keyText, query } };
  }

  const keyParam = query.get('key');
  if (keyParam !== null && keyParam !== '') {
    return { ok: true, value: { namespace, key: Buffer.from(keyParam, 'utf8'), keyText: keyParam, query } };
  }
  const key64 = query.get('key_base64');
  if (key64 !== null && key64 !== '') {
    // URLSearchParams turns an unescaped '+' into a space; base64 never contains spaces.
    const normalized = key64.replace(/ /g, '+');
    const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(normalized) ? Buffer.from(normalized, 'base64') : Buffer.alloc(0);
    if (key.length === 0) return { ok: false, status: 400, message: 'key_base64 is not valid base64.' };
    return { ok: true, value: { namespace, key, keyText: key.toString('utf8'), query } };
  }
  return { ok: false, status: 400, message: `The request names no key. ${USAGE}` };
}

function toUrl(raw: string): URL | undefined {
  try {
    // Concatenate rather than resolve, so a path starting with '//' is not read as a host.
    return raw.startsWith('/') ? new URL(`http://sandbox.invalid${raw}`) : new URL(raw);
  } catch {
    return undefined;
  }
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The API key presented, or undefined when there is none. */
export function credentialsOf(req: IncomingMessage, query: URLSearchParams): Parsed<string | undefined> {
  const fromQueryRaw = query.get('token');
  const fromQuery = fromQueryRaw ? fromQueryRaw.replace(/ /g, '+') : undefined;
  const header = req.headers.authorization?.trim();
  let fromHeader: string | undefined;
  if (header) {
    const basic = /^Basic\s+(\S+)$/i.exec(header);
    const bearer = /^Bearer\s+(\S+)$/i.exec(header);
    if (basic) {
      // MediaLive's credentials mode: Username is free text, the password is the API key.
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0 || colon === decoded.length - 1) {
        return { ok: false, status: 401, message: 'The Basic credentials carry no password; put the API key in the password.' };
      }
      fromHeader = decoded.slice(colon + 1);
    } else {
      fromHeader = bearer ? bearer[1] : header;
    }
  }
  if (fromQuery !== undefined && fromHeader !== undefined && fromQuery !== fromHeader) {
    return {
      ok: false,
      status: 400,
      message:
        'The request carries two different API keys, one in the token query parameter and one in the Authorization header. Send only one.',
    };
  }
  return { ok: true, value: fromQuery ?? fromHeader };
}

export function ttlMillisOf(query: URLSearchParams): Parsed<number> {
  const raw = query.get('ttl_seconds');
  if (raw === null || raw === '') {
    const hint = query.has('tts_seconds') ? ' The URL has tts_seconds: did you mean ttl_seconds?' : '';
    return { ok: false, status: 400, message: `ttl_seconds is required on PUT (for example ttl_seconds=3600).${hint}` };
  }
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    return { ok: false, status: 400, message: `ttl_seconds must be a whole number of seconds above zero, got '${raw}'.` };
  }
  return { ok: true, value: Number(raw) * 1000 };
}
