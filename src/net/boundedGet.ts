// One HTTP(S) GET on Node for everything that reads a live stream (the inspector, verify, the
// player's host): capped in bytes, *.localhost resolved to loopback as browsers do (the sandbox
// edge), headers as given. The callers decide which URLs get a key.
import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { LiveResponse } from '../live/liveFetch';

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

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** GETs `url`, keeping at most `maxBytes` of the body (the rest is not read). */
export function boundedGet(url: URL, headers: Record<string, string>, maxBytes: number, signal?: AbortSignal): Promise<LiveResponse & { body: Uint8Array }> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'GET', headers, signal, lookup: loopbackLookup }, (res) => {
      const chunks: Buffer[] = [];
      let length = 0;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        // Buffer.alloc is never pooled: the body has an ArrayBuffer of its own (the page gets it as bytes).
        const body = Buffer.alloc(length);
        let offset = 0;
        for (const chunk of chunks) offset += chunk.copy(body, offset);
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
