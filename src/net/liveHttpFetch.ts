// The inspector's fetch on Node: http(s) with a byte cap, *.localhost on loopback (as browsers
// resolve it, for the sandbox edge), file: URLs for local playlists, and the player key added only
// to the Momento origin the user named.
import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { LiveFetch, LiveResponse } from '../live/liveFetch';
import { boundedGet } from './boundedGet';

export interface LiveHttpFetchOptions {
  /** Sent as the Authorization header to URLs of this origin (scheme, host and port) only. */
  authorization?: { origin: string; value: string };
  /** file: URLs are read only when the inspected playlist is itself a local file. */
  allowFiles?: boolean;
}

const NO_HEADERS = { get: () => null };

async function readFileUrl(url: URL, maxBytes: number): Promise<LiveResponse> {
  let file;
  try {
    file = await open(fileURLToPath(url), 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { status: code === 'ENOENT' ? 404 : 403, headers: NO_HEADERS, body: '' };
  }
  try {
    const buffer = Buffer.alloc(Math.min(maxBytes, (await file.stat()).size));
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return { status: 200, headers: NO_HEADERS, body: buffer.subarray(0, bytesRead) };
  } finally {
    await file.close();
  }
}

export function liveHttpFetch(options: LiveHttpFetchOptions = {}): LiveFetch {
  return async (target, init = {}) => {
    const url = new URL(target);
    const maxBytes = init.maxBytes ?? Number.MAX_SAFE_INTEGER;
    if (url.protocol === 'file:' && options.allowFiles) return readFileUrl(url, maxBytes);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported URL scheme ${url.protocol}`);
    const headers: Record<string, string> = {};
    if (options.authorization && url.origin === options.authorization.origin) headers.authorization = options.authorization.value;
    return boundedGet(url, headers, maxBytes, init.signal);
  };
}
