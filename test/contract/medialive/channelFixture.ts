// A CreateChannel request for the guide's workflow: one SINGLE_PIPELINE channel, an HLS group with
// basic PUT to one destination, one output per rung with its own video and audio description.
import type { CreateChannelCommandInput } from '@aws-sdk/client-medialive';

export interface Rung {
  modifier: string;
  width: number;
  height: number;
  kbps: number;
}

export const GUIDE_LADDER: Rung[] = [
  { modifier: '_720p30', width: 1280, height: 720, kbps: 2500 },
  { modifier: '_480p30', width: 854, height: 480, kbps: 1500 },
  { modifier: '_240p30', width: 426, height: 240, kbps: 750 },
];

export interface FixtureOptions {
  url: string;
  inputId: string;
  requestId?: string;
  ladder?: Rung[];
  segmentLength?: number;
  credentials?: { username: string; passwordParam: string };
  name?: string;
}

export function channelRequest(options: FixtureOptions): CreateChannelCommandInput {
  const ladder = options.ladder ?? GUIDE_LADDER;
  const label = (rung: Rung) => rung.modifier.replace(/^_/, '');
  return {
    Name: options.name ?? 'sandbox-test',
    RequestId: options.requestId,
    ChannelClass: 'SINGLE_PIPELINE',
    RoleArn: 'arn:aws:iam::123456789012:role/MediaLiveAccessRole',
    InputAttachments: [{ InputId: options.inputId, InputAttachmentName: 'test-pattern' }],
    Destinations: [{
      Id: 'momento',
      Settings: [{
        Url: options.url,
        ...(options.credentials ? { Username: options.credentials.username, PasswordParam: options.credentials.passwordParam } : {}),
      }],
    }],
    EncoderSettings: {
      TimecodeConfig: { Source: 'SYSTEMCLOCK' },
      VideoDescriptions: ladder.map((rung) => ({
        Name: `video_${label(rung)}`,
        Width: rung.width,
        Height: rung.height,
        CodecSettings: {
          H264Settings: {
            Bitrate: rung.kbps * 1000,
            RateControlMode: 'CBR',
            FramerateControl: 'SPECIFIED',
            FramerateNumerator: 30,
            FramerateDenominator: 1,
            GopSize: options.segmentLength ?? 1,
            GopSizeUnits: 'SECONDS',
            Profile: 'MAIN',
          },
        },
      })),
      AudioDescriptions: ladder.map((rung) => ({
        Name: `audio_${label(rung)}`,
        AudioSelectorName: 'default',
        CodecSettings: { AacSettings: { Bitrate: 96000, CodingMode: 'CODING_MODE_2_0', SampleRate: 48000 } },
      })),
      OutputGroups: [{
        Name: 'momento-hls',
        OutputGroupSettings: {
          HlsGroupSettings: {
            Destination: { DestinationRefId: 'momento' },
            HlsCdnSettings: { HlsBasicPutSettings: { ConnectionRetryInterval: 1, NumRetries: 10, FilecacheDuration: 300, RestartDelay: 15 } },
            Mode: 'LIVE',
            OutputSelection: 'MANIFESTS_AND_SEGMENTS',
            TsFileMode: 'SEGMENTED_FILES',
            SegmentLength: options.segmentLength ?? 1,
            IndexNSegments: 5,
            KeepSegments: 21,
          },
        },
        Outputs: ladder.map((rung) => ({
          OutputName: label(rung),
          VideoDescriptionName: `video_${label(rung)}`,
          AudioDescriptionNames: [`audio_${label(rung)}`],
          OutputSettings: {
            HlsOutputSettings: {
              NameModifier: rung.modifier,
              HlsSettings: { StandardHlsSettings: { AudioRenditionSets: 'program_audio', M3u8Settings: {} } },
            },
          },
        })),
      }],
    },
  };
}
