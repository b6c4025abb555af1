// The distribution verify goes through: `--distribution ID`, or the one whose Momento origin fronts
// the namespace (listed and read through injected CloudFront calls, so this stays pure), with the
// audit of its configuration that sharpens the causes of a failure through it.
import * as l10n from '@vscode/l10n';
import { auditDistribution, distributionFronts } from '../audit/distributionAudit';
import type { DistributionConfigShape } from '../audit/distributionShape';
import type { CdnTarget } from './verify';
import { playbackMasterUrl, type VerifyConfig } from './target';

export interface DistributionSummary {
  id: string;
  domainName: string;
  status: string;
  enabled: boolean;
}

export interface DistributionLookup {
  list(next?: string): Promise<{ items: DistributionSummary[]; next?: string }>;
  config(id: string): Promise<DistributionConfigShape>;
}

/** Past this many pages it is not an account anyone browses: stop rather than loop. */
const MAX_PAGES = 50;

interface Fronting {
  distribution: DistributionSummary;
  config: DistributionConfigShape;
}

async function frontingDistribution(lookup: DistributionLookup, config: VerifyConfig, wantedId?: string): Promise<Fronting | undefined> {
  const matches: Fronting[] = [];
  let next: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const listed = await lookup.list(next);
    for (const distribution of listed.items) {
      if (wantedId !== undefined) {
        if (distribution.id === wantedId) return { distribution, config: await lookup.config(distribution.id) };
        continue;
      }
      const distributionConfig = await lookup.config(distribution.id);
      if (distributionFronts(distributionConfig).namespace === config.namespace) matches.push({ distribution, config: distributionConfig });
    }
    next = listed.next;
    if (next === undefined) break;
  }
  // Several may front the namespace (another region's endpoint, a disabled old one): the best first.
  const score = ({ distribution, config: distributionConfig }: Fronting) =>
    (distributionFronts(distributionConfig).host?.toLowerCase() === config.restEndpoint.toLowerCase() ? 4 : 0)
    + (distribution.enabled ? 2 : 0) + (distribution.status === 'Deployed' ? 1 : 0);
  return matches.sort((a, b) => score(b) - score(a))[0];
}

/** CloudFront's side of verify: the master through the distribution found, or why there is none. */
export async function cdnTargetFor(lookup: DistributionLookup, config: VerifyConfig, options: { distributionId?: string; sandboxEdge?: string } = {}): Promise<CdnTarget & { distributionId?: string }> {
  const found = await frontingDistribution(lookup, config, options.distributionId);
  if (!found) {
    const problem = options.distributionId === undefined
      ? l10n.t('No CloudFront distribution has an origin with the path /cache/{0}.', config.namespace)
      : l10n.t('There is no distribution {0}.', options.distributionId);
    return {
      problem,
      causes: [l10n.t('Create the distribution (origin domain {0}, origin path /cache/{1}, Authorization header with the player key), or name one with --distribution or its playback URL with --playback-url.', config.restEndpoint, config.namespace)],
      fix: { setting: 'cloudfront.originPath' },
    };
  }
  const findings = auditDistribution(found.config, {
    namespace: config.namespace,
    momentoRestEndpoint: config.restEndpoint,
    segmentLengthSeconds: config.segmentLengthSeconds,
  }).map(({ code, message }) => ({ code, message }));
  return { masterUrl: playbackMasterUrl(found.distribution.domainName, config.manifestName, options.sandboxEdge), findings, distributionId: found.distribution.id };
}
