// Checks an HLS playlist's text and reports findings with exact ranges and, where obvious, fixes.
import type { Finding } from '../findings/finding';
import type { LintContext, LintRule } from './lint/context';
import { headerRule } from './lint/headerRule';
import { lineRules } from './lint/lineRules';
import { playlistKindRule } from './lint/playlistKindRule';
import { targetDurationRules } from './lint/targetDurationRules';
import { tokenRule } from './lint/tokenRule';
import { versionRule } from './lint/versionRule';
import { decidePlaylistKind } from './playlistKind';
import { splitPlaylist, type TagLine } from './playlistLines';

const RULES: readonly LintRule[] = [headerRule, lineRules, playlistKindRule, targetDurationRules, versionRule, tokenRule];

/** Findings sorted by offset. Never throws; time is linear in the text length. */
export function lintPlaylist(text: string): Finding[] {
  const parsed = splitPlaylist(text);
  const tags = parsed.lines.filter((line): line is TagLine => line.kind === 'tag');
  const findings: Finding[] = [];
  const context: LintContext = {
    text,
    parsed,
    tags,
    kind: decidePlaylistKind(parsed),
    report: (finding) => findings.push(finding),
  };
  for (const rule of RULES) rule(context);
  return findings.sort((a, b) => a.offset - b.offset);
}
