// The HTTP front: Momento's HTTP API and the Media Storage path form MediaLive and CloudFront use.

import { createServer, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authorize, Operation } from './access';
import { contentTypeForKey } from './contentType';
import { MomentoContext } from './context';
import { FAULT_HEADER, FaultError, FaultSpec, FaultSpecError, parseFaultSpec } from './faults';
import { credentialsOf, parseTarget, ttlMillisOf } from './httpRequest';
import { MAX_OBJECT_BYTES } from './limits';
import { isOwnLoopbackHost } from '../http/loopbackHost';

const OPERATION_BY_METHOD: Record<string, Operation> = { GET: 'get', HEAD: 'get', PUT: 'set', DELETE: 'delete' };

const FAULT_STATUS: Record<FaultError, number> = {
  unavailable: 503,
  internal: 500,
  'not-found': 404,
  'permission-denied': 403,
  unauthenticated: 401,
  'resource-exhausted': 429,
  'deadline-exceeded': 504,
  cancelled: 503,
  'invalid-argument': 400,
  'already-exists': 409,
  'failed-precondition': 412,
  unknown: 500,
};

const TOO_LARGE = `The object is larger than Momento's limit of ${MAX_OBJECT_BYTES} bytes (10 MB).`;

function send(res: ServerResponse, status: number, message: string, headers: OutgoingHttpHeaders = {}): void {
  if (res.headersSent) return;
  const body = Buffer.from(message, 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, ...headers });
  res.end(body);
}

/**
 * Answers 413 and closes the connection. The rest of an oversized body is discarded, never kept;
 * closing only after the client stops sending (or after a short grace) lets it read the answer.
 */
function rejectTooLarge(req: IncomingMessage, res: ServerResponse): void {
  send(res, 413, TOO_LARGE, { Connection: 'close' });
  req.removeAllListeners('data');
  req.resume();
  const socket = req.socket;
  const timer = setTimeout(() => socket.destroy(), 2000);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/** Collects a PUT body up to the object limit; undefined when it already answered or the client left. */
function readBody(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const settle = (value: Buffer | undefined) => {
      if (!settled) {
        settled = true;
        resolve(value);
      }
    };
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_OBJECT_BYTES) {
        rejectTooLarge(req, res);
        settle(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle(Buffer.concat(chunks, total)));
    req.on('close', () => settle(undefined));
    req.on('error', () => settle(undefined));
    if (expectsContinue) res.writeContinue();
  });
}

async function handle(ctx: MomentoContext, req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): Promise<void> {
  // Bare loopback names too: the CloudFront edge sends its origin's domain name without the port.
  if (!isOwnLoopbackHost(req.headers.host, req.socket.localPort, true)) {
    return send(res, 403, 'The sandbox answers only requests addressed to 127.0.0.1 or localhost; the Host header names another host.');
  }
  const method = req.method ?? 'GET';
  const op = OPERATION_BY_METHOD[method];
  if (op === undefined) {
    send(res, 405, `Method ${method} is not supported. Use GET, HEAD, PUT or DELETE.`, { Allow: 'GET, HEAD, PUT, DELETE' });
    return;
  }
  const target = parseTarget(req.url);
  if (!target.ok) return send(res, target.status, target.message);
  const { namespace, key, keyText, query } = target.value;

  const credentials = credentialsOf(req, query);
  if (!credentials.ok) return send(res, credentials.status, credentials.message);
  if (credentials.value === undefined && op !== 'get') {
    return send(res, 401, 'No API key was provided. Send it as the token query parameter, the Authorization header, or as the password of Basic credentials.', {
      'WWW-Authenticate': 'Basic realm="momento"',
    });
  }
  const access = authorize(ctx.keys, credentials.value, op, namespace);
  if (!access.ok) return send(res, access.kind === 'unauthenticated' ? 401 : 403, access.message);

  // Faults apply to authorized requests only: nobody without a key can make the sandbox wait.
  let requestSpec: FaultSpec | undefined;
  const faultHeader = req.headers[FAULT_HEADER];
  try {
    if (typeof faultHeader === 'string') requestSpec = parseFaultSpec(faultHeader);
  } catch (error) {
    if (error instanceof FaultSpecError) return send(res, 400, `Bad ${FAULT_HEADER} header: ${error.message}`);
    throw error;
  }
  const fault = ctx.faults.decide(op, namespace, requestSpec);
  await ctx.faults.sleep(fault.delayMs);
  if (fault.error !== undefined) {
    return send(res, FAULT_STATUS[fault.error], `Injected fault: ${fault.error}.`);
  }

  if (op === 'get') {
    const found = ctx.store.get(namespace, key);
    if (!found.ok) return send(res, 404, found.reason === 'miss' ? 'Key Not Found' : 'Cache Not Found');
    res.writeHead(200, { 'Content-Type': contentTypeForKey(keyText), 'Content-Length': found.value.length });
    res.end(method === 'HEAD' ? undefined : found.value);
    return;
  }

  if (op === 'delete') {
    if (!ctx.store.delete(namespace, key)) return send(res, 404, 'Cache Not Found');
    res.writeHead(204).end();
    return;
  }

  const ttl = ttlMillisOf(query);
  if (!ttl.ok) return send(res, ttl.status, ttl.message);
  if (!ctx.store.hasNamespace(namespace)) return send(res, 404, 'Cache Not Found');
  if (Number(req.headers['content-length'] ?? 0) > MAX_OBJECT_BYTES) {
    if (expectsContinue) return send(res, 413, TOO_LARGE, { Connection: 'close' });
    return rejectTooLarge(req, res);
  }
  const body = await readBody(req, res, expectsContinue);
  if (body === undefined) return;
  const stored = ctx.store.set(namespace, key, body, ttl.value);
  if (stored.ok) {
    res.writeHead(204).end();
    return;
  }
  switch (stored.reason) {
    case 'cache-not-found':
      return send(res, 404, 'Cache Not Found');
    case 'item-too-large':
      return send(res, 413, TOO_LARGE);
    case 'larger-than-hot-storage':
      return send(res, 429, `The object is larger than the namespace's hot storage (${ctx.store.hotStorageBytes} bytes).`);
    case 'bad-ttl':
      return send(res, 400, 'ttl_seconds must be above zero.');
  }
}

export interface HttpFront {
  /** "http://127.0.0.1:PORT" */
  endpoint: string;
  close(): Promise<void>;
}

export function startHttpFront(ctx: MomentoContext, port: number): Promise<HttpFront> {
  const onRequest = (expectsContinue: boolean) => (req: IncomingMessage, res: ServerResponse) => {
    handle(ctx, req, res, expectsContinue).catch((error: unknown) => {
      send(res, 500, `The Momento sandbox failed: ${String(error)}`);
    });
  };
  const server = createServer(onRequest(false));
  // Answer before the body is sent when the client asks first (curl does for large uploads).
  server.on('checkContinue', onRequest(true));

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const { port: boundPort } = server.address() as AddressInfo;
      resolve({
        endpoint: `http://127.0.0.1:${boundPort}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
