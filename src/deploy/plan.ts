// What exists -> what must change, per resource, in the order apply takes them. Pure.
import type { DesiredState } from './desired';
import { diffFields, HIDDEN, HIDDEN_OTHER, type FieldChange } from './fieldDiff';
import type { ObservedState } from './observe';

export type Service = 'momento' | 'ssm' | 'medialive' | 'cloudfront';
export type ResourceKind = 'namespace' | 'parameter' | 'input' | 'channel' | 'distribution';
export type Action = 'create' | 'update' | 'replace' | 'delete' | 'no-change';

export interface PlannedChange {
  service: Service;
  resource: ResourceKind;
  name: string;
  action: Action;
  fields: FieldChange[];
  /** The existing resource's id, when there is one. */
  id?: string;
  /** Why the change needs a person (a replace apply will not do, a running channel). */
  note?: string;
}

export interface DeployPlan {
  changes: PlannedChange[];
  desired: DesiredState;
  observed: ObservedState;
}

const CHANNEL_IGNORED = /^(RequestId|Tags)$/;
const SECRET_HEADER_VALUE = /CustomHeaders\.Items\[\d+\]\.HeaderValue$/;
const DESTINATION_URL = /^Destinations\[\d+\]\.Settings\[\d+\]\.Url$/;
// Fields MediaLive's UpdateChannel cannot change: only a new channel (or UpdateChannelClass) does.
const CHANNEL_FIXED = /^ChannelClass$/;

function tagChanges(desired: Record<string, string>, observed: Record<string, string> | undefined): FieldChange[] {
  return diffFields(desired, observed ?? {}, {}, 'Tags');
}

function change(partial: Omit<PlannedChange, 'action'>): PlannedChange {
  return { ...partial, action: partial.fields.length === 0 ? 'no-change' : 'update' };
}

function namespaceChange(desired: DesiredState, observed: ObservedState): PlannedChange {
  const name = desired.namespace;
  return observed.namespaceExists
    ? { service: 'momento', resource: 'namespace', name, action: 'no-change', fields: [] }
    : { service: 'momento', resource: 'namespace', name, action: 'create', fields: [{ path: 'Name', to: name }] };
}

function parameterChange(desired: DesiredState, observed: ObservedState): PlannedChange | undefined {
  if (!desired.parameter) return undefined;
  const { name, value } = desired.parameter;
  const current = observed.parameter?.value;
  if (current === undefined) {
    return { service: 'ssm', resource: 'parameter', name, action: 'create', fields: [{ path: 'Value', to: HIDDEN }, { path: 'Type', to: 'SecureString' }] };
  }
  return change({ service: 'ssm', resource: 'parameter', name, fields: current === value ? [] : [{ path: 'Value', from: HIDDEN_OTHER, to: HIDDEN }] });
}

function inputChange(desired: DesiredState, observed: ObservedState): PlannedChange {
  const name = desired.input.Name;
  const existing = observed.input;
  if (!existing) {
    return { service: 'medialive', resource: 'input', name, action: 'create', fields: [{ path: 'Type', to: desired.input.Type ?? null }, ...tagChanges(desired.tags, {})] };
  }
  if (existing.type !== desired.input.Type) {
    return {
      service: 'medialive', resource: 'input', name, id: existing.id, action: 'replace',
      fields: [{ path: 'Type', from: existing.type, to: desired.input.Type ?? null }],
      note: 'An input\'s type cannot change: delete the input (after detaching it) and apply again.',
    };
  }
  return change({ service: 'medialive', resource: 'input', name, id: existing.id, fields: tagChanges(desired.tags, existing.tags) });
}

