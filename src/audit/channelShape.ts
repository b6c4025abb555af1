// The parts of MediaLive's DescribeChannel response the channel audit reads, as
// @aws-sdk/client-medialive returns them (PascalCase). Declared here so the pure core needs no SDK;
// an SDK DescribeChannelResponse is assignable to DescribeChannelShape.

export interface DestinationSettingShape {
  Url?: string;
  Username?: string;
  /** The NAME of the SSM parameter holding the key, never the key. */
  PasswordParam?: string;
}

export interface DestinationShape {
  Id?: string;
  Settings?: readonly DestinationSettingShape[];
}

export interface H264SettingsShape {
  Bitrate?: number;
  MaxBitrate?: number;
  GopSize?: number;
  GopSizeUnits?: string;
  FramerateNumerator?: number;
  FramerateDenominator?: number;
}

export interface VideoDescriptionShape {
  Name?: string;
  CodecSettings?: { H264Settings?: H264SettingsShape };
}

export interface HlsGroupSettingsShape {
  Destination?: { DestinationRefId?: string };
  SegmentLength?: number;
  IndexNSegments?: number;
  HlsCdnSettings?: {
    HlsBasicPutSettings?: { NumRetries?: number };
    HlsAkamaiSettings?: object;
  };
}

export interface OutputShape {
  VideoDescriptionName?: string;
  OutputSettings?: { HlsOutputSettings?: { NameModifier?: string } };
}

export interface OutputGroupShape {
  OutputGroupSettings?: { HlsGroupSettings?: HlsGroupSettingsShape };
  Outputs?: readonly OutputShape[];
}

export interface DescribeChannelShape {
  Destinations?: readonly DestinationShape[];
  EncoderSettings?: {
    VideoDescriptions?: readonly VideoDescriptionShape[];
    OutputGroups?: readonly OutputGroupShape[];
  };
}
