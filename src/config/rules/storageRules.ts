// How long Momento keeps objects (TTL) and how much of the stream stays in hot storage.
import * as l10n from '@vscode/l10n';
import type { ConfigDocument } from '../configDocument';
import { bytesToMiB, estimateHotStorageBytes, formatMiB } from '../estimates';
import { playlistWindowSeconds, renditions } from '../streamFacts';
import type { Rule } from './rule';

export const ttlWindowRule: Rule = ({ doc, report }) => {
  const ttl = doc.number(['momento', 'ttlSeconds']);
  const segment = doc.positive(['stream', 'segmentLengthSeconds'])?.value;
  if (!ttl || segment === undefined) return;
  const playlistWindow = playlistWindowSeconds(doc, segment);
  const dvrWindow = doc.positive(['stream', 'dvrWindowSeconds'])?.value ?? 0;
  const window = Math.max(playlistWindow, dvrWindow);
  if (ttl.value >= window + segment) return;
  const needed = Math.ceil(window + segment);
  const which = dvrWindow > playlistWindow ? l10n.t('DVR window') : l10n.t('playlist window');
  report({
    code: 'ttl-shorter-than-window',
    severity: 'warning',
    at: ttl.node,
    message: l10n.t(
      'TTL {0} s is shorter than the {1} ({2} s) plus one segment: segments still listed in the playlist would expire and players get 404s. Use at least {3} s.',
      ttl.value,
      which,
      window,
      needed,
    ),
    fix: doc.fix(l10n.t('Set the TTL to {0} s', needed), [{ path: ['momento', 'ttlSeconds'], value: needed }]),
  });
};

export function hotStorageEstimateBytes(doc: ConfigDocument): number | undefined {
  const segment = doc.positive(['stream', 'segmentLengthSeconds'])?.value;
  const window = doc.positive(['momento', 'hotStorage', 'windowSeconds'])?.value;
  if (segment === undefined || window === undefined) return undefined;
  const bitrates = renditions(doc).flatMap((rendition) => (rendition.bitrateKbps ? [rendition.bitrateKbps.value] : []));
  return estimateHotStorageBytes(bitrates, segment, window);
}

export const hotStorageCapacityRule: Rule = ({ doc, report }) => {
  const capacity = doc.number(['momento', 'hotStorage', 'capacityMiB']);
  const needed = hotStorageEstimateBytes(doc);
  if (!capacity || needed === undefined || capacity.value >= bytesToMiB(needed)) return;
  const rounded = Math.ceil(bytesToMiB(needed));
  report({
    code: 'hot-storage-too-small',
    severity: 'warning',
    at: capacity.node,
    message: l10n.t(
      'Hot storage of {0} MiB holds less than the {1} the ladder needs for the configured window: older segments would be served from slower storage. Ask for at least {2} MiB.',
      capacity.value,
      formatMiB(needed),
      rounded,
    ),
    fix: doc.fix(l10n.t('Set the capacity to {0} MiB', rounded), [
      { path: ['momento', 'hotStorage', 'capacityMiB'], value: rounded },
    ]),
  });
};
