// live-origin.json (and the keys it names) -> what should exist in each service: the requests
// apply would send to create it, with the tags and idempotency tokens that find it again.
import { createHash } from 'node:crypto';
import type { CreateChannelRequest, CreateInputRequest } from '@aws-sdk/client-medialive';
import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import type { LiveOriginConfig } from '../config/model';
import { createChannelRequest } from './channelRequest';
import { distributionConfig } from './distributionConfig';
import type { Tags } from './services';

/** The tag every resource apply creates carries; its value is the namespace it serves. */
export const NAMESPACE_TAG = 'live-origin:namespace';

export interface DeployKeys {
  /** The read-write key MediaLive publishes with (SSM parameter value, or the URL's token). */
  encoderKey: string;
  /** The read-only key CloudFront sends to the origin in its Authorization header. */
  playerKey: string;
}

export interface DesiredState {
  namespace: string;
  /** Only in credentials mode: MediaLive reads the encoder key from this SecureString. */
  parameter?: { name: string; value: string };
  input: CreateInputRequest & { Name: string };
  /** Without InputAttachments' InputId, which is known once the input exists. */
  channel: CreateChannelRequest & { Name: string };
  distribution: DistributionConfig;
  tags: Tags;
  /** Values plans and reports must never print. */
  secrets: string[];
}

const PUSH_TYPES = new Set(['RTMP_PUSH', 'RTP_PUSH', 'UDP_PUSH', 'URL_PUSH']);

/** A short, stable digest: the same configuration always yields the same token. */
function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 24);
}

function inputRequest(config: LiveOriginConfig, tags: Tags): CreateInputRequest & { Name: string } {
  const { input } = config.medialive;
  const source = PUSH_TYPES.has(input.type)
    ? { Destinations: [{ StreamName: `${config.momento.namespace}/live` }] }
    : { Sources: input.url ? [{ Url: input.url }] : [] };
  return {
    Name: input.name,
    Type: input.type as CreateInputRequest['Type'],
    ...source,
    Tags: tags,
    RequestId: `live-origin-${digest('input', config.momento.namespace, input.name, input.type, input.url ?? '')}`,
  };
}

export function desiredState(config: LiveOriginConfig, keys: DeployKeys): DesiredState {
  const { namespace } = config.momento;
  const tags = { [NAMESPACE_TAG]: namespace };
  const { destination } = config.medialive;
  const credentialsMode = destination.publishMode === 'credentials';
  const channel = createChannelRequest(config, {
    inputId: '',
    requestId: '',
    encoderKey: credentialsMode ? undefined : keys.encoderKey,
  });
  // The token is derived from the request without the key, so a replaced key keeps the token.
  const withoutKey = createChannelRequest(config, { inputId: '', requestId: '', encoderKey: credentialsMode ? undefined : '-' });
  channel.RequestId = `live-origin-${digest('channel', namespace, JSON.stringify(withoutKey))}`;
  channel.Tags = tags;
  const distributionWithoutKey = distributionConfig(config, '', '-');
  const distribution = distributionConfig(
    config,
    `live-origin-${namespace}-${digest('distribution', JSON.stringify(distributionWithoutKey))}`.slice(0, 128),
    keys.playerKey,
  );
  return {
    namespace,
    parameter: credentialsMode && destination.passwordParam ? { name: destination.passwordParam, value: keys.encoderKey } : undefined,
    input: inputRequest(config, tags),
    channel: channel as CreateChannelRequest & { Name: string },
    distribution,
    tags,
    secrets: [keys.encoderKey, keys.playerKey],
  };
}
