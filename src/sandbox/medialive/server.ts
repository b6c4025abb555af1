// The restJson1 endpoint under /prod: routes, JSON bodies in wire case, and MediaLive's error shape.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ChannelPlane } from './channels';
import { badRequest, injected, MediaLiveError, refused } from './errors';
import { fromWire, toWire } from './wire';
import { admit } from '../aws/admit';
import { isAdminRequest, serveAdmin } from '../aws/admin';
import type { PlaneControls } from '../aws/planeControls';
import type { OperationCatalog, OperationKind } from '../aws/requestCounts';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from '../http/jsonDepth';
import type { AwsCredentials } from '../aws/credentials';

const MAX_BODY = 4 * 1024 * 1024;

interface Request {
  params: string[];
  query: URLSearchParams;
  body: () => unknown;
}

/** Status and SDK-shaped body; no body for 204. */
type Handler = (plane: ChannelPlane, request: Request) => [number, unknown?];

interface Route {
  operation: string;
  kind: OperationKind;
  method: string;
  pattern: RegExp;
  handler: Handler;
}

const ID = '([^/]+)';
const routes: Route[] = [];
const route = (operation: string, kind: OperationKind, method: string, path: string, handler: Handler) =>
  routes.push({ operation, kind, method, pattern: new RegExp(`^${path.replace(/\{id\}/g, ID)}$`), handler });

route('CreateChannel', 'mutating', 'POST', '/prod/channels', (plane, request) => [201, { Channel: plane.create(fromWire(request.body())) }]);
route('ListChannels', 'read', 'GET', '/prod/channels', (plane, { query }) => [200, plane.list(query.get('maxResults'), query.get('nextToken'))]);
route('DescribeChannel', 'read', 'GET', '/prod/channels/{id}', (plane, { params }) => [200, plane.describe(params[0])]);
route('UpdateChannel', 'mutating', 'PUT', '/prod/channels/{id}', (plane, request) => [200, { Channel: plane.update(request.params[0], fromWire(request.body())) }]);
route('DeleteChannel', 'mutating', 'DELETE', '/prod/channels/{id}', (plane, { params }) => [200, plane.delete(params[0])]);
route('StartChannel', 'mutating', 'POST', '/prod/channels/{id}/start', (plane, { params }) => [200, plane.start(params[0])]);
route('StopChannel', 'mutating', 'POST', '/prod/channels/{id}/stop', (plane, { params }) => [200, plane.stop(params[0])]);
route('ListAlerts', 'read', 'GET', '/prod/channels/{id}/alerts', (plane, { params, query }) =>
  [200, plane.alerts(params[0], query.get('maxResults'), query.get('nextToken'), query.get('stateFilter'))]);
route('CreateInput', 'mutating', 'POST', '/prod/inputs', (plane, request) => [201, { Input: plane.inputs.create(fromWire(request.body())) }]);
route('ListInputs', 'read', 'GET', '/prod/inputs', (plane, { query }) => [200, plane.inputs.list(query.get('maxResults'), query.get('nextToken'))]);
route('DescribeInput', 'read', 'GET', '/prod/inputs/{id}', (plane, { params }) => [200, plane.inputs.describe(params[0])]);
route('DeleteInput', 'mutating', 'DELETE', '/prod/inputs/{id}', (plane, { params }) => {
  plane.inputs.delete(params[0]);
  return [200, {}];
});
route('ListTagsForResource', 'read', 'GET', '/prod/tags/{id}', (plane, { params }) => [200, { Tags: plane.tags.list(params[0]) }]);
route('CreateTags', 'mutating', 'POST', '/prod/tags/{id}', (plane, request) => {
  plane.tags.create(request.params[0], fromWire<{ Tags?: unknown }>(request.body()).Tags);
  return [204];
});
route('DeleteTags', 'mutating', 'DELETE', '/prod/tags/{id}', (plane, { params, query }) => {
  plane.tags.delete(params[0], query.getAll('tagKeys'));
  return [204];
});

/** Every operation the endpoint serves, for request counts and fault rules. */
export const MEDIALIVE_OPERATIONS: OperationCatalog = Object.fromEntries(routes.map((entry) => [entry.operation, entry.kind]));

function parseJson(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (text.trim() === '') return {};
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) throw badRequest(`The request body nests deeper than ${MAX_JSON_DEPTH} levels`);
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
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'content-type': 'application/json' } : {}),
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, error: MediaLiveError): void {
  send(res, error.status, error.body(), { 'x-amzn-errortype': error.type });
}

async function handle(plane: ChannelPlane, controls: PlaneControls, credentials: AwsCredentials, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const raw = await admit(req, {
    credentials,
    service: 'medialive',
    maxBodyBytes: MAX_BODY,
    tooLarge: () => badRequest('The request body is too large'),
    refuse: refused,
  });
  const url = new URL(req.url ?? '/', 'http://sandbox');
  let pathMatched = false;
  for (const candidate of routes) {
    const match = candidate.pattern.exec(url.pathname);
    if (!match) continue;
    pathMatched = true;
    if (candidate.method !== req.method) continue;
    const params = match.slice(1).map((value) => decodeURIComponent(value));
    const fault = await controls.gate(candidate.operation);
    if (fault) throw injected(fault);
    const [status, body] = candidate.handler(plane, { params, query: url.searchParams, body: () => parseJson(raw) });
    send(res, status, body === undefined ? undefined : toWire(body));
    return;
  }
  throw new MediaLiveError(pathMatched ? 405 : 404, 'UnknownOperationException', `The sandbox does not implement ${req.method} ${url.pathname}`);
}

export function createMediaLiveServer(plane: ChannelPlane, controls: PlaneControls, credentials: AwsCredentials): http.Server {
  return http.createServer((req, res) => {
    if (isAdminRequest(req)) return serveAdmin(req, res, controls, { credentials, service: 'medialive' });
    handle(plane, controls, credentials, req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      const known = error instanceof MediaLiveError
        ? error
        : new MediaLiveError(500, 'InternalServerErrorException', error instanceof Error ? error.message : String(error));
      sendError(res, known);
      req.resume();
    });
  });
}
