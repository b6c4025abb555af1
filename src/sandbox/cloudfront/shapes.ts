// What the XML alone cannot say about CloudFront's 2020-05-31 shapes: which elements are lists
// (and what their members are called) and which leaves are numbers or booleans. Taken from the
// service model (the SDK's schemas for DistributionConfig, Distribution, DistributionList and Tags).

export const XML_NAMESPACE = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';

/** `<Parent><Quantity/><Items><Member/>...</Items></Parent>`: Parent name -> Member name. */
export const ITEMS_MEMBER: Readonly<Record<string, string>> = {
  ActiveTrustedKeyGroups: 'KeyGroup',
  ActiveTrustedSigners: 'Signer',
  Aliases: 'CNAME',
  AllowedMethods: 'Method',
  CacheBehaviors: 'CacheBehavior',
  CachedMethods: 'Method',
  CustomErrorResponses: 'CustomErrorResponse',
  CustomHeaders: 'OriginCustomHeader',
  DistributionList: 'DistributionSummary',
  FunctionAssociations: 'FunctionAssociation',
  GeoRestriction: 'Location',
  Headers: 'Name',
  KeyPairIds: 'KeyPairId',
  LambdaFunctionAssociations: 'LambdaFunctionAssociation',
  Members: 'OriginGroupMember',
  OriginGroups: 'OriginGroup',
  OriginSslProtocols: 'SslProtocol',
  Origins: 'Origin',
  QueryStringCacheKeys: 'Name',
  StatusCodes: 'StatusCode',
  TagKeys: 'Key',
  Tags: 'Tag',
  TrustedKeyGroups: 'KeyGroup',
  TrustedSigners: 'AwsAccountNumber',
  WhitelistedNames: 'Name',
};

/** Lists written without an `Items` wrapper: element name -> member name. */
export const BARE_LIST_MEMBER: Readonly<Record<string, string>> = {
  AliasICPRecordals: 'AliasICPRecordal',
  ParameterDefinitions: 'member',
};

export const NUMBER_LEAVES: ReadonlySet<string> = new Set([
  'ConnectionAttempts', 'ConnectionTimeout', 'DefaultTTL', 'ErrorCachingMinTTL', 'ErrorCode', 'HTTPPort',
  'HTTPSPort', 'InProgressInvalidationBatches', 'MaxItems', 'MaxTTL', 'MinTTL', 'OriginKeepaliveTimeout',
  'OriginReadTimeout', 'Quantity', 'ResponseCompletionTimeout', 'StatusCode',
]);

export const BOOLEAN_LEAVES: ReadonlySet<string> = new Set([
  'AdvertiseTrustStoreCaNames', 'CloudFrontDefaultCertificate', 'Compress', 'Enabled', 'IgnoreCertificateExpiry',
  'IncludeBody', 'IncludeCookies', 'IsIPV6Enabled', 'IsTruncated', 'QueryString', 'Required', 'SmoothStreaming',
  'Staging',
]);
