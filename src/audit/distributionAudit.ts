// A real CloudFront distribution judged by the editor's rules: the same codes and messages as in
// live-origin.json, pointed at the distribution's fields.
import { auditAsConfig } from './auditAsConfig';
import type { AuditFinding } from './auditFinding';
import { distributionAsConfig, type DistributionAuditContext } from './distributionAsConfig';
import { momentoOrigin } from './distributionOrigin';
import type { DistributionConfigShape } from './distributionShape';
import { namespaceOfPath, type MomentoAddress } from './momentoAddress';

export type { DistributionAuditContext } from './distributionAsConfig';

const DISTRIBUTION_CODES: ReadonlySet<string> = new Set([
  'cloudfront-origin-domain',
  'cloudfront-origin-path',
  'cloudfront-authorization-missing',
  'cloudfront-authorization-encoder-key',
  'cloudfront-manifest-cached-too-long',
  'cloudfront-segments-not-cached',
]);

/**
 * No findings for a distribution with no Momento origin: it is not part of this workflow.
 * Without `segmentLengthSeconds` the playlists' edge TTL cannot be judged and is not.
 */
export function auditDistribution(config: DistributionConfigShape, context: DistributionAuditContext = {}): AuditFinding[] {
  const origin = momentoOrigin(config, context.momentoRestEndpoint);
  if (!origin) return [];
  const { section, fields } = distributionAsConfig(config, origin, context);
  return auditAsConfig(section, fields, DISTRIBUTION_CODES);
}

/** The namespace and REST endpoint host the distribution's Momento origin reads from. */
export function distributionFronts(config: DistributionConfigShape): MomentoAddress {
  const origin = momentoOrigin(config);
  return origin ? { namespace: namespaceOfPath(origin.origin.OriginPath ?? ''), host: origin.host } : {};
}
