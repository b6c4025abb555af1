// hls-missing-extm3u: every playlist starts with #EXTM3U (RFC 8216 4.3.1.1).
import * as l10n from '@vscode/l10n';
import type { Fix } from '../../findings/finding';
import { nextLineStart } from '../playlistLines';
import { headerTag, type LintContext, type LintRule } from './context';

export const headerRule: LintRule = (context) => {
  if (headerTag(context)) return;
  const first = context.parsed.lines[0];
  const at = first?.index === 0 ? first : { offset: context.parsed.hasBom ? 1 : 0, length: 0 };
  context.report({
    code: 'hls-missing-extm3u',
    severity: 'error',
    message: l10n.t('The first line of a playlist must be #EXTM3U; players reject the file without it. Make #EXTM3U the first line.'),
    offset: at.offset,
    length: at.length,
    fix: headerFix(context),
  });
};

/** Moves a #EXTM3U that only blank lines or comments precede; otherwise inserts one. */
function headerFix(context: LintContext): Fix {
  const { text, parsed } = context;
  const start = parsed.hasBom ? 1 : 0;
  const header = `#EXTM3U${parsed.eol}`;
  const late = parsed.lines.find((line) => line.kind !== 'comment');
  if (late?.kind === 'tag' && late.name === 'EXTM3U') {
    const end = nextLineStart(text, late);
    return {
      title: l10n.t('Move #EXTM3U to the first line'),
      edits: [{ offset: start, length: end - start, newText: header + text.slice(start, late.offset) }],
    };
  }
  return { title: l10n.t('Insert #EXTM3U as the first line'), edits: [{ offset: start, length: 0, newText: header }] };
}
