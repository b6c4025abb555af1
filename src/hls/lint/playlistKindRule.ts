// hls-tag-wrong-playlist: master tags in a media playlist, media tags in a master playlist (RFC 8216 4.1).
import * as l10n from '@vscode/l10n';
import { tagNameSpan } from '../playlistLines';
import { MASTER_TAGS, MEDIA_TAGS } from '../tags';
import { deleteLine, type LintRule } from './context';

/** Tags followed by a URI line: removing the tag alone would leave that URI behind. */
const URI_PAIRED = new Set(['EXTINF', 'EXT-X-STREAM-INF']);

export const playlistKindRule: LintRule = (context) => {
  const { kind, masterTags, mediaTags } = context.kind;
  if (kind === 'unknown') return;
  const stray = kind === 'master' ? MEDIA_TAGS : MASTER_TAGS;
  for (const tag of context.tags) {
    if (!stray.has(tag.name)) continue;
    const message = kind === 'master'
      ? l10n.t('{0} belongs in a media playlist, but this is a master playlist ({1} master tags against {2} media tags). Move it to the variant playlist it describes, or remove it.', tag.name, masterTags, mediaTags)
      : l10n.t('{0} belongs in a master playlist, but this is a media playlist ({1} media tags against {2} master tags). Move it to the master playlist, or remove it.', tag.name, mediaTags, masterTags);
    const span = tagNameSpan(tag);
    context.report({
      code: 'hls-tag-wrong-playlist',
      severity: 'error',
      message,
      offset: span.offset,
      length: span.length,
      ...(URI_PAIRED.has(tag.name) ? {} : { fix: { title: l10n.t('Remove {0}', tag.name), edits: [deleteLine(context, tag)] } }),
    });
  }
};
