// A small typed client of the AWS planes' admin path (admin.ts), for tests and benches that reach
// a sandbox over the wire: inject and clear faults, read and reset request counts. Requests are
// signed with SigV4 by the sandbox's key pair, as the SDKs sign theirs.
import http from 'node:http';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SandboxInfo } from '../sandbox';
import type { AwsCredentials } from './credentials';
import type { AwsFaultRuleView, AwsFaultSpec } from './faults';
import type { RequestCounts } from './requestCounts';

export type AwsPlaneName = 'medialive' | 'cloudfront' | 'ssm';

export interface AdminTarget {
  /** The plane's endpoint, "http://127.0.0.1:PORT". */
  endpoint: string;
  credentials: AwsCredentials;
  /** The plane's signing name. */
  service: AwsPlaneName;
  region: string;
}

/** The admin path refused or failed a request; `code` is the JSON error's code. */
export class SandboxAdminError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'SandboxAdminError';
  }
}

const TIMEOUT_MS = 10_000;

/** The three planes of a sandbox, from the line `live-origin sandbox --json` prints. */
export function adminTargets(info: Pick<SandboxInfo, 'medialive' | 'cloudfront' | 'ssm' | 'aws'>): Record<AwsPlaneName, AdminTarget> {
  const credentials = { accessKeyId: info.aws.accessKeyId, secretAccessKey: info.aws.secretAccessKey };
  return {
    medialive: { endpoint: info.medialive.endpoint, credentials, service: 'medialive', region: info.medialive.region },
    // CloudFront is a global service signed in us-east-1.
    cloudfront: { endpoint: info.cloudfront.endpoint, credentials, service: 'cloudfront', region: 'us-east-1' },
    ssm: { endpoint: info.ssm.endpoint, credentials, service: 'ssm', region: info.medialive.region },
  };
}

export async function injectFault(target: AdminTarget, spec: AwsFaultSpec): Promise<AwsFaultRuleView> {
  const reply = await call(target, 'POST', 'faults', JSON.stringify(spec)) as { rule: AwsFaultRuleView };
  return reply.rule;
}

export async function listFaults(target: AdminTarget): Promise<AwsFaultRuleView[]> {
  const reply = await call(target, 'GET', 'faults') as { rules: AwsFaultRuleView[] };
  return reply.rules;
}

export async function clearFaults(target: AdminTarget): Promise<void> {
  await call(target, 'DELETE', 'faults');
}

export async function requestCounts(target: AdminTarget): Promise<RequestCounts> {
  return await call(target, 'GET', 'requests') as RequestCounts;
}

export async function resetRequestCounts(target: AdminTarget): Promise<void> {
  await call(target, 'DELETE', 'requests');
}

async function call(target: AdminTarget, method: string, resource: string, body?: string): Promise<unknown> {
  const url = new URL(`/_sandbox/${resource}`, target.endpoint);
  const headers: Record<string, string> = { host: url.host };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const signer = new SignatureV4({ credentials: target.credentials, region: target.region, service: target.service, sha256: Sha256 });
  const signed = await signer.sign(new HttpRequest({
    method, protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname, headers, body,
  }));
  const { status, text } = await send(url, method, signed.headers, body);
  const parsed = parseJson(text);
  if (status >= 200 && status < 300 && (text === '' || parsed !== undefined)) return parsed;
  const error = parsed as { code?: string; message?: string } | undefined;
  throw new SandboxAdminError(status, error?.code ?? 'Unknown', error?.message ?? `${method} ${url.href} answered ${status}: ${text.slice(0, 200)}`);
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function send(url: URL, method: string, headers: Record<string, string>, body: string | undefined): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: Number(url.port), method, path: url.pathname, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`${method} ${url.href} got no answer within ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
