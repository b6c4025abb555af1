// EXT-X-TARGETDURATION present, a whole number, and at least every EXTINF rounded (RFC 8216 4.3.3.1);
// and every EXTINF duration a number.
import * as l10n from '@vscode/l10n';
import type { Fix, TextEdit } from '../../findings/finding';
import { extinfDuration, roundedSeconds, type ExtinfDuration } from '../extinf';
import { tagNameSpan, type TagLine } from '../playlistLines';
import { decimalFloat, decimalInteger } from '../values';
import { excerpt, firstTag, headerTag, insertLineAfterHeader, type LintContext, type LintRule } from './context';

export const targetDurationRules: LintRule = (context) => {
  const durations = context.tags.filter((tag) => tag.name === 'EXTINF').map(extinfDuration);
  reportInvalidDurations(context, durations);
  const longest = longestRounded(durations);
  const proposal = longest !== undefined && Number.isSafeInteger(longest) ? longest : undefined;
  const target = firstTag(context, 'EXT-X-TARGETDURATION');
  if (!target) {
    if (context.kind.kind === 'media') reportMissing(context, proposal);
    return;
  }
  const seconds = decimalInteger(target.value);
  if (seconds === undefined) {
    reportInvalid(context, target, proposal);
    return;
  }
  if (longest === undefined || longest <= seconds) return;
  const fix: Fix | undefined = proposal === undefined ? undefined : {
    title: l10n.t('Set EXT-X-TARGETDURATION to {0}', proposal),
    edits: [setTargetValue(target, String(proposal))],
  };
  for (const duration of durations) {
    if (duration.seconds === undefined) continue;
    const rounded = roundedSeconds(duration.seconds);
    if (rounded <= seconds) continue;
    context.report({
      code: 'hls-extinf-exceeds-target',
      severity: 'error',
      message: l10n.t(
        'This segment lasts {0} s, which rounds to {1} s, more than EXT-X-TARGETDURATION ({2} s); RFC 8216 forbids it and players may stall or reload too late. Raise EXT-X-TARGETDURATION to {3}, or make the encoder cut shorter segments.',
        excerpt(duration.text),
        rounded,
        seconds,
        longest,
      ),
      offset: duration.offset,
      length: duration.text.length,
      ...(fix ? { fix } : {}),
    });
  }
};

/** The longest EXTINF duration rounded to the nearest second, at least 1; undefined without any. */
function longestRounded(durations: readonly ExtinfDuration[]): number | undefined {
  let longest: number | undefined;
  for (const { seconds } of durations) {
    if (seconds === undefined) continue;
    const rounded = roundedSeconds(seconds);
    if (longest === undefined || rounded > longest) longest = rounded;
  }
  return longest === undefined ? undefined : Math.max(1, longest);
}

function reportInvalidDurations(context: LintContext, durations: readonly ExtinfDuration[]): void {
  for (const duration of durations) {
    if (duration.seconds !== undefined) continue;
    const empty = duration.text.length === 0;
    context.report({
      code: 'hls-extinf-invalid',
      severity: 'error',
      message: empty
        ? l10n.t('EXTINF has no duration. Write the segment duration in seconds after the colon, such as 2.000.')
        : l10n.t('The EXTINF duration "{0}" is not a non-negative decimal number of seconds. Write the segment duration in seconds, such as 2.000.', excerpt(duration.text)),
      offset: duration.offset,
      length: duration.text.length,
    });
  }
}

function reportMissing(context: LintContext, longest: number | undefined): void {
  const header = headerTag(context);
  const at = header ? tagNameSpan(header) : { offset: context.parsed.hasBom ? 1 : 0, length: 0 };
  const finding = {
    code: 'hls-target-duration-missing',
    severity: 'error' as const,
    offset: at.offset,
    length: at.length,
  };
  if (longest === undefined) {
    context.report({
      ...finding,
      message: l10n.t('This media playlist has no EXT-X-TARGETDURATION tag, which RFC 8216 requires; players use it to schedule reloads. Add #EXT-X-TARGETDURATION with the longest segment duration, rounded to the nearest second, after #EXTM3U.'),
    });
    return;
  }
  context.report({
    ...finding,
    message: l10n.t('This media playlist has no EXT-X-TARGETDURATION tag, which RFC 8216 requires; players use it to schedule reloads. Add #EXT-X-TARGETDURATION:{0} after #EXTM3U.', longest),
    fix: {
      title: l10n.t('Add #EXT-X-TARGETDURATION:{0}', longest),
      edits: [insertLineAfterHeader(context, `#EXT-X-TARGETDURATION:${longest}`)],
    },
  });
}

function reportInvalid(context: LintContext, target: TagLine, longest: number | undefined): void {
  const value = target.value ?? '';
  const at = value.length > 0 ? { offset: target.valueOffset, length: value.length } : tagNameSpan(target);
  const written = decimalFloat(value);
  const fromValue = written === undefined || !Number.isSafeInteger(roundedSeconds(written)) ? undefined : Math.max(1, roundedSeconds(written));
  const replacement = longest === undefined ? fromValue : Math.max(longest, fromValue ?? 0);
  const problem = value.length > 0
    ? l10n.t('EXT-X-TARGETDURATION must be a whole number of seconds, but it is "{0}".', excerpt(value))
    : l10n.t('EXT-X-TARGETDURATION has no value; it must be a whole number of seconds.');
  const finding = { code: 'hls-target-duration-invalid', severity: 'error' as const, offset: at.offset, length: at.length };
  if (replacement === undefined) {
    context.report({ ...finding, message: `${problem} ${l10n.t('Write the longest segment duration, rounded to the nearest second.')}` });
    return;
  }
  context.report({
    ...finding,
    message: `${problem} ${l10n.t('Set it to {0}.', replacement)}`,
    fix: { title: l10n.t('Set EXT-X-TARGETDURATION to {0}', replacement), edits: [setTargetValue(target, String(replacement))] },
  });
}

function setTargetValue(target: TagLine, value: string): TextEdit {
  if (target.value === undefined) return { offset: target.valueOffset, length: 0, newText: `:${value}` };
  return { offset: target.valueOffset, length: target.value.length, newText: value };
}
