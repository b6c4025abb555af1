// Runs a plan in dependency order (namespace, parameter, input, channel, distribution) over the
// services, one step at a time: cancellable between steps, a running channel stopped only when the
// caller confirms, and a report of what exists and what does not when a step fails. Idempotent:
// creates carry stable tokens (RequestId, CallerReference) and the next plan finds what was made.
import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import { redactSecrets } from '../cloud/redact';
import { overlay } from './fieldDiff';
import type { DeployPlan, PlannedChange } from './plan';
import type { DeployServices, Tags } from './services';

export type StepStatus = 'done' | 'unchanged' | 'failed' | 'not-attempted' | 'pending' | 'cancelled';

export interface StepReport {
  change: PlannedChange;
  status: StepStatus;
  /** What happened, or why not (a failure's message, the reason a change waits for a person). */
  message?: string;
  /** The resource's id after the step, when it exists. */
  id?: string;
}

export interface ApplyReport {
  steps: StepReport[];
}

export interface ApplyOptions {
  /** Asked before a running channel is stopped to be updated; no means the change stays pending. */
  confirmStop(channelName: string, state: string): Promise<boolean>;
  onStep?(change: PlannedChange, index: number, total: number): void;
  isCancelled?(): boolean;
  /** How long a channel may take to settle (CREATING -> IDLE, STOPPING -> IDLE). */
  settleTimeoutMs?: number;
  /** First interval between state polls; it doubles up to 5 s. */
  pollMs?: number;
  sleep?(ms: number): Promise<void>;
}

const TRANSITIONAL = new Set(['CREATING', 'STARTING', 'STOPPING', 'UPDATING', 'DELETING', 'RECOVERING']);
const MAX_POLL_MS = 5000;

/** The step could not complete for a reason the report names, and nothing after it should run. */
class StepFailure extends Error {}

class Applier {
  private inputId?: string;

  constructor(private readonly plan: DeployPlan, private readonly services: DeployServices, private readonly options: ApplyOptions) {
    this.inputId = plan.observed.input?.id;
  }

  async run(): Promise<ApplyReport> {
    const steps: StepReport[] = [];
    const total = this.plan.changes.length;
    let stopped: StepStatus | undefined;
    for (const [index, change] of this.plan.changes.entries()) {
      if (stopped) {
        steps.push({ change, status: stopped, id: change.id });
        continue;
      }
      if (this.options.isCancelled?.()) {
        stopped = 'cancelled';
        steps.push({ change, status: stopped, id: change.id });
        continue;
      }
      this.options.onStep?.(change, index, total);
      try {
        const step = await this.apply(change);
        steps.push(step);
        // Later steps depend on this one (the channel on its input): they wait for the next apply.
        if (step.status === 'pending' && change.resource === 'input') stopped = 'not-attempted';
      } catch (error) {
        steps.push({ change, status: 'failed', message: redactSecrets(errorText(error), this.plan.desired.secrets), id: change.id });
        stopped = 'not-attempted';
      }
    }
    return { steps };
  }

  private async apply(change: PlannedChange): Promise<StepReport> {
    if (change.action === 'no-change') return { change, status: 'unchanged', id: change.id };
    if (change.action === 'replace' || change.action === 'delete') return { change, status: 'pending', message: change.note, id: change.id };
    switch (change.resource) {
      case 'namespace': return this.namespace(change);
      case 'parameter': return this.parameter(change);
      case 'input': return this.input(change);
      case 'channel': return this.channel(change);
      case 'distribution': return this.distribution(change);
    }
  }

  private async namespace(change: PlannedChange): Promise<StepReport> {
    await this.services.createNamespace(this.plan.desired.namespace);
    return { change, status: 'done', id: this.plan.desired.namespace };
  }

  private async parameter(change: PlannedChange): Promise<StepReport> {
    const { name, value } = this.plan.desired.parameter!;
    await this.services.putParameter(name, value);
    return { change, status: 'done', id: name };
  }

  private async input(change: PlannedChange): Promise<StepReport> {
    const existing = this.plan.observed.input;
    if (existing) {
      await this.services.tagResource(existing.arn, this.plan.desired.tags);
      return { change, status: 'done', id: existing.id };
    }
    const { id } = await this.services.createInput(this.plan.desired.input);
    this.inputId = id;
    return { change, status: 'done', id };
  }

