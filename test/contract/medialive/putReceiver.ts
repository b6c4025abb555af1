// A small HTTP PUT destination for the channel tests: records every request (method, path, query,
// Authorization header, body length, chunked or not) and keeps the last body of each playlist.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  bytes: number;
  /** The body's first byte (0x47 starts an MPEG-TS packet). */
  firstByte?: number;
  chunked: boolean;
}

export interface PutReceiver {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  requests: ReceivedRequest[];
  /** Last body received per path, for `.m3u8` paths. */
  playlists: Map<string, string>;
  /** Polls until `predicate` holds; throws with `what` after timeoutMs. */
  waitFor(what: string, predicate: () => boolean, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

const POLL_MS = 100;

export async function startPutReceiver(): Promise<PutReceiver> {
  const requests: ReceivedRequest[] = [];
  const playlists = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://receiver');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization,
        bytes: body.length,
        firstByte: body.length > 0 ? body[0] : undefined,
        chunked: /chunked/i.test(String(req.headers['transfer-encoding'] ?? '')),
      });
      if (url.pathname.endsWith('.m3u8')) playlists.set(url.pathname, body.toString('utf8'));
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    playlists,
    async waitFor(what, predicate, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
