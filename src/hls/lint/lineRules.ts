// Lines and attribute lists the tokenizer refused or found malformed.
import * as l10n from '@vscode/l10n';
import { MAX_ATTRIBUTES, MAX_LINE_LENGTH, type AttributeProblem } from '../playlistLines';
import { excerpt, type LintContext, type LintRule } from './context';

export const lineRules: LintRule = (context) => {
  for (const line of context.parsed.lines) {
    if (line.kind === 'oversized') {
      context.report({
        code: 'hls-line-too-long',
        severity: 'warning',
        message: l10n.t('This line is {0} characters long, more than the {1} this checker reads, so it was not checked. A playlist line this long usually means a corrupt or binary file; check how it was written.', line.length, MAX_LINE_LENGTH),
        offset: line.offset,
        length: line.length,
      });
      continue;
    }
    if (line.kind !== 'tag' || !line.attributes || line.value === undefined) continue;
    if (line.attributes.truncated) {
      context.report({
        code: 'hls-too-many-attributes',
        severity: 'warning',
        message: l10n.t('This attribute list has more than {0} entries, so it was not checked. Real playlists use a few dozen at most; check how the file was written.', MAX_ATTRIBUTES),
        offset: line.valueOffset,
        length: line.value.length,
      });
      continue;
    }
    for (const problem of line.attributes.problems) reportProblem(context, problem);
  }
};

function reportProblem(context: LintContext, problem: AttributeProblem): void {
  const finding = { code: 'hls-attribute-list-malformed', severity: 'error' as const, offset: problem.offset, length: problem.length };
  switch (problem.kind) {
    case 'trailing-comma':
      context.report({
        ...finding,
        message: l10n.t('An attribute list must not end with a comma; some players (m3u8-parser, used by video.js) fail on it. Remove the comma.'),
        fix: { title: l10n.t('Remove the trailing comma'), edits: [{ offset: problem.offset, length: 1, newText: '' }] },
      });
      return;
    case 'missing-equals':
      context.report({
        ...finding,
        message: l10n.t('"{0}" has no "=": every entry of an attribute list is NAME=value. Add the value or remove the entry.', excerpt(context.text.slice(problem.offset, problem.offset + problem.length))),
      });
      return;
    case 'empty-name':
      context.report({
        ...finding,
        message: l10n.t('An attribute list entry has no name: every entry is NAME=value. Add the name or remove the extra comma.'),
      });
      return;
    case 'unterminated-quote':
      context.report({ ...finding, message: l10n.t('This quoted string has no closing quote. Add the closing ".') });
      return;
    case 'text-after-quote':
      context.report({
        ...finding,
        message: l10n.t('Text follows the closing quote of a quoted string. Move it inside the quotes, or put a comma before it if it is another attribute.'),
      });
      return;
  }
}
