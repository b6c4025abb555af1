// Values several rules and hovers derive from the stream section, read once per document.
import type { Node } from 'jsonc-parser';
import type { ConfigDocument, Located } from './configDocument';

export interface RenditionFacts {
  index: number;
  node: Node;
  nameModifier?: Located<string>;
  bitrateKbps?: Located<number>;
}

export const DEFAULT_PLAYLIST_SEGMENTS = 10;
export const DEFAULT_MANIFEST_NAME = 'playlist';

export function renditions(doc: ConfigDocument): RenditionFacts[] {
  return doc.items(['stream', 'ladder']).map((node, index) => ({
    index,
    node,
    nameModifier: doc.string(['stream', 'ladder', index, 'nameModifier']),
    bitrateKbps: doc.positive(['stream', 'ladder', index, 'bitrateKbps']),
  }));
}

export function manifestName(doc: ConfigDocument): string {
  return doc.string(['medialive', 'manifestName'])?.value ?? DEFAULT_MANIFEST_NAME;
}

/** Seconds a segment stays listed in the live playlist. */
export function playlistWindowSeconds(doc: ConfigDocument, segmentSeconds: number): number {
  const segments = doc.positive(['medialive', 'playlistSegments'])?.value ?? DEFAULT_PLAYLIST_SEGMENTS;
  return segments * segmentSeconds;
}
