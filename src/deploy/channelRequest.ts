// live-origin.json -> the MediaLive CreateChannel request for its HLS-to-Momento channel.
import type {
  AudioDescription,
  CreateChannelCommandInput,
  HlsCdnSettings,
  OutputDestinationSettings,
  VideoDescription,
} from '@aws-sdk/client-medialive';
import { parseDestinationUrl, withParameter } from '../config/destinationUrl';
import type { LiveOriginConfig } from '../config/model';

export const DESTINATION_ID = 'momento';
const AUDIO_SELECTOR = 'program-audio';

export interface ChannelInputs {
  inputId: string;
  /** Stable per configuration, so a retried create makes one channel. */
  requestId: string;
  /** The encoder key, only in token-in-url mode (it goes into the destination URL, never into a file). */
  encoderKey?: string;
}

function destinationSettings(config: LiveOriginConfig, encoderKey?: string): OutputDestinationSettings {
  const { url, publishMode, username, passwordParam } = config.medialive.destination;
  if (publishMode === 'credentials') return { Url: url, Username: username, PasswordParam: passwordParam };
  if (!encoderKey) throw new Error('token-in-url mode needs the encoder key to build the destination URL');
  const token = parseDestinationUrl(url)?.query.find((parameter) => parameter.name === 'token');
  return { Url: withParameter(url, 'token', encoderKey, token) };
}

function cdnSettings(config: LiveOriginConfig): HlsCdnSettings {
  const { type, connectionRetryInterval, numRetries, filecacheDuration, restartDelay } = config.medialive.cdn;
  const retry = {
    ConnectionRetryInterval: connectionRetryInterval,
    NumRetries: numRetries,
    FilecacheDuration: filecacheDuration,
    RestartDelay: restartDelay,
  };
  return type === 'akamai' ? { HlsAkamaiSettings: { ...retry, HttpTransferMode: 'NON_CHUNKED' } } : { HlsBasicPutSettings: retry };
}

/** MediaLive lets one output use an audio description, so each rendition gets its own. */
export function createChannelRequest(config: LiveOriginConfig, inputs: ChannelInputs): CreateChannelCommandInput {
  const { stream, medialive } = config;
  const label = (modifier: string) => modifier.replace(/^[_-]+/, '') || 'main';
  const videos: VideoDescription[] = stream.ladder.map((rendition) => ({
    Name: `video_${label(rendition.nameModifier)}`,
    Width: rendition.width,
    Height: rendition.height,
    ScalingBehavior: 'DEFAULT',
    CodecSettings: {
      H264Settings: {
        Bitrate: Math.round(rendition.bitrateKbps * 1000),
        RateControlMode: 'CBR',
        FramerateControl: 'SPECIFIED',
        FramerateNumerator: Math.round(rendition.frameRate * 1000),
        FramerateDenominator: 1000,
        GopSize: stream.gopSeconds ?? stream.segmentLengthSeconds,
        GopSizeUnits: 'SECONDS',
        Profile: 'MAIN',
      },
    },
  }));
  const audios: AudioDescription[] = stream.ladder.map((rendition) => ({
    Name: `audio_${label(rendition.nameModifier)}`,
    AudioSelectorName: AUDIO_SELECTOR,
    CodecSettings: { AacSettings: { Bitrate: 96000, CodingMode: 'CODING_MODE_2_0', SampleRate: 48000 } },
  }));
  return {
    Name: medialive.channelName,
    RequestId: inputs.requestId,
    RoleArn: medialive.roleArn,
    ChannelClass: 'SINGLE_PIPELINE',
    InputAttachments: [{ InputId: inputs.inputId, InputAttachmentName: medialive.input.name, InputSettings: { AudioSelectors: [{ Name: AUDIO_SELECTOR }] } }],
    Destinations: [{ Id: DESTINATION_ID, Settings: [destinationSettings(config, inputs.encoderKey)] }],
    EncoderSettings: {
      TimecodeConfig: { Source: 'SYSTEMCLOCK' },
      AudioDescriptions: audios,
      VideoDescriptions: videos,
      OutputGroups: [{
        Name: 'momento-hls',
        OutputGroupSettings: {
          HlsGroupSettings: {
            Destination: { DestinationRefId: DESTINATION_ID },
            HlsCdnSettings: cdnSettings(config),
            Mode: 'LIVE',
            OutputSelection: 'MANIFESTS_AND_SEGMENTS',
            TsFileMode: 'SEGMENTED_FILES',
            SegmentLength: stream.segmentLengthSeconds,
            IndexNSegments: medialive.playlistSegments ?? 10,
            KeepSegments: (medialive.playlistSegments ?? 10) + 11,
            ManifestDurationFormat: 'FLOATING_POINT',
            // EXT-X-PROGRAM-DATE-TIME in every playlist: players and the inspector measure latency by it.
            ProgramDateTime: 'INCLUDE',
          },
        },
        Outputs: stream.ladder.map((rendition, index) => ({
          OutputName: label(rendition.nameModifier),
          VideoDescriptionName: videos[index].Name,
          AudioDescriptionNames: [audios[index].Name!],
          OutputSettings: {
            HlsOutputSettings: {
              NameModifier: rendition.nameModifier,
              HlsSettings: { StandardHlsSettings: { AudioRenditionSets: 'program_audio', M3u8Settings: {} } },
            },
          },
        })),
      }],
    },
  };
}
