// What `live-origin check` runs on one file: the playlist linter or the configuration rules.
import { analyzeDocument } from '../config/analyzeConfig';
import { ConfigDocument } from '../config/configDocument';
import { schemaFindings } from '../config/schemaCheck';
import type { Finding } from '../findings/finding';
import { lintPlaylist } from '../hls/lintPlaylist';

export function isPlaylistFile(fileName: string): boolean {
  return /\.m3u8?$/i.test(fileName);
}

export function checkText(fileName: string, text: string): Finding[] {
  if (isPlaylistFile(fileName)) return lintPlaylist(text);
  const doc = new ConfigDocument(text);
  const findings = analyzeDocument(doc);
  if (findings.some((finding) => finding.code === 'json-syntax')) return findings;
  // Where a rule already speaks about a value, its message (which names the fix) is the one to keep.
  const covered = new Set(findings.map((finding) => `${finding.offset}:${finding.length}`));
  const schema = schemaFindings(doc).filter((finding) => !covered.has(`${finding.offset}:${finding.length}`));
  return [...findings, ...schema].sort((a, b) => a.offset - b.offset);
}
