// Playlist URIs are relative to the playlist that lists them.

/** The absolute URL of `uri` read in the playlist at `base`, or undefined when it cannot be resolved. */
export function resolveUri(uri: string, base: string): string | undefined {
  try {
    return new URL(uri, base).href;
  } catch {
    return undefined;
  }
}
