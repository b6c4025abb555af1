// The channel control plane: CreateChannel ... StopChannel, the state machine
// CREATING -> IDLE -> STARTING -> RUNNING -> STOPPING -> IDLE (UPDATING, DELETING -> DELETED), and
// one ffmpeg per started channel. An encoder that exits on its own leaves the channel IDLE with a
// SET alert (ListAlerts) carrying ffmpeg's last words: no channel claims RUNNING without ffmpeg.
// ffmpeg writes through the loopback relay, which holds the encoder key; quotas bound what is kept.
import type {
  Channel,
  ChannelAlert,
  ChannelSummary,
  CreateChannelRequest,
  UpdateChannelRequest,
} from '@aws-sdk/client-medialive';
import { randomUUID } from 'node:crypto';
import type { SsmSandbox } from '../ssm';
import { basicAuthorization, resolveCredentials } from './credentials';
import { EncodePlan, EncodePlanError, planHlsEncode } from './encodePlan';
import { argsForPlan } from './ffmpegArgs';
import { FfmpegExit, FfmpegProcess } from './ffmpegProcess';
import { findExecutable, MISSING_FFMPEG_MESSAGE } from './findExecutable';
import { badRequest, conflict, notFound, tooManyRequests, unprocessable } from './errors';
import { InputRegistry } from './inputs';
import type { Limits } from './limits';
import { farHlsDestinations, LOOPBACK_HOSTS } from './loopbackDestination';
import { page } from './paging';
import { channel as present, channelSummary } from './present';
import type { PutRelay, RelayRoute } from './putRelay';
import { arn, ChannelRecord, IdSource } from './records';
import { redactSecrets } from './redact';
import { checkTags, TagOperations } from './tags';
import { Tombstones } from './tombstones';
import { ChannelSettings, validateChannel } from './validation';

export interface Timings {
  /** CREATING -> IDLE, UPDATING -> IDLE, DELETING -> DELETED. */
  transitionMs: number;
  /** STARTING -> RUNNING, if ffmpeg is still up by then. */
  startMs: number;
  /** SIGTERM -> SIGKILL. */
  stopGraceMs: number;
}

export const DEFAULT_TIMINGS: Timings = { transitionMs: 200, startMs: 1000, stopGraceMs: 5000 };

export interface ChannelPlaneOptions {
  region: string;
  ffmpegPath: string;
  ssm?: SsmSandbox;
  timings: Timings;
  limits: Limits;
  relay: PutRelay;
}

export interface SandboxChannelStatus {
  id: string;
  name?: string;
  state: string;
  /** The ffmpeg process id while one runs. */
  pid?: number;
  /** Why the encoder last stopped on its own. */
  lastError?: string;
}

const LIVE = (record: ChannelRecord) => record.state !== 'DELETED';

export class ChannelPlane {
  private readonly channels = new Map<string, ChannelRecord>();
  private readonly byRequest = new Map<string, string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly ids = new IdSource();
  private readonly deleted: Tombstones;
  private alertSequence = 0;
  private closed = false;
  readonly inputs: InputRegistry;
  readonly tags: TagOperations;

  constructor(private readonly options: ChannelPlaneOptions) {
    this.deleted = new Tombstones(options.limits);
    this.inputs = new InputRegistry(options.region, this.ids, options.limits, (inputId) =>
      [...this.channels.values()].filter((record) => LIVE(record) && record.inputAttachments.some((item) => item.InputId === inputId)).map((record) => record.id));

    this.tags = new TagOperations(options.region, (kind, id) => {
      if (kind === 'input') return this.inputs.tagHolder(id);
      const record = this.channels.get(id);
      return record && LIVE(record) ? record : undefined;
    });
  }

  private later(ms: number, action: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }

  private settle(record: ChannelRecord, from: string, to: ChannelRecord['state']): void {
    this.later(this.options.timings.transitionMs, () => {
      if (record.state === from) record.state = to;
    });
  }

  private record(id: string): ChannelRecord {
    this.deleted.prune();
    const record = this.channels.get(id);
    if (!record) throw notFound(`Channel ${id} not found`);
    return record;
  }

  private live(id: string): ChannelRecord {
    const record = this.record(id);
    if (!LIVE(record)) throw notFound(`Channel ${id} has been deleted`);
    return record;
  }

