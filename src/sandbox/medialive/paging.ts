// ListChannels/ListInputs/ListAlerts paging: keyset tokens (the last id of the previous page), so a
// delete between two pages neither repeats nor skips an item.
import { badRequest } from './errors';

const MAX_PAGE = 1000;

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function parseMaxResults(raw: string | null): number {
  if (raw === null) return MAX_PAGE;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE) {
    throw badRequest(`maxResults must be an integer from 1 to ${MAX_PAGE}`);
  }
  return value;
}

function decodeToken(token: string, kind: string): string {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const prefix = `${kind}:`;
  if (!text.startsWith(prefix)) throw badRequest('The nextToken is not valid');
  return text.slice(prefix.length);
}

/** `items` must be sorted by `key`. */
export function page<T>(items: T[], key: (item: T) => string, kind: string, maxResults: string | null, nextToken: string | null): Page<T> {
  const size = parseMaxResults(maxResults);
  const after = nextToken ? decodeToken(nextToken, kind) : undefined;
  const remaining = after === undefined ? items : items.filter((item) => key(item) > after);
  const pageItems = remaining.slice(0, size);
  return {
    items: pageItems,
    nextToken: remaining.length > size ? Buffer.from(`${kind}:${key(pageItems[pageItems.length - 1])}`).toString('base64url') : undefined,
  };
}
