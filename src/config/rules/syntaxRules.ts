// What keeps the file from being read at all: broken JSON, an empty file, not an object.
import { t } from '@vscode/l10n';
import { ParseErrorCode } from 'jsonc-parser';
import type { Rule } from './rule';

const MAX_SYNTAX_FINDINGS = 20;

function describe(code: ParseErrorCode): string {
  switch (code) {
    case ParseErrorCode.CommaExpected: return t('A comma is missing between two values.');
    case ParseErrorCode.ColonExpected: return t('A colon is missing after a property name.');
    case ParseErrorCode.PropertyNameExpected: return t('A property name in double quotes is expected here.');
    case ParseErrorCode.ValueExpected: return t('A value is expected here.');
    case ParseErrorCode.CloseBraceExpected: return t('A closing brace is missing: the file may be cut short.');
    case ParseErrorCode.CloseBracketExpected: return t('A closing bracket is missing.');
    case ParseErrorCode.EndOfFileExpected: return t('Only one JSON object may stand in the file; remove what follows it.');
    case ParseErrorCode.UnexpectedEndOfString: return t('A string is not closed with a double quote.');
    case ParseErrorCode.UnexpectedEndOfNumber: return t('A number is cut short.');
    case ParseErrorCode.InvalidEscapeCharacter: return t('Invalid escape sequence in a string.');
    case ParseErrorCode.InvalidUnicode: return t('Invalid unicode escape in a string.');
    case ParseErrorCode.InvalidCharacter: return t('Invalid character in a string: control characters must be escaped.');
    default: return t('This is not valid JSON.');
  }
}

export const syntaxRule: Rule = ({ doc, report }) => {
  if (doc.text.trim() === '') {
    report({
      code: 'json-syntax',
      severity: 'error',
      at: { offset: 0, length: 0 },
      message: t('The file is empty. Run "Momento Live: Create live-origin.json" to write one.'),
    });
    return;
  }
  for (const error of doc.parseErrors.slice(0, MAX_SYNTAX_FINDINGS)) {
    report({ code: 'json-syntax', severity: 'error', at: { offset: error.offset, length: error.length }, message: describe(error.error) });
  }
  if (doc.root && doc.root.type !== 'object') {
    report({ code: 'json-syntax', severity: 'error', at: doc.root, message: t('live-origin.json must hold one JSON object.') });
  }
};
