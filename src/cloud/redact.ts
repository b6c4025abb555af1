// Keeps keys out of anything a person may read or paste into an issue: logs, error messages,
// failure texts quoting URLs, header dumps and JSON bodies. Pure.
import { KEY_SHAPE } from '../config/rules/secretRules';

export const REDACTED = '<redacted>';

/** Shorter known secrets would redact ordinary words. */
const MIN_KNOWN_SECRET_LENGTH = 8;

const REPLACEMENTS: readonly [RegExp, string][] = [
  // `scheme://user:password@host`: MediaLive destinations and curl lines carry Basic credentials so.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s/@]+@/gi, `$1${REDACTED}@`],
  // Quoted values of credential fields and headers: JSON bodies, util.inspect dumps, gRPC metadata
  // maps (`'authorization' => [ '...' ]`).
  [/(\b(?:authorization|x-amz-security-token|[a-z_]*token|api_?key|password)["']?\s*(?:=>|:|=)\s*\[?\s*)(["'])[^"'\r\n]*\2/gi, `$1$2${REDACTED}$2`],
  // A header line: the rest of it is the credential (SigV4 values run on past commas and spaces).
  [/(\b(?:authorization|x-amz-security-token)[ \t]*:[ \t]*)(?=[^\s"'[])[^\r\n]*/gi, `$1${REDACTED}`],
  // `token=`, `access_token=`, `X-Amz-Security-Token=`, `api_key=`, presigned-URL signatures.
  [/(\b(?:[a-z_-]*token|api_?key|x-amz-signature|x-amz-credential)=)[^&#\s"'<>]+/gi, `$1${REDACTED}`],
  [/\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{8,}/g, `$1 ${REDACTED}`],
  // Shared-credentials files and SDK objects name their AWS secrets.
  [/(\b(?:aws_secret_access_key|aws_session_token|secret_?access_?key|session_?token)["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, `$1${REDACTED}`],
  [new RegExp(KEY_SHAPE.source, 'g'), REDACTED],
];

/** `text` with every credential it can recognise, and every one of `knownSecrets`, replaced. */
export function redactSecrets(text: string, knownSecrets: Iterable<string> = []): string {
  let redacted = text;
  for (const secret of knownSecretVariants(knownSecrets)) redacted = redacted.split(secret).join(REDACTED);
  for (const [pattern, replacement] of REPLACEMENTS) redacted = redacted.replace(pattern, replacement);
  return redacted;
}

/** Each secret as is and URL-encoded (an AWS secret's `+` and `/` travel as `%2B`, `%2F`), longest first. */
function knownSecretVariants(secrets: Iterable<string>): string[] {
  const variants = new Set<string>();
  for (const secret of secrets) {
    const trimmed = secret.trim();
    if (trimmed.length < MIN_KNOWN_SECRET_LENGTH) continue;
    variants.add(trimmed);
    variants.add(encodeURIComponent(trimmed));
  }
  return [...variants].sort((a, b) => b.length - a.length);
}
