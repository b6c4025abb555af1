// What keeps the file from being read at all: broken JSON, an empty file, not an object.
import * as l10n from '@vscode/l10n';
import { ParseErrorCode } from 'jsonc-parser';
import type { Rule } from './rule';

const MAX_SYNTAX_FINDINGS = 20;

function describe(code: ParseErrorCode): string {
  switch (code) {
    case ParseErrorCode.CommaExpected: return l10n.t('A comma is missing between two values.');
    case ParseErrorCode.ColonExpected: return l10n.t('A colon is missing after a property name.');
    case ParseErrorCode.PropertyNameExpected: return l10n.t('A property name in double quotes is expected here.');
    case ParseErrorCode.ValueExpected: return l10n.t('A value is expected here.');
    case ParseErrorCode.CloseBraceExpected: return l10n.t('A closing brace is missing: the file may be cut short.');
    case ParseErrorCode.CloseBracketExpected: return l10n.t('A closing bracket is missing.');
    case ParseErrorCode.EndOfFileExpected: return l10n.t('Only one JSON object may stand in the file; remove what follows it.');
    case ParseErrorCode.UnexpectedEndOfString: return l10n.t('A string is not closed with a double quote.');
    case ParseErrorCode.UnexpectedEndOfNumber: return l10n.t('A number is cut short.');
    case ParseErrorCode.InvalidEscapeCharacter: return l10n.t('Invalid escape sequence in a string.');
    case ParseErrorCode.InvalidUnicode: return l10n.t('Invalid unicode escape in a string.');
    case ParseErrorCode.InvalidCharacter: return l10n.t('Invalid character in a string: control characters must be escaped.');
    default: return l10n.t('This is not valid JSON.');
  }
}

export const syntaxRule: Rule = ({ doc, report }) => {
  if (doc.text.trim() === '') {
    report({
      code: 'json-syntax',
      severity: 'error',
      at: { offset: 0, length: 0 },
      message: l10n.t('The file is empty. Run "Momento Live: Create live-origin.json" to write one.'),
    });
    return;
  }
  for (const error of doc.parseErrors.slice(0, MAX_SYNTAX_FINDINGS)) {
    report({ code: 'json-syntax', severity: 'error', at: { offset: error.offset, length: error.length }, message: describe(error.error) });
  }
  if (doc.root && doc.root.type !== 'object') {
    report({ code: 'json-syntax', severity: 'error', at: doc.root, message: l10n.t('live-origin.json must hold one JSON object.') });
  }
};
