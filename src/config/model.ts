// The shape of live-origin.json (schemas/live-origin.schema.json is its editor-facing twin).

export type PublishMode = 'credentials' | 'token-in-url';
export type CdnType = 'basic-put' | 'akamai';
export type ManagedCachePolicy = 'CachingDisabled' | 'CachingOptimized';
export type OriginRequestPolicy = 'None' | 'AllViewer' | 'AllViewerExceptHostHeader';

export interface Rendition {
  nameModifier: string;
  width: number;
  height: number;
  frameRate: number;
  bitrateKbps: number;
}

export interface CustomCachePolicy {
  minTtlSeconds: number;
  defaultTtlSeconds: number;
  maxTtlSeconds: number;
}

export interface CacheBehavior {
  pathPattern: string;
  cachePolicy: ManagedCachePolicy | CustomCachePolicy;
  originRequestPolicy?: OriginRequestPolicy;
}

export interface LiveOriginConfig {
  $schema?: string;
  momento: {
    region: string;
    restEndpoint: string;
    namespace: string;
    ttlSeconds: number;
    hotStorage?: { windowSeconds: number; capacityMiB?: number };
    /** Names under which the keys are kept in the editor's secret storage; never the keys. */
    keys: { encoder: string; player: string };
  };
  stream: {
    segmentLengthSeconds: number;
    gopSeconds?: number;
    dvrWindowSeconds?: number;
    ladder: Rendition[];
  };
  medialive: {
    region: string;
    channelName: string;
    roleArn?: string;
    input: { type: string; name: string; url?: string };
    manifestName: string;
    playlistSegments?: number;
    destination: {
      url: string;
      publishMode: PublishMode;
      username?: string;
      passwordParam?: string;
    };
    cdn: {
      type: CdnType;
      connectionRetryInterval?: number;
      numRetries?: number;
      filecacheDuration?: number;
      restartDelay?: number;
    };
  };
  cloudfront: {
    originDomain: string;
    originPath: string;
    authorizationKey?: string;
    defaultBehavior: Omit<CacheBehavior, 'pathPattern'>;
    behaviors: CacheBehavior[];
  };
}
