// Name modifiers: unique, and giving variant playlist names the CloudFront behaviors expect.
import * as l10n from '@vscode/l10n';
import { behaviorsInOrder } from '../cloudfrontBehaviors';
import { matchesPathPattern } from '../pathPattern';
import { manifestName, renditions } from '../streamFacts';
import type { Rule } from './rule';

/** MediaLive accepts more, but anything else breaks URLs or CloudFront patterns. */
const SAFE_MODIFIER = /^[A-Za-z0-9_-]+$/;

export const nameModifierDuplicateRule: Rule = ({ doc, report }) => {
  const seen = new Set<string>();
  for (const { nameModifier } of renditions(doc)) {
    if (!nameModifier) continue;
    if (seen.has(nameModifier.value)) {
      report({
        code: 'name-modifier-duplicate',
        severity: 'error',
        at: nameModifier.node,
        message: l10n.t(
          'Name modifier "{0}" is used by another rendition: both would write the same playlist and segments and overwrite each other. Give each rendition its own modifier, such as "_720p30".',
          nameModifier.value,
        ),
      });
    }
    seen.add(nameModifier.value);
  }
};

export const nameModifierPatternRule: Rule = ({ doc, report }) => {
  const manifest = manifestName(doc);
  const variantPatterns = behaviorsInOrder(doc)
    .map((behavior) => behavior.pathPattern)
    .filter((pattern): pattern is string => pattern !== undefined && pattern.endsWith('.m3u8'));
  const patterns = variantPatterns.length > 0 ? variantPatterns : [`${manifest}_*.m3u8`];
  for (const { index, nameModifier } of renditions(doc)) {
    if (!nameModifier) continue;
    const modifier = nameModifier.value;
    if (!SAFE_MODIFIER.test(modifier)) {
      report({
        code: 'name-modifier-pattern',
        severity: 'error',
        at: nameModifier.node,
        message: l10n.t(
          'Name modifier "{0}" may only use letters, digits, "_" and "-": other characters end up in playlist and segment URLs.',
          modifier,
        ),
      });
      continue;
    }
    const variant = `${manifest}${modifier}.m3u8`;
    if (patterns.some((pattern) => matchesPathPattern(pattern, variant))) continue;
    const prefixed = `_${modifier}`;
    const prefixFits = patterns.some((pattern) => matchesPathPattern(pattern, `${manifest}${prefixed}.m3u8`));
    report({
      code: 'name-modifier-pattern',
      severity: 'warning',
      at: nameModifier.node,
      message: l10n.t(
        'The variant playlist would be named "{0}", which the CloudFront pattern {1} does not match: it would fall to the default behavior. Use a modifier like "_720p30".',
        variant,
        patterns.map((pattern) => `"${pattern}"`).join(', '),
      ),
      fix: prefixFits
        ? doc.fix(l10n.t('Change the modifier to "{0}"', prefixed), [
            { path: ['stream', 'ladder', index, 'nameModifier'], value: prefixed },
          ])
        : undefined,
    });
  }
};