  private validate(settings: ChannelSettings, operation: 'Create' | 'Update', channelId?: string): void {
    let errors;
    try {
      errors = validateChannel(settings, { inputProblem: (inputId) => this.inputs.attachProblem(inputId, channelId) });
    } catch (error) {
      if (error instanceof TypeError) throw badRequest(`The ${operation}Channel request is malformed: ${error.message}`);
      throw error;
    }
    if (errors.length > 0) throw unprocessable(`Failed ${operation} Channel validation`, errors);
    const far = farHlsDestinations(settings);
    if (far.length > 0) {
      throw badRequest(`The sandbox publishes only to this machine (${LOOPBACK_HOSTS}); the HLS destination "${far[0]}" is elsewhere`);
    }
  }

  create(request: CreateChannelRequest): Channel {
    const existing = request.RequestId ? this.byRequest.get(request.RequestId) : undefined;
    if (existing) return present(this.record(existing));
    this.validate(request, 'Create');
    const tags = checkTags(request.Tags);
    if ([...this.channels.values()].filter(LIVE).length >= this.options.limits.channels) {
      throw tooManyRequests(`Limit exceeded: this account and Region may have ${this.options.limits.channels} channels; delete one first`);
    }
    const id = this.ids.take();
    const record: ChannelRecord = {
      id,
      arn: arn(this.options.region, 'channel', id),
      name: request.Name,
      channelClass: request.ChannelClass ?? 'STANDARD',
      destinations: request.Destinations ?? [],
      encoderSettings: request.EncoderSettings,
      inputAttachments: request.InputAttachments ?? [],
      inputSpecification: request.InputSpecification,
      logLevel: request.LogLevel ?? 'DISABLED',
      roleArn: request.RoleArn,
      tags,
      state: 'CREATING',
      requestId: request.RequestId,
      alerts: [],
    };
    this.channels.set(id, record);
    if (request.RequestId) this.byRequest.set(request.RequestId, id);
    this.settle(record, 'CREATING', 'IDLE');
    return present(record);
  }

  describe(id: string): Channel {
    return present(this.record(id));
  }

  list(maxResults: string | null, nextToken: string | null): { Channels: ChannelSummary[]; NextToken?: string } {
    this.deleted.prune();
    const live = [...this.channels.values()].filter(LIVE).sort((a, b) => (a.id < b.id ? -1 : 1));
    const result = page(live, (record) => record.id, 'channel', maxResults, nextToken);
    return { Channels: result.items.map(channelSummary), NextToken: result.nextToken };
  }

  update(id: string, request: UpdateChannelRequest): Channel {
    const record = this.live(id);
    if (record.state !== 'IDLE') throw conflict(`Channel ${id} is ${record.state}: it can be updated only when IDLE`);
    const merged: ChannelSettings = {
      ChannelClass: record.channelClass,
      Destinations: request.Destinations ?? record.destinations,
      EncoderSettings: request.EncoderSettings ?? record.encoderSettings,
      InputAttachments: request.InputAttachments ?? record.inputAttachments,
    };
    this.validate(merged, 'Update', id);
    record.destinations = merged.Destinations!;
    record.encoderSettings = merged.EncoderSettings;
    record.inputAttachments = merged.InputAttachments!;
    record.name = request.Name ?? record.name;
    record.roleArn = request.RoleArn ?? record.roleArn;
    record.logLevel = request.LogLevel ?? record.logLevel;
    record.inputSpecification = request.InputSpecification ?? record.inputSpecification;
    record.state = 'UPDATING';
    this.settle(record, 'UPDATING', 'IDLE');
    return present(record);
  }

  delete(id: string): Channel {
    const record = this.live(id);
    if (record.state !== 'IDLE') throw conflict(`Channel ${id} is ${record.state}: stop it and wait for IDLE before deleting`);
    record.state = 'DELETING';
    if (record.requestId) this.byRequest.delete(record.requestId);
    this.later(this.options.timings.transitionMs, () => {
      if (record.state !== 'DELETING') return;
      record.state = 'DELETED';
      this.deleted.add(id, () => this.channels.delete(id));
    });
    return present(record);
  }

