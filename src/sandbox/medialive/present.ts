// Channel records as the API returns them (SDK shapes; the server turns them into wire JSON).
import type { Channel, ChannelSummary } from '@aws-sdk/client-medialive';
import type { ChannelRecord } from './records';

const DEFAULT_INPUT_SPECIFICATION = { Codec: 'AVC', MaximumBitrate: 'MAX_20_MBPS', Resolution: 'HD' } as const;

export function channelSummary(record: ChannelRecord): ChannelSummary {
  const running = record.state === 'RUNNING' ? 1 : 0;
  return {
    Arn: record.arn,
    ChannelClass: record.channelClass as ChannelSummary['ChannelClass'],
    Destinations: record.destinations,
    EgressEndpoints: [{ SourceIp: '127.0.0.1' }],
    Id: record.id,
    InputAttachments: record.inputAttachments,
    InputSpecification: record.inputSpecification ?? DEFAULT_INPUT_SPECIFICATION,
    LogLevel: record.logLevel as ChannelSummary['LogLevel'],
    Name: record.name,
    PipelinesRunningCount: running,
    RoleArn: record.roleArn,
    State: record.state,
    Tags: record.tags,
  };
}

export function channel(record: ChannelRecord): Channel {
  const running = record.state === 'RUNNING' || record.state === 'STARTING';
  return {
    ...channelSummary(record),
    EncoderSettings: record.encoderSettings,
    PipelineDetails: running
      ? [{ PipelineId: '0', ActiveInputAttachmentName: record.inputAttachments[0]?.InputAttachmentName }]
      : [],
  };
}
