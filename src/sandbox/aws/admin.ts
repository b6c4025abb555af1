// The sandbox's own admin path on each AWS plane, for tests and benches that hold only the
// sandbox's endpoints and key pair (the extension host talks to a `live-origin sandbox` child):
//
//   GET    /_sandbox/faults     -> 200 {"rules": [{id, kind, operations?, count?, delayMs?, applied}]}
//   POST   /_sandbox/faults     -> 201 {"rule": {...}}   body: an AwsFaultSpec as JSON
//   DELETE /_sandbox/faults     -> 204                   every rule removed
//   GET    /_sandbox/requests   -> 200 RequestCounts
//   DELETE /_sandbox/requests   -> 204                   counting starts again
//
// Signed with SigV4 by the plane's own key pair and service name, like its API; errors are JSON
// {"code", "message"}. Admin requests are neither counted nor subject to faults.
import type http from 'node:http';
import { admit } from './admit';
import type { AwsCredentials } from './credentials';
import { type AwsFaultSpec, FaultSpecError, ruleView } from './faults';
import type { PlaneControls } from './planeControls';

const PREFIX = '/_sandbox/';
const MAX_BODY_BYTES = 64 * 1024;

class AdminError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

interface Reply {
  status: number;
  body?: unknown;
}

export interface AdminDoor {
  credentials: AwsCredentials;
  /** The plane's signing name: `medialive`, `cloudfront`, `ssm`. */
  service: string;
}

export function isAdminRequest(req: http.IncomingMessage): boolean {
  return (req.url ?? '/').split('?')[0].startsWith(PREFIX);
}

function parseSpec(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AdminError(400, 'InvalidJson', 'The body must be a fault spec in JSON, such as {"kind": "throttle", "count": 5}.');
  }
}

function route(method: string, path: string, raw: Buffer, controls: PlaneControls): Reply {
  const resource = path.slice(PREFIX.length);
  if (resource !== 'faults' && resource !== 'requests') {
    throw new AdminError(404, 'UnknownAdminPath', `The sandbox's admin paths are ${PREFIX}faults and ${PREFIX}requests, not ${path}.`);
  }
  if (resource === 'faults' && method === 'GET') return { status: 200, body: { rules: controls.faults.rules().map(ruleView) } };
  // inject() checks the parsed JSON field by field.
  if (resource === 'faults' && method === 'POST') return { status: 201, body: { rule: ruleView(controls.faults.inject(parseSpec(raw) as AwsFaultSpec)) } };
  if (resource === 'faults' && method === 'DELETE') {
    controls.faults.clear();
    return { status: 204 };
  }
  if (resource === 'requests' && method === 'GET') return { status: 200, body: controls.requests() };
  if (resource === 'requests' && method === 'DELETE') {
    controls.resetRequests();
    return { status: 204 };
  }
  const allowed = resource === 'faults' ? 'GET, POST, DELETE' : 'GET, DELETE';
  throw new AdminError(405, 'MethodNotAllowed', `${path} answers ${allowed}, not ${method}.`);
}

function send(res: http.ServerResponse, reply: Reply): void {
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...(text ? { 'content-type': 'application/json' } : {}),
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

async function handle(req: http.IncomingMessage, controls: PlaneControls, door: AdminDoor): Promise<Reply> {
  const raw = await admit(req, {
    ...door,
    maxBodyBytes: MAX_BODY_BYTES,
    tooLarge: () => new AdminError(413, 'PayloadTooLarge', `An admin request body is at most ${MAX_BODY_BYTES} bytes.`),
    refuse: (refusal) => new AdminError(403, refusal.kind, refusal.message),
  });
  return route(req.method ?? 'GET', (req.url ?? '/').split('?')[0], raw, controls);
}

/** Answers one admin request; never throws. */
export function serveAdmin(req: http.IncomingMessage, res: http.ServerResponse, controls: PlaneControls, door: AdminDoor): void {
  handle(req, controls, door)
    .then((reply) => send(res, reply))
    .catch((error: unknown) => {
      if (res.headersSent) return;
      const known = error instanceof AdminError
        ? error
        : error instanceof FaultSpecError
          ? new AdminError(400, 'InvalidFaultSpec', error.message)
          : new AdminError(500, 'InternalError', error instanceof Error ? error.message : String(error));
      send(res, { status: known.status, body: { code: known.code, message: known.message } });
      req.resume();
    });
}
