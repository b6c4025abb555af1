// Random identifiers shaped like CloudFront's.
import { randomBytes, randomInt } from 'node:crypto';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** `E` and 13 upper-case letters or digits, like `E2QWRUHAPOMQZL`. Also the shape of ETags. */
export function newDistributionId(): string {
  return `E${pick(UPPER, 13)}`;
}

/** `d` and 13 lower-case letters or digits: the label in `<label>.cloudfront.net`. */
export function newDomainLabel(): string {
  return `d${pick(LOWER, 13)}`;
}

export function newEtag(): string {
  return `E${pick(UPPER, 13)}`;
}

export function newRequestId(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The 56-character value of `X-Amz-Cf-Id`. */
export function newCfRequestId(): string {
  return `${randomBytes(40).toString('base64url')}==`;
}

export function newViaHost(): string {
  return `${randomBytes(16).toString('hex')}.cloudfront.net`;
}
