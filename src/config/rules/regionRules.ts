// Momento regions, the REST endpoint of the namespace's cell, and MediaLive's region.
import * as l10n from '@vscode/l10n';
import { isLoopbackHost, isMomentoRegion, MOMENTO_REGIONS, nearestMomentoRegion, restEndpointForRegion } from '../regions';
import type { Rule } from './rule';

export const momentoRegionRule: Rule = ({ doc, report }) => {
  const region = doc.string(['momento', 'region']);
  if (!region || isMomentoRegion(region.value)) return;
  const nearest = nearestMomentoRegion(region.value);
  report({
    code: 'momento-region-unknown',
    severity: 'error',
    at: region.node,
    message: nearest
      ? l10n.t('Momento has no cell in {0}. The nearest is {1}; Momento regions: {2}.', region.value, nearest, MOMENTO_REGIONS.join(', '))
      : l10n.t('Momento has no cell in {0}. Momento regions: {1}.', region.value, MOMENTO_REGIONS.join(', ')),
    fix: nearest ? doc.fix(l10n.t('Use {0}', nearest), [{ path: ['momento', 'region'], value: nearest }]) : undefined,
  });
};

export const momentoEndpointRule: Rule = ({ doc, report }) => {
  const endpoint = doc.string(['momento', 'restEndpoint']);
  const region = doc.string(['momento', 'region'])?.value;
  const expected = region === undefined ? undefined : restEndpointForRegion(region);
  if (!endpoint || !expected || isLoopbackHost(endpoint.value) || endpoint.value.toLowerCase() === expected) return;
  report({
    code: 'momento-endpoint-mismatch',
    severity: 'error',
    at: endpoint.node,
    message: l10n.t('{0} is not the REST endpoint of Momento\'s {1} cell; that is {2}.', endpoint.value, region ?? '', expected),
    fix: doc.fix(l10n.t('Use {0}', expected), [{ path: ['momento', 'restEndpoint'], value: expected }]),
  });
};

export const regionMismatchRule: Rule = ({ doc, report }) => {
  const medialive = doc.string(['medialive', 'region']);
  const momento = doc.string(['momento', 'region'])?.value;
  if (!medialive || momento === undefined || medialive.value === momento) return;
  report({
    code: 'region-mismatch',
    severity: 'warning',
    at: medialive.node,
    message: l10n.t('MediaLive runs in {0} but the Momento namespace is in {1}: every segment crosses regions, adding latency and transfer cost. Run both in the same region.', medialive.value, momento),
    fix: isMomentoRegion(momento)
      ? doc.fix(l10n.t('Run MediaLive in {0}', momento), [{ path: ['medialive', 'region'], value: momento }])
      : undefined,
  });
};
