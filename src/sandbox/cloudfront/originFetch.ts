// One origin request with CloudFront's connection attempts, connection timeout and read timeout.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { loopbackAddressOf, notLoopbackMessage } from './loopbackOrigin';

export interface OriginTarget {
  protocol: 'http:' | 'https:';
  hostname: string;
  port: number;
  connectionAttempts: number;
  connectionTimeoutMs: number;
  readTimeoutMs: number;
}

export interface OriginRequest {
  method: string;
  /** Path and query string, already prefixed with the origin path. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface OriginResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type OriginFailureKind = 'not-loopback' | 'connect' | 'connect-timeout' | 'read-timeout' | 'reset' | 'too-large';

export class OriginFailure extends Error {
  constructor(readonly kind: OriginFailureKind, message: string, readonly onReusedSocket = false) {
    super(message);
  }
}

export interface OriginAgents {
  http: http.Agent;
  https: https.Agent;
}

const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

/** Resolves a name to the address already judged loopback: no hosts file or DNS gets a say. */
function fixedLookup(address: string): net.LookupFunction {
  const family = net.isIPv6(address) ? 6 : 4;
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

function attempt(
  agents: OriginAgents, target: OriginTarget, address: string, request: OriginRequest, maxBodyBytes: number,
): Promise<OriginResponse> {
  return new Promise((resolve, reject) => {
    const transport = target.protocol === 'https:' ? https : http;
    const req = transport.request({
      protocol: target.protocol,
      hostname: target.hostname,
      lookup: fixedLookup(address),
      port: target.port,
      method: request.method,
      path: request.path,
      headers: request.headers,
      agent: target.protocol === 'https:' ? agents.https : agents.http,
    });
    let connectTimer: NodeJS.Timeout | undefined;
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(() => {
        req.destroy(new OriginFailure('connect-timeout', `no connection to ${target.hostname}:${target.port} within ${target.connectionTimeoutMs} ms`));
      }, target.connectionTimeoutMs);
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    // Applies once connected: the origin must send something at least this often.
    req.setTimeout(target.readTimeoutMs, () => {
      req.destroy(new OriginFailure('read-timeout', `the origin sent nothing for ${target.readTimeoutMs} ms`));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(connectTimer);
      if (error instanceof OriginFailure) return reject(error);
      const kind = CONNECT_ERRORS.has(error.code ?? '') ? 'connect' : 'reset';
      reject(new OriginFailure(kind, `${error.code ?? 'error'}: ${error.message}`, req.reusedSocket));
    });
    req.on('response', (res) => {
      clearTimeout(connectTimer);
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) {
          req.destroy(new OriginFailure('too-large', `the origin's response is larger than ${maxBodyBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('aborted', () => reject(new OriginFailure('reset', 'the origin closed the connection before the end of the response')));
      res.on('error', (error) => reject(error instanceof OriginFailure ? error : new OriginFailure('reset', error.message)));
    });
    req.end(request.body);
  });
}

export async function fetchFromOrigin(agents: OriginAgents, target: OriginTarget, request: OriginRequest, maxBodyBytes: number): Promise<OriginResponse> {
  const address = loopbackAddressOf(target.hostname);
  if (address === undefined) throw new OriginFailure('not-loopback', notLoopbackMessage(target.hostname));
  let failedConnections = 0;
  let staleSocketRetried = false;
  // At most ConnectionAttempts connection failures plus one retry for a stale kept-alive socket.
  for (let round = 0; round <= target.connectionAttempts; round++) {
    try {
      return await attempt(agents, target, address, request, maxBodyBytes);
    } catch (error) {
      const failure = error instanceof OriginFailure ? error : new OriginFailure('reset', String(error));
      if (failure.kind === 'reset' && failure.onReusedSocket && !staleSocketRetried) {
        staleSocketRetried = true;
        continue;
      }
      if (failure.kind === 'connect' || failure.kind === 'connect-timeout') {
        failedConnections++;
        if (failedConnections < target.connectionAttempts) continue;
      }
      throw failure;
    }
  }
  throw new OriginFailure('connect', `no response after ${target.connectionAttempts} connection attempts`);
}
