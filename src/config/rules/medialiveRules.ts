// MediaLive output settings that do not do what they appear to.
import * as l10n from '@vscode/l10n';
import type { Rule } from './rule';

export const basicPutRetriesRule: Rule = ({ doc, report }) => {
  if (doc.string(['medialive', 'cdn', 'type'])?.value !== 'basic-put') return;
  const retries = doc.node(['medialive', 'cdn', 'numRetries']);
  if (!retries) return;
  report({
    code: 'basic-put-retries-ignored',
    severity: 'info',
    at: retries,
    message: l10n.t('NumRetries only applies to S3 and MediaStore destinations; for Momento MediaLive always retries 3 times. Tune connectionRetryInterval and restartDelay instead.'),
    fix: doc.fix(l10n.t('Remove numRetries'), [{ path: ['medialive', 'cdn', 'numRetries'], value: undefined }]),
  });
};
