// hls-version-too-low: EXT-X-VERSION below what the playlist's features need.
import * as l10n from '@vscode/l10n';
import { decimalInteger } from '../values';
import { highestVersionRequirement } from '../versionRequirements';
import { firstTag, insertLineAfterHeader, type LintRule } from './context';

export const versionRule: LintRule = (context) => {
  const required = highestVersionRequirement(context.tags);
  if (!required) return;
  const tag = firstTag(context, 'EXT-X-VERSION');
  if (!tag) {
    context.report({
      code: 'hls-version-too-low',
      severity: 'warning',
      message: l10n.t('This playlist has no EXT-X-VERSION tag, so it claims version 1, but {0} needs version {1} or higher. Add #EXT-X-VERSION:{1} after #EXTM3U.', required.feature, required.version),
      offset: required.offset,
      length: required.length,
      fix: {
        title: l10n.t('Add #EXT-X-VERSION:{0}', required.version),
        edits: [insertLineAfterHeader(context, `#EXT-X-VERSION:${required.version}`)],
      },
    });
    return;
  }
  const declared = decimalInteger(tag.value);
  if (declared === undefined || declared >= required.version || tag.value === undefined) return;
  context.report({
    code: 'hls-version-too-low',
    severity: 'warning',
    message: l10n.t('EXT-X-VERSION is {0}, but {1} needs version {2} or higher; players may refuse or misread the playlist. Set EXT-X-VERSION to {2}.', declared, required.feature, required.version),
    offset: tag.valueOffset,
    length: tag.value.length,
    fix: {
      title: l10n.t('Set EXT-X-VERSION to {0}', required.version),
      edits: [{ offset: tag.valueOffset, length: tag.value.length, newText: String(required.version) }],
    },
  });
};
