// A loopback HTTP origin for the CloudFront sandbox tests: records every request and serves
// canned HLS objects under /cache/live-origin/.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  headers: http.IncomingHttpHeaders;
}

export interface CannedObject {
  body: Buffer | string;
  status?: number;
  headers?: Record<string, string>;
  delayMs?: number;
}

export const MASTER = '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-STREAM-INF:BANDWIDTH=2648800,RESOLUTION=640x480\nplaylist_480p30.m3u8\n';

export function variantPlaylist(sequence: number): string {
  return `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:${sequence}\n#EXTINF:2.00000,\nplaylist_480p30_${String(sequence).padStart(5, '0')}.ts\n`;
}

/** A few MPEG-TS packets: sync byte 0x47 every 188 bytes. */
export function tsSegment(seed: number, packets = 20): Buffer {
  const body = Buffer.alloc(188 * packets, seed & 0xff);
  for (let i = 0; i < packets; i++) body[i * 188] = 0x47;
  return body;
}

export class TestOrigin {
  readonly requests: RecordedRequest[] = [];
  readonly objects = new Map<string, CannedObject>();
  private server = http.createServer((req, res) => this.handle(req, res));
  port = 0;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  requestsFor(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = req.url ?? '/';
    const at = url.indexOf('?');
    const path = at >= 0 ? url.slice(0, at) : url;
    this.requests.push({ method: req.method ?? 'GET', path, query: at >= 0 ? url.slice(at + 1) : '', headers: req.headers });
    const object = this.objects.get(path);
    const reply = () => {
      if (!object) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Key Not Found');
        return;
      }
      const etag = object.headers?.etag;
      if (etag && req.headers['if-none-match'] === etag) {
        res.writeHead(304, object.headers);
        res.end();
        return;
      }
      res.writeHead(object.status ?? 200, object.headers ?? {});
      res.end(req.method === 'HEAD' ? undefined : object.body);
    };
    if (object?.delayMs) setTimeout(reply, object.delayMs);
    else reply();
  }
}
