// The restJson1 endpoint under /prod: routes, JSON bodies in wire case, and MediaLive's error shape.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ChannelPlane } from './channels';
import { badRequest, MediaLiveError } from './errors';
import { fromWire, toWire } from './wire';
import { readBody } from '../http/readBody';

const MAX_BODY = 4 * 1024 * 1024;

interface Request {
  params: string[];
  query: URLSearchParams;
  body: () => Promise<unknown>;
}

type Handler = (plane: ChannelPlane, request: Request) => Promise<[number, unknown]> | [number, unknown];

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

const ID = '([^/]+)';
const routes: Route[] = [];
const route = (method: string, path: string, handler: Handler) =>
  routes.push({ method, pattern: new RegExp(`^${path.replace(/\{id\}/g, ID)}$`), handler });

route('POST', '/prod/channels', async (plane, request) => [201, { Channel: plane.create(fromWire(await request.body())) }]);
route('GET', '/prod/channels', (plane, { query }) => [200, plane.list(query.get('maxResults'), query.get('nextToken'))]);
route('GET', '/prod/channels/{id}', (plane, { params }) => [200, plane.describe(params[0])]);
route('PUT', '/prod/channels/{id}', async (plane, request) => [200, { Channel: plane.update(request.params[0], fromWire(await request.body())) }]);
route('DELETE', '/prod/channels/{id}', (plane, { params }) => [200, plane.delete(params[0])]);
route('POST', '/prod/channels/{id}/start', (plane, { params }) => [200, plane.start(params[0])]);
route('POST', '/prod/channels/{id}/stop', (plane, { params }) => [200, plane.stop(params[0])]);
route('GET', '/prod/channels/{id}/alerts', (plane, { params, query }) =>
  [200, plane.alerts(params[0], query.get('maxResults'), query.get('nextToken'), query.get('stateFilter'))]);
route('POST', '/prod/inputs', async (plane, request) => [201, { Input: plane.inputs.create(fromWire(await request.body())) }]);
route('GET', '/prod/inputs', (plane, { query }) => [200, plane.inputs.list(query.get('maxResults'), query.get('nextToken'))]);
route('GET', '/prod/inputs/{id}', (plane, { params }) => [200, plane.inputs.describe(params[0])]);
route('DELETE', '/prod/inputs/{id}', (plane, { params }) => {
  plane.inputs.delete(params[0]);
  return [200, {}];
});

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const text = (await readBody(req, MAX_BODY, () => badRequest('The request body is too large'))).toString('utf8');
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object');
  return body;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, error: MediaLiveError): void {
  send(res, error.status, error.body(), { 'x-amzn-errortype': error.type });
}

async function handle(plane: ChannelPlane, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  let pathMatched = false;
  for (const candidate of routes) {
    const match = candidate.pattern.exec(url.pathname);
    if (!match) continue;
    pathMatched = true;
    if (candidate.method !== req.method) continue;
    const params = match.slice(1).map((value) => decodeURIComponent(value));
    const [status, body] = await candidate.handler(plane, { params, query: url.searchParams, body: () => readJson(req) });
    send(res, status, toWire(body));
    return;
  }
  throw new MediaLiveError(pathMatched ? 405 : 404, 'UnknownOperationException', `The sandbox does not implement ${req.method} ${url.pathname}`);
}

export function createMediaLiveServer(plane: ChannelPlane): http.Server {
  return http.createServer((req, res) => {
    handle(plane, req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      const known = error instanceof MediaLiveError
        ? error
        : new MediaLiveError(500, 'InternalServerErrorException', error instanceof Error ? error.message : String(error));
      sendError(res, known);
      req.resume();
    });
  });
}
