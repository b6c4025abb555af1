// AWS Signature Version 4 checks for the sandbox's control planes. The expected signature comes
// from the SDK's own signer, applied to the request exactly as received.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials } from './credentials';

/** Why a request was turned away; each service words it in its own error shape. */
export type RefusalKind = 'foreign-host' | 'missing-token' | 'incomplete-signature' | 'unknown-key' | 'bad-signature';

export interface Refusal {
  kind: RefusalKind;
  message: string;
}

export interface ReceivedRequest {
  method: string;
  /** The request target as sent: path and query string. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_SKEW_MS = 15 * 60 * 1000;
const PAYLOAD_HASH_HEADER = 'x-amz-content-sha256';

const refuse = (kind: RefusalKind, message: string): Refusal => ({ kind, message });
const MISSING = refuse('missing-token', 'Missing Authentication Token');
const INCOMPLETE = refuse('incomplete-signature', `The Authorization header must be "${ALGORITHM} Credential=KEY/DATE/REGION/SERVICE/aws4_request, `
  + 'SignedHeaders=..., Signature=...", sign host and x-amz-date, and come with an X-Amz-Date header.');
const UNKNOWN_KEY = refuse('unknown-key', 'The security token included in the request is invalid.');
const MISMATCH = refuse('bad-signature', 'The request signature we calculated does not match the signature you provided. '
  + 'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');

interface Authorization {
  accessKeyId: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(value: string): Authorization | undefined {
  if (!value.startsWith(`${ALGORITHM} `)) return undefined;
  const fields = new Map(value.slice(ALGORITHM.length + 1).split(',').map((part) => {
    const equals = part.indexOf('=');
    return [part.slice(0, equals).trim(), part.slice(equals + 1).trim()] as const;
  }));
  const scope = fields.get('Credential')?.split('/');
  const signedHeaders = fields.get('SignedHeaders')?.split(';');
  const signature = fields.get('Signature');
  if (scope?.length !== 5 || scope[4] !== 'aws4_request' || !signedHeaders || !signature) return undefined;
  return { accessKeyId: scope[0], region: scope[2], service: scope[3], signedHeaders, signature };
}

const amzDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

function parseAmzDate(value: string | undefined): Date | undefined {
  const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!parts) return undefined;
  const [year, month, day, hours, minutes, seconds] = parts.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
  // Date.UTC rolls 20260231 over into March: such a date is no date.
  return amzDate(date) === value ? date : undefined;
}

function skewRefusal(signed: Date, now: Date): Refusal | undefined {
  if (signed.getTime() < now.getTime() - MAX_SKEW_MS) {
    const limit = new Date(now.getTime() - MAX_SKEW_MS);
    return refuse('bad-signature', `Signature expired: ${amzDate(signed)} is now earlier than ${amzDate(limit)} (${amzDate(now)} - 15 min.)`);
  }
  if (signed.getTime() > now.getTime() + MAX_SKEW_MS) {
    const limit = new Date(now.getTime() + MAX_SKEW_MS);
    return refuse('bad-signature', `Signature not yet current: ${amzDate(signed)} is still later than ${amzDate(limit)} (${amzDate(now)} + 15 min.)`);
  }
  return undefined;
}

const headerText = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(',') : value);

/** Decoded query parameters as the SDK's signer takes them; a name without `=` signs as nothing. */
function parseQuery(search: string): Record<string, string | string[] | null> {
  const query: Record<string, string | string[] | null> = Object.create(null);
  for (const pair of search.split('&').filter((part) => part !== '')) {
    const equals = pair.indexOf('=');
    const name = decodeURIComponent(equals < 0 ? pair : pair.slice(0, equals));
    if (equals < 0) {
      query[name] ??= null;
      continue;
    }
    const value = decodeURIComponent(pair.slice(equals + 1));
    const previous = query[name];
    query[name] = typeof previous === 'string' ? [previous, value] : Array.isArray(previous) ? [...previous, value] : value;
  }
  return query;
}

async function expectedSignature(request: ReceivedRequest, auth: Authorization, signingDate: Date, credentials: AwsCredentials): Promise<string | undefined> {
  const [path, search = ''] = request.url.split(/\?(.*)/s);
  let query: Record<string, string | string[] | null>;
  try {
    query = parseQuery(search);
  } catch {
    return undefined;
  }
  const headers: Record<string, string> = Object.create(null);
  for (const name of auth.signedHeaders) {
    const value = headerText(request.headers[name]);
    if (value !== undefined) headers[name] = value;
  }
  // A signed payload hash must describe the body that arrived, or a signature could carry any body.
  if (headers[PAYLOAD_HASH_HEADER] !== undefined) headers[PAYLOAD_HASH_HEADER] = createHash('sha256').update(request.body).digest('hex');
  const signer = new SignatureV4({ credentials, region: auth.region, service: auth.service, sha256: Sha256, applyChecksum: false });
  const signed = await signer.sign(
    new HttpRequest({ method: request.method, protocol: 'http:', hostname: headers.host ?? '', path, query, headers, body: request.body }),
    { signingDate, signableHeaders: new Set(auth.signedHeaders) },
  );
  return /Signature=([0-9a-f]+)$/.exec(String(signed.headers.authorization))?.[1];
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Undefined when the request carries a valid signature by `credentials` for `service`. */
export async function verifySignature(
  request: ReceivedRequest, credentials: AwsCredentials, service: string, now = new Date(),
): Promise<Refusal | undefined> {
  const header = headerText(request.headers.authorization);
  if (header === undefined || header === '') return MISSING;
  const auth = parseAuthorization(header);
  const signingDate = parseAmzDate(headerText(request.headers['x-amz-date']));
  if (!auth || !signingDate || !auth.signedHeaders.includes('host') || !auth.signedHeaders.includes('x-amz-date')) return INCOMPLETE;
  if (auth.accessKeyId !== credentials.accessKeyId) return UNKNOWN_KEY;
  if (auth.service !== service) return refuse('bad-signature', `Credential should be scoped to correct service: '${service}'.`);
  const skew = skewRefusal(signingDate, now);
  if (skew) return skew;
  const expected = await expectedSignature(request, auth, signingDate, credentials);
  return expected !== undefined && sameSignature(expected, auth.signature) ? undefined : MISMATCH;
}
