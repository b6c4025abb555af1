// Everything that talks to Momento or AWS, as the extension loads it: on first use, from its own
// bundle (dist/cloud.js), so activation never pays for an SDK.
export { describeChannel, listChannels, startChannel, stopChannel } from './medialive';
export { distributionConfig, listDistributions } from './cloudfront';
export { createNamespace, deleteNamespace, listNamespaces, liveStatus, MomentoFailure } from './momento';
export { awsCredentialProvider, listProfiles, resolveRegion } from './awsCredentials';
export { describeAwsFailure } from './awsFailure';
export { mintEncoderAndPlayerKeys } from './momentoMint';
export { deployServices } from './deployServices';
