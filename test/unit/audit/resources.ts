// Real resource shapes for the audits: what the product's own builders send to MediaLive and
// CloudFront for the scaffolded guide workflow, changed one way at a time.
import type { CreateChannelCommandInput } from '@aws-sdk/client-medialive';
import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import type { LiveOriginConfig } from '../../../src/config/model';
import { createChannelRequest } from '../../../src/deploy/channelRequest';
import { distributionConfig } from '../../../src/deploy/distributionConfig';
import { fakeKey, guideConfig } from '../config/helpers';

export const ENDPOINT = 'api.cache.cell-4-us-west-2-1.prod.a.momentohq.com';
export const NAMESPACE = 'live-origin';
export const URL_BASE = `https://${ENDPOINT}/cache/${NAMESPACE}/playlist.m3u8`;
/** Assembled at run time: no key-like literal in the repo. */
export const ENCODER_KEY = fakeKey();
export const PLAYER_KEY = `${fakeKey()}-player`;

export const CHANNEL_CONTEXT = { momentoRestEndpoint: ENDPOINT, namespace: NAMESPACE, ttlSeconds: 3600 };
export const DISTRIBUTION_CONTEXT = { momentoRestEndpoint: ENDPOINT, namespace: NAMESPACE, segmentLengthSeconds: 2 };

export const URL_FIELD = 'Destinations[0].Settings[0].Url';
export const HLS_FIELD = 'EncoderSettings.OutputGroups[0].OutputGroupSettings.HlsGroupSettings';

/** The CreateChannel request for the guide workflow (credentials mode), after `change`. */
export function guideChannel(change: (config: LiveOriginConfig) => void = () => undefined): CreateChannelCommandInput {
  const config = guideConfig();
  change(config);
  const encoderKey = config.medialive.destination.publishMode === 'token-in-url' ? ENCODER_KEY : undefined;
  return createChannelRequest(config, { inputId: 'input-1', requestId: 'request-1', encoderKey });
}

export const setUrl = (url: string) => (config: LiveOriginConfig): void => {
  config.medialive.destination.url = url;
};

/** The DistributionConfig the product sends for the guide workflow, after `change`. */
export function guideDistribution(change: (config: LiveOriginConfig) => void = () => undefined): DistributionConfig {
  const config = guideConfig();
  change(config);
  return distributionConfig(config, 'caller-1', PLAYER_KEY);
}
