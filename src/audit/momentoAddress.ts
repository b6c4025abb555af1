// Whether a host and path address Momento Media Storage, and which namespace: how the audits tell
// the channels and distributions of this workflow from the account's others.
import { safeDecode } from '../config/destinationUrl';
import { regionOfRestEndpoint } from '../config/regions';

/** Where a resource writes to or reads from in Momento; each part undefined when it cannot be told. */
export interface MomentoAddress {
  namespace?: string;
  host?: string;
}

/** The namespace of a `/cache/<namespace>` or `/cache/<namespace>/<key>` path. */
export function namespaceOfPath(pathname: string): string | undefined {
  const [, first, second] = pathname.split('/');
  return first === 'cache' && second ? safeDecode(second) : undefined;
}

/**
 * A Media Storage path, a Momento REST endpoint, or the endpoint the caller expects: enough to
 * audit the resource against this workflow (a wrong host or path is then a finding, not a reason to skip).
 */
export function addressesMomento(host: string, pathname: string, expectedHost?: string): boolean {
  return namespaceOfPath(pathname) !== undefined
    || regionOfRestEndpoint(host) !== undefined
    || (expectedHost !== undefined && host.toLowerCase() === expectedHost.toLowerCase());
}
