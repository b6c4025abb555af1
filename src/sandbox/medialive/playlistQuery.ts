// MediaLive copies the destination's query string into the URIs of the playlists it writes (the
// master's variant URIs, the variants' segment URIs); the relay does the same to ffmpeg's playlists.
const URI_ATTRIBUTE = /URI="([^"]*)"/g;

function withQuery(uri: string, query: string): string {
  return `${uri}${uri.includes('?') ? '&' : '?'}${query}`;
}

export function addQueryToPlaylist(text: string, query: string): string {
  if (!query) return text;
  return text.split('\n').map((line) => {
    const cr = line.endsWith('\r') ? '\r' : '';
    const content = cr ? line.slice(0, -1) : line;
    if (content.trim() === '') return line;
    if (content.startsWith('#')) return line.replace(URI_ATTRIBUTE, (_, uri: string) => `URI="${withQuery(uri, query)}"`);
    return `${withQuery(content, query)}${cr}`;
  }).join('\n');
}
