// An HLS group destination URL taken apart the way MediaLive names its outputs: the last path
// segment is the base name (a trailing `.m3u8` is dropped), the query string rides on every PUT
// and on every URI in the playlists (the relay adds it). The base name goes on ffmpeg's command
// line, whose hls muxer expands `%v` and `%<digits>d` in names, so it is re-escaped until no
// escape is followed by digits and a `d`; the directory and query get the same escaping, which
// means the same to an HTTP server and keeps the playlists' URIs free of `/` in the query.

export interface HlsDestination {
  /** `scheme://host[:port]/path/` with a trailing slash. */
  directory: string;
  base: string;
  /** Without the `?`; empty when the URL has none. */
  query: string;
}

const PATH_CHARS = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;
const QUERY_CHARS = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;
const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;
const DIGIT = /[0-9]/;

function escapeBytes(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** Re-escapes `text` so that it means the same to an HTTP server and nothing to ffmpeg's name templates. */
export function templateSafe(text: string, allowed: RegExp): string {
  let out = '';
  // True while the output ends in `%` plus digits only: a following `d` would become a template.
  let digitRun = false;
  const emitEscape = (escape: string) => {
    out += escape;
    digitRun = DIGIT.test(escape.charAt(escape.length - 2)) && DIGIT.test(escape.charAt(escape.length - 1));
  };
  for (let i = 0; i < text.length;) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    if (char === '%' && HEX_PAIR.test(text.slice(i + 1, i + 3))) {
      emitEscape(`%${text.slice(i + 1, i + 3).toUpperCase()}`);
      i += 3;
    } else if (digitRun && char === 'd') {
      emitEscape('%64');
      i += 1;
    } else if (allowed.test(char)) {
      out += char;
      digitRun = digitRun && DIGIT.test(char);
      i += char.length;
    } else {
      emitEscape(escapeBytes(char));
      i += char.length;
    }
  }
  return out;
}

export function parseHlsDestination(raw: string): HlsDestination | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const slash = url.pathname.lastIndexOf('/');
  const base = url.pathname.slice(slash + 1).replace(/\.m3u8$/i, '');
  if (base.length === 0) return undefined;
  const questionMark = raw.indexOf('?');
  const hash = raw.indexOf('#', questionMark < 0 ? 0 : questionMark);
  const query = questionMark < 0 ? '' : raw.slice(questionMark + 1, hash < 0 ? undefined : hash);
  return {
    directory: `${url.protocol}//${url.host}${templateSafe(url.pathname.slice(0, slash + 1), PATH_CHARS)}`,
    base: templateSafe(base, PATH_CHARS),
    query: templateSafe(query, QUERY_CHARS),
  };
}
