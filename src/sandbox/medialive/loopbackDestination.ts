// The sandbox's encoder publishes only to this machine: a channel aimed at another host would have
// the relay carry the encoder key there. Hostnames are compared after WHATWG URL parsing, which
// already turns `127.1`, `0x7f000001` and `[0:0::1]` into `127.0.0.1` and `[::1]`.
import type { ChannelSettings } from './validation';

export const LOOPBACK_HOSTS = '127.0.0.0/8, ::1 or localhost';

export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase();
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** The URLs of the destinations HLS groups write to whose host is not loopback. */
export function farHlsDestinations(settings: ChannelSettings): string[] {
  const refIds = new Set((settings.EncoderSettings?.OutputGroups ?? [])
    .map((group) => group.OutputGroupSettings?.HlsGroupSettings?.Destination?.DestinationRefId));
  return (settings.Destinations ?? [])
    .filter((destination) => refIds.has(destination.Id))
    .flatMap((destination) => (destination.Settings ?? []).map((setting) => setting.Url))
    .filter((url): url is string => url !== undefined && URL.canParse(url) && !isLoopbackHostname(new URL(url).hostname));
}
