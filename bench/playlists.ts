// The playlist linter against m3u8-parser on the same long live playlist (FACTS: 43,200 segments
// with program-date-time, the size of a 24-hour DVR window of 2 s segments).
import { Parser } from 'm3u8-parser';
import { lintPlaylist } from '../src/hls/lintPlaylist';
import { time, type Timing } from './stats';

export function longPlaylist(segments = 43_200): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2', '#EXT-X-MEDIA-SEQUENCE:1000'];
  const start = Date.UTC(2026, 10, 21);
  for (let i = 0; i < segments; i++) {
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(start + i * 2000).toISOString()}`, '#EXTINF:2.00000,', `playlist_480p30_${String(1000 + i).padStart(5, '0')}.ts`);
  }
  return `${lines.join('\n')}\n`;
}

export function benchPlaylists(): { linter: Timing; m3u8Parser: Timing; segments: number } {
  const text = longPlaylist();
  const parse = () => {
    const parser = new Parser();
    parser.push(text);
    parser.end();
    return parser.manifest;
  };
  return { linter: time(15, () => lintPlaylist(text)), m3u8Parser: time(15, parse), segments: 43_200 };
}
