// The parts of CloudFront's GetDistributionConfig `DistributionConfig` the distribution audit reads,
// as @aws-sdk/client-cloudfront returns them. Declared here so the pure core needs no SDK; an SDK
// DistributionConfig is assignable to DistributionConfigShape.

export interface OriginShape {
  Id?: string;
  DomainName?: string;
  OriginPath?: string;
  /** HeaderValue of Authorization is the player key: read for presence only, never copied. */
  CustomHeaders?: { Items?: readonly { HeaderName?: string; HeaderValue?: string }[] };
  CustomOriginConfig?: { HTTPPort?: number };
}

export interface CacheBehaviorShape {
  TargetOriginId?: string;
  CachePolicyId?: string;
  /** CloudFront's legacy cache settings, used when the behavior has no cache policy. */
  MinTTL?: number;
  DefaultTTL?: number;
  MaxTTL?: number;
}

export interface PathCacheBehaviorShape extends CacheBehaviorShape {
  PathPattern?: string;
}

export interface DistributionConfigShape {
  Origins?: { Items?: readonly OriginShape[] };
  DefaultCacheBehavior?: CacheBehaviorShape;
  CacheBehaviors?: { Items?: readonly PathCacheBehaviorShape[] };
}
