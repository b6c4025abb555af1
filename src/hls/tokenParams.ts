// Finds `token=` query parameters in a playlist URI: Momento accepts its API key there, so any such value is a key.

export interface ValueSpan {
  /** Offset of the value inside the URI. */
  start: number;
  length: number;
}

/** Spans of the non-empty values of every `token` query parameter (name compared case-insensitively). */
export function tokenValueSpans(uri: string): ValueSpan[] {
  const spans: ValueSpan[] = [];
  const query = uri.indexOf('?');
  if (query < 0) return spans;
  const hash = uri.indexOf('#', query);
  const end = hash < 0 ? uri.length : hash;
  let start = query + 1;
  while (start < end) {
    const amp = uri.indexOf('&', start);
    const stop = amp < 0 || amp > end ? end : amp;
    const eq = start + 5;
    if (stop > eq + 1 && uri.charCodeAt(eq) === 61 && uri.slice(start, eq).toLowerCase() === 'token') {
      spans.push({ start: eq + 1, length: stop - eq - 1 });
    }
    start = stop + 1;
  }
  return spans;
}
