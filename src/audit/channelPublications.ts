// The places a MediaLive channel publishes HLS into Momento: each HLS output group's destination
// settings (one per pipeline) whose URL addresses Media Storage.
import { parseDestinationUrl, safeDecode, type ParsedDestination } from '../config/destinationUrl';
import type { DescribeChannelShape, DestinationSettingShape, HlsGroupSettingsShape, OutputGroupShape } from './channelShape';
import { addressesMomento } from './momentoAddress';

export interface Publication {
  group: OutputGroupShape;
  hls: HlsGroupSettingsShape;
  setting: DestinationSettingShape;
  url: string;
  parsed: ParsedDestination;
  /** Field paths of the output group, its HLS settings and the destination setting. */
  groupField: string;
  hlsField: string;
  settingField: string;
}

export function momentoPublications(channel: DescribeChannelShape, expectedHost?: string): Publication[] {
  const destinations = channel.Destinations ?? [];
  const publications: Publication[] = [];
  (channel.EncoderSettings?.OutputGroups ?? []).forEach((group, groupIndex) => {
    const hls = group.OutputGroupSettings?.HlsGroupSettings;
    const destinationIndex = destinations.findIndex((destination) => destination.Id === hls?.Destination?.DestinationRefId);
    if (!hls || destinationIndex < 0) return;
    const groupField = `EncoderSettings.OutputGroups[${groupIndex}]`;
    (destinations[destinationIndex].Settings ?? []).forEach((setting, settingIndex) => {
      const parsed = setting.Url === undefined ? undefined : parseDestinationUrl(setting.Url);
      if (!parsed || !addressesMomento(parsed.url.host, parsed.url.pathname, expectedHost)) return;
      publications.push({
        group,
        hls,
        setting,
        url: setting.Url!,
        parsed,
        groupField,
        hlsField: `${groupField}.OutputGroupSettings.HlsGroupSettings`,
        settingField: `Destinations[${destinationIndex}].Settings[${settingIndex}]`,
      });
    });
  });
  return publications;
}

/** MediaLive names the master playlist after the URL's last path segment. */
export function manifestNameOf(publication: Publication): string | undefined {
  const base = safeDecode(publication.parsed.url.pathname.split('/').pop() ?? '');
  return base.replace(/\.m3u8$/, '') || undefined;
}
