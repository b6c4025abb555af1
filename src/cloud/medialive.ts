// MediaLive channels of a target: list (paged), describe, start, stop. The SDK loads on first use.
import type { DescribeChannelResponse, MediaLiveClient } from '@aws-sdk/client-medialive';
import type { Page } from './page';
import { awsClientOptions, type CloudTarget } from './target';

export interface ChannelItem {
  id: string;
  name: string;
  state: string;
  channelClass?: string;
  /** The first destination URL, from which the namespace it publishes to is read. */
  destinationUrl?: string;
}

export type ChannelDescription = DescribeChannelResponse;

const clients = new WeakMap<CloudTarget, Promise<MediaLiveClient>>();

export function mediaLiveClient(target: CloudTarget): Promise<MediaLiveClient> {
  let created = clients.get(target);
  if (!created) {
    created = import('@aws-sdk/client-medialive').then(({ MediaLiveClient }) =>
      new MediaLiveClient({ region: target.region, ...awsClientOptions(target, target.endpoints.medialive) }));
    clients.set(target, created);
  }
  return created;
}

export async function listChannels(target: CloudTarget, pageSize: number, next?: string): Promise<Page<ChannelItem>> {
  const { ListChannelsCommand } = await import('@aws-sdk/client-medialive');
  const page = await (await mediaLiveClient(target)).send(new ListChannelsCommand({ MaxResults: pageSize, NextToken: next }));
  return {
    items: (page.Channels ?? []).map((channel) => ({
      id: channel.Id ?? '',
      name: channel.Name ?? channel.Id ?? '',
      state: channel.State ?? 'UNKNOWN',
      channelClass: channel.ChannelClass,
      destinationUrl: channel.Destinations?.flatMap((destination) => destination.Settings ?? []).find((settings) => settings.Url)?.Url,
    })),
    next: page.NextToken || undefined,
  };
}

export async function describeChannel(target: CloudTarget, id: string): Promise<ChannelDescription> {
  const { DescribeChannelCommand } = await import('@aws-sdk/client-medialive');
  return (await mediaLiveClient(target)).send(new DescribeChannelCommand({ ChannelId: id }));
}

export async function startChannel(target: CloudTarget, id: string): Promise<void> {
  const { StartChannelCommand } = await import('@aws-sdk/client-medialive');
  await (await mediaLiveClient(target)).send(new StartChannelCommand({ ChannelId: id }));
}

export async function stopChannel(target: CloudTarget, id: string): Promise<void> {
  const { StopChannelCommand } = await import('@aws-sdk/client-medialive');
  await (await mediaLiveClient(target)).send(new StopChannelCommand({ ChannelId: id }));
}
