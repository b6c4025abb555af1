// The door of every AWS control plane: a loopback Host, the body read once (capped), then SigV4.
import type http from 'node:http';
import { readBody } from '../http/readBody';
import { isOwnLoopbackHost } from '../http/loopbackHost';
import type { AwsCredentials } from './credentials';
import { type Refusal, verifySignature } from './requestAuth';

export interface Door {
  credentials: AwsCredentials;
  /** The signing name: `medialive`, `cloudfront`, `ssm`. */
  service: string;
  maxBodyBytes: number;
  tooLarge: () => Error;
  /** The service's own error for a refusal. */
  refuse: (refusal: Refusal) => Error;
}

const FOREIGN_HOST: Refusal = {
  kind: 'foreign-host',
  message: 'The sandbox answers only requests addressed to 127.0.0.1 or localhost on its own port; the Host header names another host.',
};

/** The request's body once it is addressed to this server and signed with the sandbox's credentials. */
export async function admit(req: http.IncomingMessage, door: Door): Promise<Buffer> {
  if (!isOwnLoopbackHost(req.headers.host, req.socket.localPort)) throw door.refuse(FOREIGN_HOST);
  const body = await readBody(req, door.maxBodyBytes, door.tooLarge);
  const refusal = await verifySignature({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body }, door.credentials, door.service);
  if (refusal) throw door.refuse(refusal);
  return body;
}
