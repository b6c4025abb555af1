// Reads a master (multivariant) playlist: the variants with what they declare, and the renditions
// (EXT-X-MEDIA) that have playlists of their own.
import { decidePlaylistKind } from '../hls/playlistKind';
import { splitPlaylist, type AttributeList, type PlaylistLine } from '../hls/playlistLines';
import { tokenValueSpans } from '../hls/tokenParams';
import { decimalInteger } from '../hls/values';
import type { LiveLimits } from './limits';
import { tooManyLines, unreadablePlaylist } from './playlistGuards';

export interface PlaylistEntry {
  /** The URI as the master writes it. */
  uri: string;
  /** EXT-X-STREAM-INF variants carry BANDWIDTH; EXT-X-MEDIA renditions do not. */
  kind: 'variant' | 'rendition';
  bandwidth?: number;
  averageBandwidth?: number;
  resolution?: string;
  /** EXT-X-MEDIA TYPE and NAME, for renditions. */
  name?: string;
}

export interface MasterPlaylist {
  entries: PlaylistEntry[];
  /** The first URI in the master with token= in it. */
  uriWithToken?: string;
  /** More playlists than the inspector polls were listed; the rest are left out. */
  truncated: boolean;
}

export type MasterRead =
  | { kind: 'master'; master: MasterPlaylist }
  | { kind: 'media' }
  | { kind: 'invalid'; problem: string };

type ReadLimits = Pick<LiveLimits, 'maxPlaylistBytes' | 'maxPlaylistLines' | 'maxPlaylists'>;

export function readMaster(text: string, limits: ReadLimits): MasterRead {
  const unreadable = unreadablePlaylist(text, limits);
  if (unreadable) return { kind: 'invalid', problem: unreadable };
  // Without a variant or rendition tag it can only be a media playlist, which the media path reads.
  if (!text.includes('#EXT-X-STREAM-INF') && !text.includes('#EXT-X-MEDIA:')) return { kind: 'media' };
  const problem = tooManyLines(text, limits);
  if (problem) return { kind: 'invalid', problem };
  const parsed = splitPlaylist(text);
  if (decidePlaylistKind(parsed).kind === 'media') return { kind: 'media' };
  return { kind: 'master', master: entriesOf(parsed.lines, limits.maxPlaylists) };
}

function entriesOf(lines: readonly PlaylistLine[], maxPlaylists: number): MasterPlaylist {
  const master: MasterPlaylist = { entries: [], truncated: false };
  let pending: AttributeList | undefined;
  const add = (entry: PlaylistEntry) => {
    if (master.entries.some((known) => known.uri === entry.uri)) return;
    if (master.entries.length >= maxPlaylists) master.truncated = true;
    else master.entries.push(entry);
  };
  const noteToken = (uri: string) => {
    if (master.uriWithToken === undefined && tokenValueSpans(uri).length > 0) master.uriWithToken = uri;
  };
  for (const line of lines) {
    if (line.kind === 'uri') {
      noteToken(line.uri);
      if (pending) add({ uri: line.uri, kind: 'variant', ...declared(pending) });
      pending = undefined;
      continue;
    }
    if (line.kind !== 'tag') continue;
    for (const attribute of line.attributes?.attributes ?? []) {
      if (attribute.name === 'URI' || attribute.name.endsWith('-URI')) noteToken(attribute.value);
    }
    if (line.name === 'EXT-X-STREAM-INF') pending = line.attributes;
    if (line.name === 'EXT-X-MEDIA') {
      const value = (name: string) => line.attributes?.attributes.find((attribute) => attribute.name === name)?.value;
      const uri = value('URI');
      if (uri) add({ uri, kind: 'rendition', name: [value('TYPE'), value('NAME')].filter(Boolean).join(' ') });
    }
  }
  return master;
}

function declared(attributes: AttributeList): Pick<PlaylistEntry, 'bandwidth' | 'averageBandwidth' | 'resolution'> {
  const value = (name: string) => attributes.attributes.find((attribute) => attribute.name === name)?.value;
  const result: Pick<PlaylistEntry, 'bandwidth' | 'averageBandwidth' | 'resolution'> = {};
  const bandwidth = decimalInteger(value('BANDWIDTH'));
  const averageBandwidth = decimalInteger(value('AVERAGE-BANDWIDTH'));
  const resolution = value('RESOLUTION');
  if (bandwidth !== undefined) result.bandwidth = bandwidth;
  if (averageBandwidth !== undefined) result.averageBandwidth = averageBandwidth;
  if (resolution !== undefined) result.resolution = resolution;
  return result;
}
