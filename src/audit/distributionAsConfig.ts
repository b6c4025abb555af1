// A distribution's Momento origin and cache behaviors, read as the live-origin.json sections they
// amount to (cloudfront, plus what the caller knows of momento and the stream).
import { MANAGED_CACHE_POLICIES, type ManagedCachePolicyName } from '../config/cloudfrontPolicies';
import { LADDER_PRESETS } from '../config/scaffold';
import { FieldMap } from './auditAsConfig';
import type { MomentoOrigin } from './distributionOrigin';
import type { CacheBehaviorShape, DistributionConfigShape } from './distributionShape';
import { namespaceOfPath } from './momentoAddress';
import type { PublishedStream } from './publishedStream';

export interface DistributionAuditContext extends PublishedStream {
  /** The namespace's Momento REST endpoint (`host` or loopback `host:port`). */
  momentoRestEndpoint?: string;
  namespace?: string;
  /** The Authorization header carries the read-write encoder key (the caller compared the keys). */
  playerKeyIsEncoderKey?: boolean;
}

// Stand-ins for the key names live-origin.json refers to: the header's value is never read into the section.
const ENCODER_KEY = 'encoder key';
const PLAYER_KEY = 'player key';
/** Without the channel's renditions, sample names from the guide's ladder to probe the behaviors. */
const SAMPLE_NAME_MODIFIERS = LADDER_PRESETS[0].ladder.map((rendition) => rendition.nameModifier);

export function distributionAsConfig(config: DistributionConfigShape, { origin, host, field }: MomentoOrigin, context: DistributionAuditContext): { section: object; fields: FieldMap } {
  // A missing origin path is reported on the cloudfront section, which the root field stands for: the origin.
  const fields = new FieldMap(field)
    .set(['cloudfront', 'originDomain'], `${field}.DomainName`)
    .set(['cloudfront', 'originPath'], `${field}.OriginPath`)
    .set(['cloudfront', 'authorizationKey'], `${field}.CustomHeaders`)
    .set(['cloudfront', 'defaultBehavior'], 'DefaultCacheBehavior');
  const hasAuthorization = (origin.CustomHeaders?.Items ?? [])
    .some((header) => header.HeaderName?.toLowerCase() === 'authorization' && (header.HeaderValue ?? '').trim() !== '');
  const defaultBehavior = { cachePolicy: cachePolicyOf(config.DefaultCacheBehavior ?? {}, 'DefaultCacheBehavior', ['cloudfront', 'defaultBehavior'], fields) };
  const behaviors = (config.CacheBehaviors?.Items ?? []).map((behavior, index) => {
    const behaviorField = `CacheBehaviors.Items[${index}]`;
    fields.set(['cloudfront', 'behaviors', index], behaviorField);
    return { pathPattern: behavior.PathPattern, cachePolicy: cachePolicyOf(behavior, behaviorField, ['cloudfront', 'behaviors', index], fields) };
  });
  const section = {
    momento: {
      restEndpoint: context.momentoRestEndpoint,
      namespace: context.namespace ?? namespaceOfPath(origin.OriginPath ?? ''),
      keys: { encoder: ENCODER_KEY, player: PLAYER_KEY },
    },
    stream: {
      segmentLengthSeconds: context.segmentLengthSeconds,
      ladder: (context.nameModifiers ?? SAMPLE_NAME_MODIFIERS).map((nameModifier) => ({ nameModifier })),
    },
    medialive: { manifestName: context.manifestName },
    cloudfront: {
      originDomain: host,
      // CloudFront spells "no origin path" as an empty string.
      originPath: origin.OriginPath || undefined,
      authorizationKey: hasAuthorization ? (context.playerKeyIsEncoderKey ? ENCODER_KEY : PLAYER_KEY) : '',
      defaultBehavior,
      behaviors,
    },
  };
  return { section, fields };
}

/** A managed policy by name, a legacy TTL triple, or an id the rules cannot read the TTLs of. */
function cachePolicyOf(behavior: CacheBehaviorShape, behaviorField: string, path: (string | number)[], fields: FieldMap): unknown {
  if (behavior.CachePolicyId !== undefined) {
    fields.set([...path, 'cachePolicy'], `${behaviorField}.CachePolicyId`);
    return managedPolicyName(behavior.CachePolicyId) ?? behavior.CachePolicyId;
  }
  if (behavior.DefaultTTL === undefined) return undefined;
  fields.set([...path, 'cachePolicy'], `${behaviorField}.DefaultTTL`);
  return {
    minTtlSeconds: behavior.MinTTL ?? 0,
    defaultTtlSeconds: behavior.DefaultTTL,
    maxTtlSeconds: behavior.MaxTTL ?? behavior.DefaultTTL,
  };
}

function managedPolicyName(id: string): ManagedCachePolicyName | undefined {
  return (Object.keys(MANAGED_CACHE_POLICIES) as ManagedCachePolicyName[]).find((name) => MANAGED_CACHE_POLICIES[name].id === id);
}
