// One GET through the injected fetch, bounded in time and size, keeping what an error answer says
// (Momento's 404 body tells a missing namespace from a missing object).
import type { Clock } from '../live/clock';
import { bodyText, type LiveFetch, type LiveResponse } from '../live/liveFetch';
import { request } from '../live/request';

export type Fetched =
  | { ok: true; response: LiveResponse }
  | { ok: false; status?: number; /** The start of an error answer's body. */ errorText?: string; reason: string; cancelled?: boolean };

export interface FetchOptions {
  fetch: LiveFetch;
  clock: Clock;
  timeoutMs: number;
  signal: AbortSignal;
}

/** Enough of an error body to recognise Momento's "Key Not Found" / "Cache Not Found". */
const ERROR_TEXT_CHARS = 200;

export async function fetchOnce(url: string, maxBytes: number, options: FetchOptions): Promise<Fetched> {
  let answered: LiveResponse | undefined;
  const keeping: LiveFetch = async (target, init) => (answered = await options.fetch(target, init));
  const result = await request(url, { ...options, fetch: keeping, maxBytes });
  if (result.ok) return result;
  const errorText = result.status !== undefined && answered ? bodyText(answered.body).slice(0, ERROR_TEXT_CHARS).trim() : undefined;
  return { ...result, errorText };
}
