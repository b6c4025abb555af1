// A real MediaLive channel judged by the editor's rules: the same codes and messages as in
// live-origin.json, pointed at the channel's fields.
import { auditAsConfig, withoutRepeats } from './auditAsConfig';
import type { AuditFinding } from './auditFinding';
import { channelAsConfig, type ChannelAuditContext } from './channelAsConfig';
import { manifestNameOf, momentoPublications } from './channelPublications';
import type { DescribeChannelShape } from './channelShape';
import { namespaceOfPath, type MomentoAddress } from './momentoAddress';
import type { PublishedStream } from './publishedStream';

export type { ChannelAuditContext } from './channelAsConfig';

/** The codes about a channel's destination, stream and HLS settings. */
const CHANNEL_CODES: ReadonlySet<string> = new Set([
  'destination-url-invalid',
  'destination-url-not-https',
  'destination-url-host',
  'destination-url-path',
  'destination-url-ttl-missing',
  'destination-url-ttl-mismatch',
  'destination-url-role-missing',
  'destination-url-token-exposed',
  'destination-credentials-missing',
  'basic-put-retries-ignored',
  'segment-size-limit',
  'segment-size-near-limit',
  'segment-length-range',
  'gop-segment-mismatch',
  'ttl-shorter-than-window',
  'name-modifier-duplicate',
  'name-modifier-pattern',
]);

/** No findings for a channel that publishes nowhere in Momento: it is not part of this workflow. */
export function auditChannel(channel: DescribeChannelShape, context: ChannelAuditContext = {}): AuditFinding[] {
  return withoutRepeats(momentoPublications(channel, context.momentoRestEndpoint).flatMap((publication) => {
    const { section, fields } = channelAsConfig(channel, publication, context);
    return auditAsConfig(section, fields, CHANNEL_CODES);
  }));
}

/** The namespace and REST endpoint host the channel PUTs into (its first Momento destination). */
export function channelPublishTarget(channel: DescribeChannelShape): MomentoAddress {
  const publication = momentoPublications(channel)[0];
  if (!publication) return {};
  const { url } = publication.parsed;
  return { namespace: namespaceOfPath(url.pathname), host: url.host };
}

/** What the channel publishes, for auditing the distribution in front of the same namespace. */
export function channelPublishedStream(channel: DescribeChannelShape): PublishedStream {
  const publication = momentoPublications(channel)[0];
  if (!publication) return {};
  return {
    segmentLengthSeconds: publication.hls.SegmentLength,
    manifestName: manifestNameOf(publication),
    nameModifiers: (publication.group.Outputs ?? []).flatMap((output) => {
      const modifier = output.OutputSettings?.HlsOutputSettings?.NameModifier;
      return modifier === undefined ? [] : [modifier];
    }),
  };
}
