// What exists now, read fresh from the services every time (never from a previous run): the
// namespace, the parameter, and the input, channel and distribution found by name and by the
// tag apply sets. A handful of reads, whatever the size of the configuration.
import type { DescribeChannelResponse } from '@aws-sdk/client-medialive';
import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import { NAMESPACE_TAG, type DesiredState } from './desired';
import { planChanges, type DeployPlan } from './plan';
import type { ChannelSummary, DeployServices, DistributionSummary, InputSummary, Tags } from './services';

export interface ObservedState {
  namespaceExists: boolean;
  /** Undefined when no parameter is wanted; `value` undefined when it does not exist. */
  parameter?: { name: string; value?: string };
  input?: InputSummary;
  channel?: { summary: ChannelSummary; description: DescribeChannelResponse };
  distribution?: { summary: DistributionSummary; tags: Tags; config: DistributionConfig; etag: string };
}

/** The tagged one first, so a hand-made twin with the same name is not picked over ours. */
function preferTagged<T extends { tags: Tags }>(candidates: T[], namespace: string): T | undefined {
  return candidates.find((candidate) => candidate.tags[NAMESPACE_TAG] === namespace) ?? candidates[0];
}

export async function observe(desired: DesiredState, services: DeployServices): Promise<ObservedState> {
  const { namespace } = desired;
  const origin = desired.distribution.Origins?.Items?.[0];
  const port = origin?.CustomOriginConfig?.OriginProtocolPolicy === 'http-only' ? origin.CustomOriginConfig.HTTPPort : undefined;
  const originDomain = port && port !== 80 ? `${origin!.DomainName}:${port}` : origin?.DomainName;
  const [namespaces, parameterValue, inputs, channels, distributions] = await Promise.all([
    services.namespaces(),
    desired.parameter ? services.parameter(desired.parameter.name) : Promise.resolve(undefined),
    services.inputs(),
    services.channels(),
    services.distributions(),
  ]);
  const input = preferTagged(inputs.filter((candidate) => candidate.name === desired.input.Name), namespace);
  const channelSummary = preferTagged(channels.filter((candidate) => candidate.name === desired.channel.Name), namespace);
  // What it fronts, or the comment apply gave it (an origin changed by hand is still ours to fix).
  const fronting = distributions.filter((candidate) => candidate.comment === desired.distribution.Comment
    || candidate.origins.some((o) => o.domain === originDomain && o.path === origin?.OriginPath));

  const [description, distribution] = await Promise.all([
    channelSummary ? services.describeChannel(channelSummary.id) : Promise.resolve(undefined),
    findDistribution(fronting, namespace, services),
  ]);
  return {
    namespaceExists: namespaces.includes(namespace),
    parameter: desired.parameter ? { name: desired.parameter.name, value: parameterValue } : undefined,
    input,
    channel: channelSummary && description ? { summary: channelSummary, description } : undefined,
    distribution,
  };
}

async function findDistribution(fronting: DistributionSummary[], namespace: string, services: DeployServices): Promise<ObservedState['distribution']> {
  if (fronting.length === 0) return undefined;
  const tagged = await Promise.all(fronting.map(async (summary) => ({ summary, tags: await services.distributionTags(summary.arn) })));
  const chosen = preferTagged(tagged, namespace)!;
  const { config, etag } = await services.distributionConfig(chosen.summary.id);
  return { ...chosen, config, etag };
}

/** Reads what exists and compares it with what live-origin.json asks for. */
export async function makePlan(desired: DesiredState, services: DeployServices): Promise<DeployPlan> {
  return planChanges(desired, await observe(desired, services));
}