  start(id: string): Channel {
    if (this.closed) throw conflict('The sandbox is shutting down');
    const record = this.live(id);
    if (record.state !== 'IDLE') throw conflict(`Channel ${id} is ${record.state}: it can be started only when IDLE`);
    const encoding = [...this.channels.values()].filter((other) => other.process).map((other) => other.id);
    if (encoding.length >= this.options.limits.runningEncoders) {
      throw conflict(`The sandbox runs at most ${this.options.limits.runningEncoders} encoders at once (channels ${encoding.join(', ')}): stop one first`);
    }
    const plan = this.plan(record);
    const authorization = this.authorization(plan);
    const executable = findExecutable(this.options.ffmpegPath);
    if (!executable) throw badRequest(MISSING_FFMPEG_MESSAGE);
    const { args, route } = this.encoderCommand(record, plan, authorization);
    const now = new Date();
    for (const alert of record.alerts) {
      if (alert.State === 'SET') Object.assign(alert, { State: 'CLEARED', ClearedTimestamp: now });
    }
    record.lastError = undefined;
    record.state = 'STARTING';
    const encoder = new FfmpegProcess(executable, args, (exit) => {
      route.close();
      this.encoderExited(record, encoder, exit);
    });
    record.process = encoder;
    this.later(this.options.timings.startMs, () => {
      if (record.state === 'STARTING' && record.process === encoder && encoder.running) record.state = 'RUNNING';
    });
    return present(record);
  }

  private plan(record: ChannelRecord): EncodePlan {
    try {
      return planHlsEncode({ Destinations: record.destinations, EncoderSettings: record.encoderSettings });
    } catch (error) {
      if (error instanceof EncodePlanError) throw badRequest(`The sandbox cannot encode channel ${record.id}: ${error.message}`);
      throw error;
    }
  }

  private authorization(plan: EncodePlan): string | undefined {
    const credentials = resolveCredentials(plan.username, plan.passwordParam, this.options.ssm);
    return credentials && basicAuthorization(credentials);
  }

  private encoderCommand(record: ChannelRecord, plan: EncodePlan, authorization: string | undefined): { args: string[]; route: RelayRoute } {
    let route: RelayRoute | undefined;
    try {
      route = this.options.relay.open({ directory: plan.destination.directory, query: plan.destination.query, authorization });
      return { args: argsForPlan(plan, route.directory), route };
    } catch (error) {
      route?.close();
      throw badRequest(`The sandbox cannot encode channel ${record.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private encoderExited(record: ChannelRecord, encoder: FfmpegProcess, exit: FfmpegExit): void {
    if (record.process !== encoder) return;
    record.process = undefined;
    record.state = 'IDLE';
    if (exit.requested) return;
    const how = exit.code !== null ? `with code ${exit.code}` : `on signal ${exit.signal}`;
    record.lastError = redactSecrets(`The encoder (ffmpeg) exited ${how}${exit.stderrTail ? `: ${exit.stderrTail}` : ''}`);
    record.alerts.push({
      Id: `${String(++this.alertSequence).padStart(9, '0')}-${randomUUID()}`,
      AlertType: 'Encoder Stopped',
      Message: record.lastError,
      PipelineId: '0',
      SetTimestamp: new Date(),
      State: 'SET',
    });
    record.alerts.splice(0, record.alerts.length - this.options.limits.alertsKept);
  }

  stop(id: string): Channel {
    const record = this.live(id);
    if (record.state !== 'RUNNING' && record.state !== 'STARTING') {
      throw conflict(`Channel ${id} is ${record.state}: only a STARTING or RUNNING channel can be stopped`);
    }
    const encoder = record.process;
    if (!encoder) {
      record.state = 'IDLE';
      return present(record);
    }
    record.state = 'STOPPING';
    void encoder.stop(this.options.timings.stopGraceMs);
    return present(record);
  }

  alerts(id: string, maxResults: string | null, nextToken: string | null, stateFilter: string | null): { Alerts: ChannelAlert[]; NextToken?: string } {
    const record = this.record(id);
    if (stateFilter !== null && stateFilter !== 'SET' && stateFilter !== 'CLEARED') throw badRequest('stateFilter must be SET or CLEARED');
    const matching = record.alerts.filter((alert) => stateFilter === null || alert.State === stateFilter);
    const result = page(matching, (alert) => alert.Id!, 'alert', maxResults, nextToken);
    return { Alerts: result.items, NextToken: result.nextToken };
  }

  statuses(): SandboxChannelStatus[] {
    this.deleted.prune();
    return [...this.channels.values()].map((record) => ({
      id: record.id,
      name: record.name,
      state: record.state,
      pid: record.process?.pid,
      lastError: record.lastError,
    }));
  }

  /** Synchronous: for process exit hooks. */
  killAll(): void {
    for (const record of this.channels.values()) record.process?.killNow();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.channels.values()].map((record) => record.process?.stop(this.options.timings.stopGraceMs)));
  }
}
