// Raw HTTP to the sandbox's AWS endpoints, as a hostile page or a hand-rolled client would send it:
// signed with the SDK's signer or not at all, any Host header, any body.
import http from 'node:http';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials } from '../../src/sandbox/aws/credentials';

export interface RawRequest {
  method: string;
  /** Path and query string. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface Signing {
  credentials: AwsCredentials;
  service: string;
  region: string;
  signingDate?: Date;
  /** Host to sign and send; default the endpoint's host:port. */
  host?: string;
  /** Also sign x-amz-content-sha256 (the signer's default). */
  payloadHashHeader?: boolean;
}

export async function signed(endpoint: string, request: RawRequest, signing: Signing): Promise<RawRequest> {
  const url = new URL(request.path, endpoint);
  const headers: Record<string, string> = { host: signing.host ?? url.host, ...request.headers };
  if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
  const signer = new SignatureV4({
    credentials: signing.credentials,
    region: signing.region,
    service: signing.service,
    sha256: Sha256,
    applyChecksum: signing.payloadHashHeader ?? true,
  });
  const result = await signer.sign(new HttpRequest({
    method: request.method,
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: request.body,
  }), { signingDate: signing.signingDate });
  return { ...request, headers: result.headers };
}

/** Sends exactly these headers (Host included, which fetch forbids). */
export function send(endpoint: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname,
      port: Number(url.port),
      method: request.method,
      path: request.path,
      headers: request.headers,
      agent: false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`${request.method} ${request.path} timed out`)));
    req.on('error', reject);
    req.end(request.body);
  });
}
