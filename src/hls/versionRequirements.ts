// The lowest EXT-X-VERSION each feature of a playlist needs (RFC 8216 section 7; EXT-X-DEFINE and
// EXT-X-SKIP from its low-latency revision).
import * as l10n from '@vscode/l10n';
import { extinfDuration } from './extinf';
import { tagNameSpan, type Attribute, type TagLine } from './playlistLines';

export interface VersionRequirement {
  version: number;
  /** What needs the version, for messages: a tag name or a short description. */
  feature: string;
  offset: number;
  length: number;
}

interface Span {
  offset: number;
  length: number;
}

const TAG_VERSIONS: ReadonlyMap<string, number> = new Map([
  ['EXT-X-BYTERANGE', 4],
  ['EXT-X-I-FRAMES-ONLY', 4],
  ['EXT-X-DEFINE', 8],
  ['EXT-X-SKIP', 9],
]);

const KEY_TAGS = new Set(['EXT-X-KEY', 'EXT-X-SESSION-KEY']);

/** The first feature needing the highest version, or undefined when version 1 suffices. */
export function highestVersionRequirement(tags: readonly TagLine[]): VersionRequirement | undefined {
  const iFramesOnly = tags.some((tag) => tag.name === 'EXT-X-I-FRAMES-ONLY');
  let highest: VersionRequirement | undefined;
  // The description is only built for a new highest, so a long playlist costs no string work per segment.
  const need = (version: number, at: Span, feature: () => string) => {
    if (!highest || version > highest.version) highest = { version, feature: feature(), offset: at.offset, length: at.length };
  };
  for (const tag of tags) {
    const byName = TAG_VERSIONS.get(tag.name);
    if (byName !== undefined) need(byName, tagNameSpan(tag), () => tag.name);
    if (tag.name === 'EXTINF') {
      if (highest && highest.version >= 3) continue;
      const duration = extinfDuration(tag);
      if (duration.seconds !== undefined && duration.text.includes('.')) {
        need(3, { offset: duration.offset, length: duration.text.length }, () => l10n.t('a decimal EXTINF duration'));
      }
    } else if (tag.name === 'EXT-X-MAP') {
      if (iFramesOnly) need(5, tagNameSpan(tag), () => 'EXT-X-MAP');
      else need(6, tagNameSpan(tag), () => l10n.t('EXT-X-MAP without EXT-X-I-FRAMES-ONLY'));
    } else if (KEY_TAGS.has(tag.name)) {
      for (const attribute of tag.attributes?.attributes ?? []) {
        if (attribute.name === 'IV') need(2, attributeSpan(attribute), () => attributeFeature(tag, attribute));
        if (attribute.name === 'KEYFORMAT' || attribute.name === 'KEYFORMATVERSIONS') {
          need(5, attributeSpan(attribute), () => attributeFeature(tag, attribute));
        }
      }
    } else if (tag.name === 'EXT-X-MEDIA') {
      for (const attribute of tag.attributes?.attributes ?? []) {
        if (attribute.name === 'INSTREAM-ID' && attribute.value.startsWith('SERVICE')) {
          need(7, attributeSpan(attribute), () => l10n.t('a SERVICE value of INSTREAM-ID'));
        }
      }
    }
  }
  return highest;
}

function attributeFeature(tag: TagLine, attribute: Attribute): string {
  return l10n.t('the {0} attribute of {1}', attribute.name, tag.name);
}

function attributeSpan(attribute: Attribute): Span {
  return { offset: attribute.nameOffset, length: attribute.valueOffset + attribute.raw.length - attribute.nameOffset };
}
