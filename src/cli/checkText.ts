// What `live-origin check` runs on one file: the playlist linter or the configuration rules.
import { checkConfigText } from '../config/checkConfig';
import type { Finding } from '../findings/finding';
import { lintPlaylist } from '../hls/lintPlaylist';

export function isPlaylistFile(fileName: string): boolean {
  return /\.m3u8?$/i.test(fileName);
}

export function checkText(fileName: string, text: string): Finding[] {
  return isPlaylistFile(fileName) ? lintPlaylist(text) : checkConfigText(text);
}
