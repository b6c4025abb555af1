// Distributions, their ETags and deployment state. The edge serves the last deployed config,
// as CloudFront's edges do while a change is still InProgress.
import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import { ApiError } from './apiErrors';
import { newDistributionId, newDomainLabel, newEtag } from './ids';
import type { TagMap } from './tagging';

export const SANDBOX_ACCOUNT = '000000000000';

export interface StoredDistribution {
  readonly id: string;
  readonly domainName: string;
  readonly arn: string;
  config: DistributionConfig;
  etag: string;
  status: 'InProgress' | 'Deployed';
  lastModifiedTime: Date;
  /** What the edge serves; undefined until the first deployment completes. */
  deployed: DistributionConfig | undefined;
  /** ListTagsForResource's answer, in the order the keys were first set. */
  tags: TagMap;
}

export interface StoreOptions {
  deployDelayMs: number;
  /** Called when a distribution is deleted, to drop what the edge cached for it. */
  onDelete?: (id: string) => void;
}

const MAX_DISTRIBUTIONS = 200;

function clone<T>(value: T): T {
  return structuredClone(value);
}

function aliasesOf(config: DistributionConfig): string[] {
  return (config.Aliases?.Items ?? []).map((alias) => alias.toLowerCase());
}

export class DistributionStore {
  private readonly byId = new Map<string, StoredDistribution>();
  private readonly byCallerReference = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: StoreOptions) {}

  create(config: DistributionConfig, tags: TagMap = new Map()): StoredDistribution {
    const callerReference = config.CallerReference!;
    const existing = this.byCallerReference.get(callerReference);
    if (existing !== undefined) {
      throw new ApiError('DistributionAlreadyExists', 409,
        `The caller reference that you are using to create a distribution is associated with another distribution. Already exists: ${existing}`);
    }
    if (this.byId.size >= MAX_DISTRIBUTIONS) {
      throw new ApiError('TooManyDistributions', 400, `The sandbox holds at most ${MAX_DISTRIBUTIONS} distributions.`);
    }
    this.checkAliasesFree(config, undefined);
    let id = newDistributionId();
    while (this.byId.has(id)) id = newDistributionId();
    const distribution: StoredDistribution = {
      id,
      domainName: `${newDomainLabel()}.cloudfront.net`,
      arn: `arn:aws:cloudfront::${SANDBOX_ACCOUNT}:distribution/${id}`,
      config: clone(config),
      etag: newEtag(),
      status: 'InProgress',
      lastModifiedTime: new Date(),
      deployed: undefined,
      tags: new Map(tags),
    };
    this.byId.set(id, distribution);
    this.byCallerReference.set(callerReference, id);
    this.scheduleDeployment(distribution);
    return distribution;
  }

  find(id: string): StoredDistribution | undefined {
    return this.byId.get(id);
  }

  get(id: string): StoredDistribution {
    const distribution = this.byId.get(id);
    if (!distribution) throw ApiError.noSuchDistribution();
    return distribution;
  }

  update(id: string, ifMatch: string | undefined, config: DistributionConfig): StoredDistribution {
    const distribution = this.get(id);
    this.checkIfMatch(distribution, ifMatch);
    if (config.CallerReference !== distribution.config.CallerReference) {
      throw new ApiError('IllegalUpdate', 400, 'The CallerReference of a distribution cannot be changed.');
    }
    this.checkAliasesFree(config, id);
    distribution.config = clone(config);
    distribution.etag = newEtag();
    distribution.status = 'InProgress';
    distribution.lastModifiedTime = new Date();
    this.scheduleDeployment(distribution);
    return distribution;
  }

  delete(id: string, ifMatch: string | undefined): void {
    const distribution = this.get(id);
    this.checkIfMatch(distribution, ifMatch);
    if (distribution.config.Enabled || distribution.status !== 'Deployed') {
      throw new ApiError('DistributionNotDisabled', 409,
        'The distribution you are trying to delete has not been disabled: disable it and wait until its Status is Deployed.');
    }
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.byId.delete(id);
    this.byCallerReference.delete(distribution.config.CallerReference!);
    this.options.onDelete?.(id);
  }

  /** Distributions in Id order, the page after `marker`. */
  list(marker: string | undefined, maxItems: number): { items: StoredDistribution[]; nextMarker: string | undefined } {
    const all = [...this.byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const after = marker ? all.filter((distribution) => distribution.id > marker) : all;
    const items = after.slice(0, maxItems);
    const truncated = after.length > items.length;
    return { items, nextMarker: truncated ? items[items.length - 1].id : undefined };
  }

  /** The distribution the edge should serve for a Host header (domain label or alternate domain name). */
  findForHost(host: string): StoredDistribution | undefined {
    const wanted = host.toLowerCase();
    for (const distribution of this.byId.values()) {
      if (distribution.domainName === wanted) return distribution;
      const served = distribution.deployed;
      if (served && aliasesOf(served).includes(wanted)) return distribution;
    }
    return undefined;
  }

  findByDomainLabel(label: string): StoredDistribution | undefined {
    return this.findForHost(`${label.toLowerCase()}.cloudfront.net`);
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private checkIfMatch(distribution: StoredDistribution, ifMatch: string | undefined): void {
    if (ifMatch === undefined || ifMatch === '') throw ApiError.missingIfMatch();
    if (ifMatch !== distribution.etag) throw ApiError.preconditionFailed();
  }

  private checkAliasesFree(config: DistributionConfig, selfId: string | undefined): void {
    const wanted = aliasesOf(config);
    for (const other of this.byId.values()) {
      if (other.id === selfId) continue;
      const clash = aliasesOf(other.config).find((alias) => wanted.includes(alias));
      if (clash) throw new ApiError('CNAMEAlreadyExists', 409, `One or more of the CNAMEs you provided are already associated with a different resource: ${clash}.`);
    }
  }

  private scheduleDeployment(distribution: StoredDistribution): void {
    clearTimeout(this.timers.get(distribution.id));
    const timer = setTimeout(() => {
      this.timers.delete(distribution.id);
      if (this.byId.get(distribution.id) !== distribution) return;
      distribution.deployed = clone(distribution.config);
      distribution.status = 'Deployed';
    }, this.options.deployDelayMs);
    timer.unref();
    this.timers.set(distribution.id, timer);
  }
}
