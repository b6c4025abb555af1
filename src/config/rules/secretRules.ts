// API keys pasted into the file: live-origin.json is committed, keys belong in secret storage.
import * as l10n from '@vscode/l10n';
import { getNodePath, type Node } from 'jsonc-parser';
import { parseDestinationUrl, withoutParameter } from '../destinationUrl';
import { spanInString, type Rule } from './rule';

/**
 * Every key shape the product handles: Momento's JWTs (whole, though a short header like
 * `{"alg":"HS512"}` is under 30 characters) and v1 envelopes (base64 of `{"`, so `eyJ`), the
 * sandbox's envelopes (base64 of ` {"`, so `IHsi`) and the sandbox's signed inner keys
 * (`mlo1.<role>.<expiry>.<nonce>.<namespace>.<signature>`).
 */
export const KEY_SHAPE = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*|(?:eyJ|IHsi)[A-Za-z0-9+/_-]{30,}[A-Za-z0-9+/=_.-]*|mlo1\.(?:admin|rw|ro)\.\d+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{16,}/;
const PLACEHOLDER = /^(<[^>]*>|\$\{[^}]*\}|x+|\.\.\.)$/i;
/** A token value this long that is not a placeholder is a key, whatever its shape. */
const MIN_TOKEN_LENGTH = 16;
/** Past this many values the file is not a configuration anyone wrote by hand; stop looking. */
const MAX_NODES = 200_000;

export const secretLiteralRule: Rule = ({ doc, report }) => {
  const message = l10n.t('This looks like a Momento API key. live-origin.json is committed with your code: never put keys in it. Remove it and refer to the key by name (momento.keys); the extension keeps the key itself in the editor\'s secret storage.');
  const pending: Node[] = doc.root ? [doc.root] : [];
  for (let visited = 0; pending.length > 0 && visited < MAX_NODES; visited++) {
    const node = pending.pop()!;
    if (node.type === 'property') {
      if (node.children?.[1]) pending.push(node.children[1]);
    } else if (node.type === 'string') {
      checkString(node);
    } else {
      pending.push(...(node.children ?? []));
    }
  }

  function checkString(node: Node): void {
    const value = node.value as string;
    const token = parseDestinationUrlIfUrl(value)?.query.find((parameter) => parameter.name === 'token');
    if (token && token.value.length >= MIN_TOKEN_LENGTH && !PLACEHOLDER.test(token.value)) {
      report({
        code: 'secret-literal',
        severity: 'error',
        at: spanInString(doc, node, token.valueStart, token.end - token.valueStart),
        message,
        fix: doc.fix(l10n.t('Remove the key from the URL'), [{ path: getNodePath(node), value: withoutParameter(value, token) }]),
      });
      return;
    }
    const match = KEY_SHAPE.exec(value);
    if (match) report({ code: 'secret-literal', severity: 'error', at: spanInString(doc, node, match.index, match[0].length), message });
  }
};

function parseDestinationUrlIfUrl(value: string) {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) && value.includes('token=') ? parseDestinationUrl(value) : undefined;
}
