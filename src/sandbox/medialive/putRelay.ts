// A loopback relay between ffmpeg and a channel's destination, so the encoder key is never on
// ffmpeg's command line (any local user can read /proc/<pid>/cmdline). ffmpeg PUTs to
// `http://127.0.0.1:<port>/<128-bit random hex>/<name>`; the relay streams each request on to the
// destination directory with the key added: the Authorization header (credentials mode) or the
// destination's query string and its token (token mode). Playlists get that query string in their
// URIs, as MediaLive writes them. It forwards only to loopback hosts and follows no redirect.
import http from 'node:http';
import https from 'node:https';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { isLoopbackHostname, LOOPBACK_HOSTS } from './loopbackDestination';
import { addQueryToPlaylist } from './playlistQuery';

export interface RelayTarget {
  /** `http(s)://host[:port]/path/`, as hlsDestination.ts makes it. */
  directory: string;
  /** Without the `?`; empty when there is none. */
  query: string;
  /** The Authorization header value, in credentials mode. */
  authorization?: string;
}

export interface RelayRoute {
  /** Where ffmpeg writes: `http://127.0.0.1:<port>/<prefix>/`. */
  directory: string;
  close(): void;
}

const PREFIX_BYTES = 16;
const REQUEST_PATH = /^\/([0-9a-f]{32})\/([A-Za-z0-9\-._~!$&'()*+,;=:@%]+)$/;
const MAX_PLAYLIST_BYTES = 1024 * 1024;
// An upstream request without progress for this long is abandoned (ffmpeg's own is 10 s).
const UPSTREAM_IDLE_MS = 10_000;

function answer(res: http.ServerResponse, status: number): void {
  if (res.writableEnded) return;
  if (!res.headersSent) res.writeHead(status);
  res.end();
}

function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number): void {
  req.resume();
  answer(res, status);
}

function readPlaylist(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PLAYLIST_BYTES) req.destroy(new Error(`A playlist over ${MAX_PLAYLIST_BYTES} bytes`));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function forward(req: http.IncomingMessage, res: http.ServerResponse, url: URL, target: RelayTarget, playlist: boolean): void {
  const headers: http.OutgoingHttpHeaders = { 'transfer-encoding': 'chunked' };
  if (req.headers['content-type']) headers['content-type'] = req.headers['content-type'];
  if (target.authorization) headers.authorization = target.authorization;
  const upstream = (url.protocol === 'https:' ? https : http).request(url, { method: 'PUT', headers, timeout: UPSTREAM_IDLE_MS });
  upstream.on('timeout', () => upstream.destroy(new Error('The destination stopped answering')));
  upstream.on('error', () => refuse(req, res, 502));
  upstream.on('response', (response) => {
    response.resume();
    const status = response.statusCode ?? 502;
    // ffmpeg would follow a redirect wherever it points; the relay sends nothing off loopback.
    answer(res, status >= 300 && status < 400 ? 502 : status);
  });
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  if (!playlist) {
    req.pipe(upstream);
    return;
  }
  readPlaylist(req).then(
    (text) => upstream.end(addQueryToPlaylist(text, target.query)),
    (error: Error) => upstream.destroy(error),
  );
}

export class PutRelay {
  private readonly targets = new Map<string, RelayTarget>();

  private constructor(private readonly server: http.Server, private readonly port: number) {
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res));
  }

  static async start(): Promise<PutRelay> {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new PutRelay(server, (server.address() as AddressInfo).port);
  }

  /** A fresh unguessable directory for one encoder run; close() forgets it. */
  open(target: RelayTarget): RelayRoute {
    const { hostname } = new URL(target.directory);
    if (!isLoopbackHostname(hostname)) throw new Error(`The relay forwards only to ${LOOPBACK_HOSTS}, not to ${hostname}`);
    const prefix = randomBytes(PREFIX_BYTES).toString('hex');
    this.targets.set(prefix, target);
    return { directory: `http://127.0.0.1:${this.port}/${prefix}/`, close: () => this.targets.delete(prefix) };
  }

  async close(): Promise<void> {
    this.targets.clear();
    await new Promise<void>((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const match = REQUEST_PATH.exec(req.url ?? '');
    const target = match ? this.targets.get(match[1]) : undefined;
    if (!match || !target) return refuse(req, res, 404);
    if (req.method !== 'PUT') return refuse(req, res, 405);
    const directory = new URL(target.directory);
    const url = new URL(`${directory.href}${match[2]}${target.query ? `?${target.query}` : ''}`);
    // A name such as `..` or `%2e%2e` would climb out of the directory: URL parsing resolves it.
    if (url.pathname !== `${directory.pathname}${match[2]}`) return refuse(req, res, 404);
    if (!isLoopbackHostname(url.hostname)) return refuse(req, res, 403);
    forward(req, res, url, target, match[2].endsWith('.m3u8'));
  }
}
