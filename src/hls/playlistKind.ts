// Decides whether a playlist is a master (multivariant) or a media (variant) playlist.
import type { PlaylistLines } from './playlistLines';
import { MASTER_TAGS, MEDIA_TAGS } from './tags';

export type PlaylistKind = 'master' | 'media' | 'unknown';

export interface KindDecision {
  kind: PlaylistKind;
  /** Kind-specific tags counted for each side. */
  masterTags: number;
  mediaTags: number;
}

/** The tags that make up a playlist's body: one per segment, or one per variant or rendition. */
const MEDIA_ENTRIES = new Set(['EXTINF']);
const MASTER_ENTRIES = new Set(['EXT-X-STREAM-INF', 'EXT-X-I-FRAME-STREAM-INF', 'EXT-X-MEDIA']);

/**
 * The rule, in order, so that the stray tags are the ones reported rather than the rest of the file:
 * 1. more segments (EXTINF) than variants and renditions (EXT-X-STREAM-INF, EXT-X-I-FRAME-STREAM-INF,
 *    EXT-X-MEDIA) makes a media playlist, fewer a master playlist;
 * 2. on a tie, the side with more kind-specific tags of any sort wins;
 * 3. on a tie again, the kind of the first kind-specific tag wins;
 * 4. with no kind-specific tag at all, a playlist that lists URIs is a media playlist (segments
 *    without EXTINF), and an empty one is of unknown kind.
 */
export function decidePlaylistKind(parsed: PlaylistLines): KindDecision {
  let masterTags = 0;
  let mediaTags = 0;
  let masterEntries = 0;
  let mediaEntries = 0;
  let first: PlaylistKind = 'unknown';
  let hasUri = false;
  for (const line of parsed.lines) {
    if (line.kind === 'uri') hasUri = true;
    if (line.kind !== 'tag') continue;
    if (MASTER_TAGS.has(line.name)) {
      masterTags++;
      if (MASTER_ENTRIES.has(line.name)) masterEntries++;
      if (first === 'unknown') first = 'master';
    } else if (MEDIA_TAGS.has(line.name)) {
      mediaTags++;
      if (MEDIA_ENTRIES.has(line.name)) mediaEntries++;
      if (first === 'unknown') first = 'media';
    }
  }
  return { kind: choose(), masterTags, mediaTags };

  function choose(): PlaylistKind {
    if (mediaEntries !== masterEntries) return mediaEntries > masterEntries ? 'media' : 'master';
    if (mediaTags !== masterTags) return mediaTags > masterTags ? 'media' : 'master';
    if (first !== 'unknown') return first;
    return hasUri ? 'media' : 'unknown';
  }
}
