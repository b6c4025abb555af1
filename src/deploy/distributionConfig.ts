// live-origin.json -> the CloudFront DistributionConfig that fronts the namespace.
import type { CacheBehavior as SdkCacheBehavior, DistributionConfig } from '@aws-sdk/client-cloudfront';
import { MANAGED_CACHE_POLICIES, MANAGED_ORIGIN_REQUEST_POLICIES, MANAGED_RESPONSE_HEADERS_POLICIES } from '../config/cloudfrontPolicies';
import type { CacheBehavior, LiveOriginConfig } from '../config/model';
import { isLoopbackHost } from '../config/regions';

export const ORIGIN_ID = 'momento-media-storage';

type BehaviorSettings = Omit<SdkCacheBehavior, 'PathPattern'>;

function behaviorSettings({ cachePolicy, originRequestPolicy }: Omit<CacheBehavior, 'pathPattern'>): BehaviorSettings {
  // SimpleCORS on every behavior: web players on other origins (and the editor's webview) may
  // read playlists and segments; a public live stream has nothing to hide from other origins.
  const common = {
    TargetOriginId: ORIGIN_ID,
    ViewerProtocolPolicy: 'redirect-to-https' as const,
    ResponseHeadersPolicyId: MANAGED_RESPONSE_HEADERS_POLICIES.SimpleCORS,
  };
  const requestPolicy = originRequestPolicy && originRequestPolicy !== 'None'
    ? { OriginRequestPolicyId: MANAGED_ORIGIN_REQUEST_POLICIES[originRequestPolicy] }
    : {};
  if (typeof cachePolicy === 'string') {
    return { ...common, CachePolicyId: MANAGED_CACHE_POLICIES[cachePolicy].id, ...requestPolicy };
  }
  // Custom TTLs without creating a cache policy: CloudFront's legacy cache settings.
  return {
    ...common,
    ForwardedValues: { QueryString: originRequestPolicy === 'AllViewer', Cookies: { Forward: 'none' } },
    MinTTL: cachePolicy.minTtlSeconds,
    DefaultTTL: cachePolicy.defaultTtlSeconds,
    MaxTTL: cachePolicy.maxTtlSeconds,
  };
}

/** `playerKey` is the read-only key's value, read from secret storage just before the call. */
export function distributionConfig(config: LiveOriginConfig, callerReference: string, playerKey: string): DistributionConfig {
  const { cloudfront, momento } = config;
  const [host, port] = cloudfront.originDomain.split(':');
  const loopback = isLoopbackHost(host);
  return {
    CallerReference: callerReference,
    Comment: `live-origin ${momento.namespace}`,
    Enabled: true,
    Origins: {
      Quantity: 1,
      Items: [{
        Id: ORIGIN_ID,
        DomainName: host,
        OriginPath: cloudfront.originPath,
        CustomHeaders: { Quantity: 1, Items: [{ HeaderName: 'Authorization', HeaderValue: playerKey }] },
        CustomOriginConfig: {
          HTTPPort: loopback && port ? Number(port) : 80,
          HTTPSPort: 443,
          OriginProtocolPolicy: loopback ? 'http-only' : 'https-only',
          OriginSslProtocols: { Quantity: 1, Items: ['TLSv1.2'] },
        },
      }],
    },
    DefaultCacheBehavior: behaviorSettings(cloudfront.defaultBehavior) as DistributionConfig['DefaultCacheBehavior'],
    CacheBehaviors: {
      Quantity: cloudfront.behaviors.length,
      Items: cloudfront.behaviors.map((behavior) => ({ PathPattern: behavior.pathPattern, ...behaviorSettings(behavior) })),
    },
  };
}
