// The inspector's fetch on Node: http(s) with a byte cap, *.localhost on loopback (as browsers
// resolve it, for the sandbox edge), file: URLs for local playlists, and the player key added only
// to the Momento origin the user named.
import { lookup as dnsLookup } from 'node:dns';
import { open } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { LiveFetch, LiveResponse } from '../live/liveFetch';

export interface LiveHttpFetchOptions {
  /** Sent as the Authorization header to URLs of this origin (scheme, host and port) only. */
  authorization?: { origin: string; value: string };
  /** file: URLs are read only when the inspected playlist is itself a local file. */
  allowFiles?: boolean;
}

/** RFC 6761: localhost and its subdomains are loopback, without asking the resolver. */
const loopbackLookup: LookupFunction = (hostname, options, callback) => {
  const name = hostname.toLowerCase();
  if (name !== 'localhost' && !name.endsWith('.localhost')) {
    dnsLookup(hostname, options, callback);
    return;
  }
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

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

function readHttp(url: URL, maxBytes: number, headers: Record<string, string>, signal?: AbortSignal): Promise<LiveResponse> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'GET', headers, signal, lookup: loopbackLookup }, (res) => {
      const chunks: Buffer[] = [];
      let length = 0;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        const body = Buffer.concat(chunks, length);
        resolve({ status: res.statusCode ?? 0, headers: { get: (name) => headerValue(res.headers[name.toLowerCase()]) }, body });
      };
      res.on('data', (chunk: Buffer) => {
        const room = maxBytes - length;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        length += Math.min(chunk.length, room);
        if (length >= maxBytes) {
          res.destroy();
          finish();
        }
      });
      res.on('end', finish);
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

export function liveHttpFetch(options: LiveHttpFetchOptions = {}): LiveFetch {
  return async (target, init = {}) => {
    const url = new URL(target);
    const maxBytes = init.maxBytes ?? Number.MAX_SAFE_INTEGER;
    if (url.protocol === 'file:' && options.allowFiles) return readFileUrl(url, maxBytes);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported URL scheme ${url.protocol}`);
    const headers: Record<string, string> = {};
    if (options.authorization && url.origin === options.authorization.origin) headers.authorization = options.authorization.value;
    return readHttp(url, maxBytes, headers, init.signal);
  };
}
