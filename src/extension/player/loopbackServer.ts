// The system-browser twin of the player panel: the same page and hls.js served on 127.0.0.1 under
// an unguessable path, speaking the same protocol over HTTP (requests POSTed, replies and events on
// a server-sent event stream), so the origin's playlists and segments are fetched here, with the
// key added on this side. No vscode here.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { HostMessage } from '../../protocol/messages';
import { decodeMessage, encodeMessage } from '../../protocol/wire';
import { newNonce, playerPageHtml } from './pageHtml';

export interface TwinSession {
  receive(message: unknown): Promise<void>;
  /** The page's event stream closed: hold events until it says ready again. */
  pageGone(): void;
  dispose(): void;
}

export interface LoopbackOptions {
  /** Holds player.js, player.css and hls.min.js. */
  distDir: string;
  title: string;
  lang: string;
  /** Origins the page may load from directly (the CDN edge). */
  connect: string[];
  /** Creates the host side of the page; `post` writes to the page's event stream. */
  createSession(post: (message: HostMessage) => void): TwinSession;
}

const HOST = '127.0.0.1';
const MAX_MESSAGE_BYTES = 64 * 1024;
const ASSETS: Record<string, [file: string, type: string]> = {
  'player.js': ['player.js', 'text/javascript; charset=utf-8'],
  'player.css': ['player.css', 'text/css; charset=utf-8'],
  'hls.min.js': ['hls.min.js', 'text/javascript; charset=utf-8'],
};

export class LoopbackPlayerServer {
  private events: http.ServerResponse | undefined;
  private readonly session: TwinSession;

  private constructor(private readonly server: http.Server, private readonly secret: string, private readonly options: LoopbackOptions) {
    this.session = options.createSession((message) => this.events?.write(`data: ${encodeMessage(message)}\n\n`));
    server.on('request', (req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  }

  static async start(options: LoopbackOptions): Promise<LoopbackPlayerServer> {
    const server = http.createServer();
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, HOST, () => resolve());
    });
    return new LoopbackPlayerServer(server, randomBytes(24).toString('base64url'), options);
  }

  /** The page's address; the path is the only way in. */
  get url(): string {
    return `http://${HOST}:${(this.server.address() as AddressInfo).port}/${this.secret}/`;
  }

  async close(): Promise<void> {
    this.session.dispose();
    this.events?.end();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { port } = this.server.address() as AddressInfo;
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    const prefix = `/${this.secret}/`;
    // The Host check keeps pages of other sites (DNS rebinding) out, the secret path everyone else.
    if (req.headers.host !== `${HOST}:${port}` || !url.pathname.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    const rest = url.pathname.slice(prefix.length);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('referrer-policy', 'no-referrer');
    if (req.method === 'GET' && rest === '') return this.page(res);
    if (req.method === 'GET' && rest === 'events') return this.eventStream(req, res);
    if (req.method === 'POST' && rest === 'message') return this.message(req, res);
    const asset = req.method === 'GET' ? ASSETS[rest] : undefined;
    if (asset) {
      const body = await readFile(join(this.options.distDir, asset[0]));
      res.writeHead(200, { 'content-type': asset[1], 'x-content-type-options': 'nosniff' }).end(body);
      return;
    }
    res.writeHead(404).end();
  }

  private page(res: http.ServerResponse): void {
    const html = playerPageHtml({
      script: 'player.js',
      hls: 'hls.min.js',
      style: 'player.css',
      cspSource: "'self'",
      connect: ["'self'", ...this.options.connect],
      lang: this.options.lang,
    }, newNonce(), this.options.title);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  }

  /** One page at a time: a reloaded tab replaces the stream of the one before. */
  private eventStream(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.events?.end();
    this.session.pageGone();
    this.events = res;
    res.writeHead(200, { 'content-type': 'text/event-stream', connection: 'keep-alive' });
    res.write(': open\n\n');
    req.socket.setTimeout(0);
    res.on('close', () => {
      if (this.events !== res) return;
      this.events = undefined;
      this.session.pageGone();
    });
  }

  private async message(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > MAX_MESSAGE_BYTES) {
        res.writeHead(413).end();
        req.destroy();
        return;
      }
      chunks.push(chunk);
    }
    let message: unknown;
    try {
      message = decodeMessage(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400).end();
      return;
    }
    res.writeHead(204).end();
    await this.session.receive(message);
  }
}
