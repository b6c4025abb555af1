// The host's HTTP GET for the player page and the inspector: bounded in bytes and time, *.localhost
// on loopback (as browsers resolve it, for the sandbox edge), and the player key added as the
// Authorization header to URLs under the origin's namespace only. No vscode here: the loopback
// server and the end-to-end tests use it as is.
import type { LiveFetch, LiveResponse } from '../../live/liveFetch';
import { boundedGet } from '../../net/boundedGet';

/** The key goes to URLs starting with `prefix` (scheme, host, port and `/cache/<namespace>/`). */
export interface KeyScope {
  prefix: string;
  key: string;
}

export interface HostFetchInit {
  signal?: AbortSignal;
  maxBytes?: number;
  /** Inclusive start, exclusive end (hls.js's rangeStart/rangeEnd). */
  range?: { start: number; end?: number };
}

export type HostFetch = (url: string, init?: HostFetchInit) => Promise<LiveResponse & { body: Uint8Array }>;


/** The folder of the master playlist, where its variants and segments live: scheme, host, port and path up to the last `/`. */
export function folderOf(masterUrl: string): string {
  const url = new URL(masterUrl);
  return `${url.origin}${url.pathname.slice(0, url.pathname.lastIndexOf('/') + 1)}`;
}

export function keyScopeOf(masterUrl: string, key: string): KeyScope {
  return { prefix: folderOf(masterUrl), key };
}

export function isUnder(url: string, prefix: string): boolean {
  try {
    const parsed = new URL(url);
    // Normalised, so /cache/ns/../other/ does not count as under /cache/ns/.
    return `${parsed.origin}${parsed.pathname}`.startsWith(prefix);
  } catch {
    return false;
  }
}

export function hostFetch(scope: KeyScope | undefined, defaultMaxBytes: number): HostFetch {
  return (target, init = {}) => {
    const url = new URL(target);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new Error(`unsupported URL scheme ${url.protocol}`));
    const headers: Record<string, string> = {};
    if (scope && isUnder(url.href, scope.prefix)) headers.authorization = scope.key;
    if (init.range) headers.range = `bytes=${init.range.start}-${init.range.end === undefined ? '' : init.range.end - 1}`;
    // A plain Uint8Array over the body's own bytes: a webview's postMessage would send a Buffer as
    // its toJSON() object, not as bytes.
    return boundedGet(url, headers, init.maxBytes ?? defaultMaxBytes, init.signal)
      .then((response) => ({ ...response, body: new Uint8Array(response.body.buffer, response.body.byteOffset, response.body.byteLength) }));
  };
}

export function asLiveFetch(fetch: HostFetch): LiveFetch {
  return (url, init) => fetch(url, { signal: init?.signal, maxBytes: init?.maxBytes });
}
