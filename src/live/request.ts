// One request through the injected fetch, bounded in time, with what a failure usually means in
// this workflow (the guide's usual suspects).
import * as l10n from '@vscode/l10n';
import type { Clock } from './clock';
import type { LiveFetch, LiveResponse } from './liveFetch';

export type RequestResult = { ok: true; response: LiveResponse } | { ok: false; status?: number; reason: string; cancelled?: boolean };

export interface RequestOptions {
  fetch: LiveFetch;
  clock: Clock;
  timeoutMs: number;
  maxBytes: number;
  signal: AbortSignal;
}

class TimedOut extends Error {}
class Cancelled extends Error {}

/** Settles within `timeoutMs`, or as soon as `signal` aborts, even if the fetch ignores its signal. */
export async function request(url: string, options: RequestOptions): Promise<RequestResult> {
  const controller = new AbortController();
  let timer: unknown;
  let onAbort = () => {};
  const stopped = new Promise<never>((_, reject) => {
    const stop = (error: Error) => {
      controller.abort();
      reject(error);
    };
    timer = options.clock.setTimeout(() => stop(new TimedOut()), options.timeoutMs);
    onAbort = () => stop(new Cancelled());
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const response = await Promise.race([stopped, options.fetch(url, { signal: controller.signal, maxBytes: options.maxBytes })]);
    if (response.status >= 200 && response.status < 300) return { ok: true, response };
    return { ok: false, status: response.status, reason: statusMeaning(response.status) };
  } catch (error) {
    if (error instanceof TimedOut) return { ok: false, reason: l10n.t('no answer within {0} s', options.timeoutMs / 1000) };
    if (error instanceof Cancelled || options.signal.aborted) return { ok: false, cancelled: true, reason: '' };
    return { ok: false, reason: l10n.t('the request failed ({0})', describe(error)) };
  } finally {
    options.clock.clearTimeout(timer);
    options.signal.removeEventListener('abort', onAbort);
  }
}

function describe(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined)?.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return (cause ? `${cause}: ${message}` : message).slice(0, 200);
}

export function statusMeaning(status: number): string {
  switch (status) {
    case 401: return l10n.t('HTTP 401: the key was refused (wrong, expired, or revoked). Players read with the read-only player key; only the encoder writes with the read-write key. Through CloudFront, check the Authorization origin header.');
    case 403: return l10n.t('HTTP 403: the key is not allowed to read this namespace (a key for another namespace or scope). Use the player key made for this namespace; through CloudFront, check the Authorization origin header and the origin path.');
    case 404: return l10n.t('HTTP 404: nothing under this name. Either the channel is not running (nothing was written yet, or it expired after the TTL), or the path is wrong: the namespace and manifest name in the MediaLive destination, or the CloudFront origin path /cache/<namespace>.');
    case 429: return l10n.t('HTTP 429: Momento\'s request or throughput limits were reached.');
    default:
      return status >= 500
        ? l10n.t('HTTP {0}: the origin or the edge failed; retry, and check the origin\'s health.', status)
        : l10n.t('HTTP {0}: an unexpected answer for a GET of a live object.', status);
  }
}
