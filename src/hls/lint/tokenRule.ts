// hls-token-in-uri: a Momento API key in a token= query parameter is readable by every viewer of the playlist.
import * as l10n from '@vscode/l10n';
import { tokenValueSpans } from '../tokenParams';
import type { LintContext, LintRule } from './context';

export const tokenRule: LintRule = (context) => {
  for (const line of context.parsed.lines) {
    if (line.kind === 'uri') {
      reportTokens(context, line.uri, line.offset);
    } else if (line.kind === 'tag') {
      for (const attribute of line.attributes?.attributes ?? []) {
        if (attribute.quoted && (attribute.name === 'URI' || attribute.name.endsWith('-URI'))) {
          reportTokens(context, attribute.value, attribute.valueOffset + 1);
        }
      }
    }
  }
};

function reportTokens(context: LintContext, uri: string, offset: number): void {
  for (const span of tokenValueSpans(uri)) {
    context.report({
      code: 'hls-token-in-uri',
      severity: 'warning',
      message: l10n.t('This URI carries an API key in its token= parameter, so every viewer who loads the playlist gets the key. MediaLive writes it here when its destination URL contains token=. Publish with credentials mode instead (Username plus PasswordParam in the MediaLive destination), then revoke this key.'),
      offset: offset + span.start,
      length: span.length,
    });
  }
}
