// Hover text for live-origin.json: the arithmetic behind segment sizes, hot storage and the TTL.
import * as l10n from '@vscode/l10n';
import { findNodeAtOffset, getNodePath, type JSONPath } from 'jsonc-parser';
import { ConfigDocument } from './configDocument';
import { parseDestinationUrl, safeDecode } from './destinationUrl';
import { estimateSegmentBytes, formatBytes, formatMiB, MOMENTO_MAX_OBJECT_BYTES } from './estimates';
import { regionOfRestEndpoint } from './regions';
import { hotStorageEstimateBytes } from './rules/storageRules';
import { playlistWindowSeconds, renditions } from './streamFacts';

export interface HoverResult {
  markdown: string;
  offset: number;
  length: number;
}

export function hoverAt(text: string, offset: number): HoverResult | undefined {
  const doc = new ConfigDocument(text);
  const node = doc.root && findNodeAtOffset(doc.root, offset);
  if (!node) return undefined;
  const path = getNodePath(node);
  const markdown = hoverFor(doc, path);
  return markdown === undefined ? undefined : { markdown, offset: node.offset, length: node.length };
}

function hoverFor(doc: ConfigDocument, path: JSONPath): string | undefined {
  const [section, key, index] = path;
  if (section === 'stream' && key === 'ladder' && typeof index === 'number') return renditionHover(doc, index);
  if (section === 'stream' && key === 'segmentLengthSeconds') return ladderTable(doc);
  if (section === 'momento' && key === 'hotStorage') return hotStorageHover(doc);
  if (section === 'momento' && key === 'ttlSeconds') return ttlHover(doc);
  if (section === 'medialive' && key === 'destination' && path[2] === 'url') return destinationHover(doc);
  return undefined;
}

function segmentSeconds(doc: ConfigDocument): number | undefined {
  return doc.positive(['stream', 'segmentLengthSeconds'])?.value;
}

function sizeLine(kbps: number, seconds: number): string {
  const bytes = estimateSegmentBytes(kbps, seconds);
  const share = ((bytes / MOMENTO_MAX_OBJECT_BYTES) * 100).toFixed(1);
  return l10n.t('{0} kbps / 8 × {1} s × 1.1 = **{2}** ({3}% of the 10 MB object limit)', kbps, seconds, formatBytes(bytes), share);
}

function renditionHover(doc: ConfigDocument, index: number): string | undefined {
  const seconds = segmentSeconds(doc);
  const rendition = renditions(doc)[index];
  if (seconds === undefined || !rendition?.bitrateKbps) return undefined;
  return `**${l10n.t('Estimated segment size')}**\n\n${sizeLine(rendition.bitrateKbps.value, seconds)}`;
}

function ladderTable(doc: ConfigDocument): string | undefined {
  const seconds = segmentSeconds(doc);
  if (seconds === undefined) return undefined;
  const rows = renditions(doc).flatMap(({ nameModifier, bitrateKbps }) =>
    bitrateKbps ? [`| ${nameModifier?.value ?? ''} | ${sizeLine(bitrateKbps.value, seconds)} |`] : []);
  if (rows.length === 0) return undefined;
  return [`**${l10n.t('Estimated segment size per rendition')}**`, '', `| ${l10n.t('Rendition')} | ${l10n.t('Size')} |`, '|---|---|', ...rows].join('\n');
}

function hotStorageHover(doc: ConfigDocument): string | undefined {
  const bytes = hotStorageEstimateBytes(doc);
  const seconds = segmentSeconds(doc);
  const window = doc.positive(['momento', 'hotStorage', 'windowSeconds'])?.value;
  if (bytes === undefined || seconds === undefined || window === undefined) return undefined;
  const sizes = renditions(doc).flatMap(({ bitrateKbps }) =>
    bitrateKbps ? [formatBytes(estimateSegmentBytes(bitrateKbps.value, seconds))] : []);
  return [
    `**${l10n.t('Hot storage estimate')}**`,
    '',
    l10n.t('({0}) × {1} s / {2} s = **{3}**', sizes.join(' + '), window, seconds, formatMiB(bytes)),
    '',
    l10n.t('One segment of every rendition per segment period, for the whole window.'),
  ].join('\n');
}

function ttlHover(doc: ConfigDocument): string | undefined {
  const seconds = segmentSeconds(doc);
  const ttl = doc.number(['momento', 'ttlSeconds'])?.value;
  if (seconds === undefined || ttl === undefined) return undefined;
  const window = playlistWindowSeconds(doc, seconds);
  return l10n.t('Playlist window: {0} s ({1} segments × {2} s). Objects live {3} s, so a segment stays readable {4} s after it leaves the playlist.',
    window, window / seconds, seconds, ttl, Math.max(0, ttl - window));
}

function destinationHover(doc: ConfigDocument): string | undefined {
  const url = doc.string(['medialive', 'destination', 'url'])?.value;
  const parsed = url === undefined ? undefined : parseDestinationUrl(url);
  if (!parsed) return undefined;
  const region = regionOfRestEndpoint(parsed.url.host);
  const [, , namespace, ...key] = parsed.url.pathname.split('/');
  const query = parsed.query.map((p) => `\`${p.name}=${p.name === 'token' ? '…' : p.value}\``).join(', ');
  return [
    `**${l10n.t('Destination')}**`,
    '',
    `- ${l10n.t('Host: {0}', `\`${parsed.url.host}\``)}${region ? ` (${l10n.t('Momento {0}', region)})` : ''}`,
    `- ${l10n.t('Namespace: {0}', `\`${safeDecode(namespace ?? '')}\``)}`,
    `- ${l10n.t('Master playlist key: {0}', `\`${safeDecode(key.join('/'))}\``)}`,
    `- ${l10n.t('Query: {0}', query || '—')}`,
  ].join('\n');
}
