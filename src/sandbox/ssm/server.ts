// The awsJson1_1 endpoint: POST / with `X-Amz-Target: AmazonSSM.<Operation>`.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { OperationContext, operations } from './operations';
import { injected, refused, SsmError } from './errors';
import { admit } from '../aws/admit';
import { isAdminRequest, serveAdmin } from '../aws/admin';
import type { PlaneControls } from '../aws/planeControls';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from '../http/jsonDepth';
import type { AwsCredentials } from '../aws/credentials';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const MAX_BODY = 1024 * 1024;
const TARGET_PREFIX = 'AmazonSSM.';

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, error: SsmError): void {
  send(res, error.status, { __type: error.type, message: error.message }, {
    'x-amzn-query-error': `${error.type};${error.status >= 500 ? 'Receiver' : 'Sender'}`,
  });
}

async function handle(context: OperationContext, controls: PlaneControls, credentials: AwsCredentials, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const raw = await admit(req, {
    credentials,
    service: 'ssm',
    maxBodyBytes: MAX_BODY,
    tooLarge: () => new SsmError('ValidationException', 'Request body too large'),
    refuse: refused,
  });
  if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== '/') {
    throw new SsmError('UnknownOperationException', `${req.method} ${req.url} is not an SSM operation`, 404);
  }
  const target = String(req.headers['x-amz-target'] ?? '');
  const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
  if (!operation) throw new SsmError('UnknownOperationException', `The sandbox does not implement ${target || 'this operation'}`);
  const fault = await controls.gate(name);
  if (fault) throw injected(fault);
  const text = raw.toString('utf8');
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) throw new SsmError('SerializationException', `The request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  let body: unknown;
  try {
    body = text.length === 0 ? {} : JSON.parse(text);
  } catch {
    throw new SsmError('SerializationException', 'The request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SsmError('SerializationException', 'The request body must be a JSON object');
  }
  send(res, 200, operation(context, body as Record<string, unknown>));
}

export function createSsmServer(context: OperationContext, controls: PlaneControls, credentials: AwsCredentials): http.Server {
  return http.createServer((req, res) => {
    if (isAdminRequest(req)) return serveAdmin(req, res, controls, { credentials, service: 'ssm' });
    handle(context, controls, credentials, req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      sendError(res, error instanceof SsmError ? error : new SsmError('InternalServerError', String(error), 500));
    });
  });
}