  private channelRequest() {
    if (!this.inputId) throw new StepFailure('The channel\'s input does not exist yet.');
    const { channel } = this.plan.desired;
    return {
      ...channel,
      InputAttachments: channel.InputAttachments?.map((attachment) => ({ ...attachment, InputId: this.inputId })),
    };
  }

  private async channel(change: PlannedChange): Promise<StepReport> {
    const existing = this.plan.observed.channel;
    if (!existing) {
      const { id } = await this.services.createChannel(this.channelRequest());
      const state = await this.settle(id);
      return { change, status: 'done', id, message: `created, ${state}` };
    }
    const { id, arn, name } = existing.summary;
    const settings = change.fields.filter((field) => !field.path.startsWith('Tags'));
    if (settings.length > 0) {
      const state = await this.settle(id);
      const wasRunning = state !== 'IDLE';
      if (wasRunning) {
        if (!(await this.options.confirmStop(name, state))) {
          return { change, status: 'pending', id, message: `Not updated: the channel is ${state} and stopping it was not confirmed.` };
        }
        await this.services.stopChannel(id);
        await this.settle(id);
      }
      const request = this.channelRequest();
      await this.services.updateChannel({
        ChannelId: id,
        Name: request.Name,
        RoleArn: request.RoleArn,
        InputAttachments: request.InputAttachments,
        Destinations: request.Destinations,
        EncoderSettings: request.EncoderSettings,
        InputSpecification: request.InputSpecification,
      });
      await this.settle(id);
      if (wasRunning) await this.services.startChannel(id);
    }
    if (change.fields.some((field) => field.path.startsWith('Tags'))) await this.services.tagResource(arn, this.plan.desired.tags);
    return { change, status: 'done', id };
  }

  private async distribution(change: PlannedChange): Promise<StepReport> {
    const { desired, observed } = this.plan;
    const existing = observed.distribution;
    if (!existing) {
      const created = await this.services.createDistribution({ DistributionConfig: desired.distribution, Tags: { Items: tagList(desired.tags) } });
      return { change, status: 'done', id: created.id, message: created.domainName };
    }
    const { id, arn } = existing.summary;
    if (change.fields.some((field) => !field.path.startsWith('Tags'))) {
      await this.updateDistribution(id, existing.config, existing.etag);
    }
    if (change.fields.some((field) => field.path.startsWith('Tags'))) await this.services.tagDistribution(arn, desired.tags);
    return { change, status: 'done', id };
  }

  /** With If-Match; when someone changed it since the plan read it (a stale ETag), once more on a fresh read. */
  private async updateDistribution(id: string, config: DistributionConfig, etag: string): Promise<void> {
    const merged = (current: DistributionConfig) =>
      overlay(current, { ...this.plan.desired.distribution, CallerReference: current.CallerReference });
    try {
      await this.services.updateDistribution(id, merged(config), etag);
    } catch (error) {
      if ((error as Error).name !== 'PreconditionFailed') throw error;
      const fresh = await this.services.distributionConfig(id);
      await this.services.updateDistribution(id, merged(fresh.config), fresh.etag);
    }
  }

  /** Waits while the channel is in a transitional state; its settled state. */
  private async settle(id: string): Promise<string> {
    const timeout = this.options.settleTimeoutMs ?? 300_000;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const deadline = Date.now() + timeout;
    let interval = this.options.pollMs ?? 250;
    for (;;) {
      const state = (await this.services.describeChannel(id)).State ?? 'UNKNOWN';
      if (!TRANSITIONAL.has(state)) return state;
      if (Date.now() + interval > deadline) {
        throw new StepFailure(`The channel is still ${state} after ${Math.round(timeout / 1000)} s: apply again once it has settled.`);
      }
      await sleep(interval);
      interval = Math.min(interval * 2, MAX_POLL_MS);
    }
  }
}

function tagList(tags: Tags) {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error instanceof StepFailure || !error.name || error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
}

export function applyPlan(plan: DeployPlan, services: DeployServices, options: ApplyOptions): Promise<ApplyReport> {
  return new Applier(plan, services, options).run();
}