function channelChange(desired: DesiredState, observed: ObservedState): PlannedChange {
  const name = desired.channel.Name;
  const existing = observed.channel;
  const request = {
    ...desired.channel,
    // The input's id, once it exists, is what the channel must be attached to.
    InputAttachments: desired.channel.InputAttachments?.map((attachment) => ({ ...attachment, InputId: observed.input?.id })),
  };
  if (!existing) {
    return { service: 'medialive', resource: 'channel', name, action: 'create', fields: channelCreateFields(desired) };
  }
  const secretUrl = desired.parameter ? undefined : DESTINATION_URL;
  const fields = [
    ...diffFields(request, existing.description, { ignorePaths: CHANNEL_IGNORED, secretPaths: secretUrl }),
    ...tagChanges(desired.tags, existing.description.Tags ?? existing.summary.tags),
  ];
  const fixed = fields.filter((field) => CHANNEL_FIXED.test(field.path));
  if (fixed.length > 0) {
    return {
      service: 'medialive', resource: 'channel', name, id: existing.summary.id, action: 'replace', fields,
      note: `The channel class cannot change in place: change it in the MediaLive console (UpdateChannelClass) or delete the channel, then apply again.`,
    };
  }
  const running = fields.some((field) => !field.path.startsWith('Tags')) && existing.summary.state !== 'IDLE';
  return {
    ...change({ service: 'medialive', resource: 'channel', name, id: existing.summary.id, fields }),
    note: running ? `The channel is ${existing.summary.state}: it must be stopped to be updated, and started again afterwards.` : undefined,
  };
}

function distributionChange(desired: DesiredState, observed: ObservedState): PlannedChange {
  const existing = observed.distribution;
  const name = desired.distribution.Comment ?? `live-origin ${desired.namespace}`;
  if (!existing) {
    const origin = desired.distribution.Origins?.Items?.[0];
    return {
      service: 'cloudfront', resource: 'distribution', name, action: 'create',
      fields: [
        { path: 'Origins.Items[0].DomainName', to: origin?.DomainName ?? null },
        { path: 'Origins.Items[0].OriginPath', to: origin?.OriginPath ?? null },
        { path: 'Origins.Items[0].CustomHeaders.Items[0].HeaderName', to: 'Authorization' },
        { path: 'Origins.Items[0].CustomHeaders.Items[0].HeaderValue', to: HIDDEN },
        { path: 'CacheBehaviors.Quantity', to: desired.distribution.CacheBehaviors?.Quantity ?? 0 },
        ...tagChanges(desired.tags, {}),
      ],
    };
  }
  const fields = [
    ...diffFields(desired.distribution, existing.config, { ignorePaths: /^CallerReference$/, secretPaths: SECRET_HEADER_VALUE }),
    ...tagChanges(desired.tags, existing.tags),
  ];
  return change({ service: 'cloudfront', resource: 'distribution', name: `${existing.summary.id} (${existing.summary.domainName})`, id: existing.summary.id, fields });
}

/** The fields a reader checks before a channel is created; the rest follows from live-origin.json. */
function channelCreateFields(desired: DesiredState): FieldChange[] {
  const { channel } = desired;
  const settings = channel.Destinations?.[0]?.Settings?.[0];
  const group = channel.EncoderSettings?.OutputGroups?.[0];
  const hls = group?.OutputGroupSettings?.HlsGroupSettings;
  const fields: FieldChange[] = [
    { path: 'ChannelClass', to: channel.ChannelClass ?? null },
    { path: 'Destinations[0].Settings[0].Url', to: desired.parameter ? settings?.Url ?? null : HIDDEN },
    ...(settings?.PasswordParam ? [{ path: 'Destinations[0].Settings[0].PasswordParam', to: settings.PasswordParam }] : []),
    { path: 'EncoderSettings.OutputGroups[0].OutputGroupSettings.HlsGroupSettings.SegmentLength', to: hls?.SegmentLength ?? null },
    { path: 'EncoderSettings.OutputGroups[0].OutputGroupSettings.HlsGroupSettings.ProgramDateTime', to: hls?.ProgramDateTime ?? null },
    { path: 'EncoderSettings.OutputGroups[0].Outputs', to: (group?.Outputs ?? []).map((output) => output.OutputName ?? '') },
    ...tagChanges(desired.tags, {}),
  ];
  return fields;
}

export function planChanges(desired: DesiredState, observed: ObservedState): DeployPlan {
  const changes = [
    namespaceChange(desired, observed),
    parameterChange(desired, observed),
    inputChange(desired, observed),
    channelChange(desired, observed),
    distributionChange(desired, observed),
  ].filter((item): item is PlannedChange => item !== undefined);
  return { changes, desired, observed };
}

export function hasChanges(plan: Pick<DeployPlan, 'changes'>): boolean {
  return plan.changes.some((item) => item.action !== 'no-change');
}
