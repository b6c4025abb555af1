// The one way the inspector reaches the network: injected, so the command line, the extension host
// (which adds the player key) and the tests share the same core.

export interface LiveResponse {
  status: number;
  headers: { get(name: string): string | null | undefined };
  body: Uint8Array | string;
}

export interface LiveRequestInit {
  signal?: AbortSignal;
  /** The caller needs no more than this many bytes; a fetch may stop reading past it. */
  maxBytes?: number;
}

export type LiveFetch = (url: string, init?: LiveRequestInit) => Promise<LiveResponse>;

const decoder = new TextDecoder('utf-8');

export function bodyText(body: Uint8Array | string): string {
  return typeof body === 'string' ? body : decoder.decode(body);
}

export function bodyLength(body: Uint8Array | string): number {
  return typeof body === 'string' ? body.length : body.byteLength;
}
