// Fault injection for the AWS control planes (MediaLive, CloudFront, SSM), in the spirit of the
// Momento sandbox's: a rule names a kind, the operations it hits (SDK command names without
// "Command") and how many requests it applies to. One engine per plane; each plane words the
// injected error in its own protocol (see the `injected` helpers next to each plane's errors).
//
// Counts are per request that reaches the plane, so the SDK's own retries consume them: with the
// default 3 attempts, `count: 1` is absorbed by a retry and `count: 3` or more reaches the caller.

export const AWS_FAULT_KINDS = ['throttle', 'server-error', 'stale-etag', 'delay'] as const;
export type AwsFaultKind = (typeof AWS_FAULT_KINDS)[number];
/** The kinds that answer with an error instead of serving the request. */
export type InjectedError = Exclude<AwsFaultKind, 'delay'>;

/** Upper bound for one injected delay, as for the Momento sandbox: a typo cannot hang a run. */
export const MAX_AWS_FAULT_DELAY_MS = 60_000;
const MAX_RULES = 1000;

export interface AwsFaultSpec {
  kind: AwsFaultKind;
  /** Operations the rule hits; all of the plane's when omitted (`stale-etag`: the ones with an If-Match). */
  operations?: string[];
  /** How many matching requests the rule applies to; unlimited when omitted. */
  count?: number;
  /** `delay` only: latency added before the request is served. */
  delayMs?: number;
}

export interface AwsFaultRule {
  readonly id: number;
  readonly spec: Readonly<AwsFaultSpec>;
  /** Requests the rule has applied to so far. */
  readonly applied: number;
  /** Deactivates the rule. */
  remove(): void;
}

export interface AwsFaultInjector {
  /** Adds a rule; throws FaultSpecError, with the reason, on a spec the plane cannot honour. */
  inject(spec: AwsFaultSpec): AwsFaultRule;
  /** Removes every rule. */
  clear(): void;
  /** Rules in force or used up, oldest first. */
  rules(): AwsFaultRule[];
}

/** A rule as the admin path reports it. */
export interface AwsFaultRuleView extends AwsFaultSpec {
  id: number;
  applied: number;
}

/** What a plane accepts: its operations, and those a stale ETag can hit (none: no `stale-etag`). */
export interface FaultScope {
  service: string;
  operations: readonly string[];
  etagOperations?: readonly string[];
}

export interface FaultDecision {
  error?: InjectedError;
  delayMs: number;
}

export class FaultSpecError extends Error {}

class Rule implements AwsFaultRule {
  applied = 0;

  constructor(
    readonly id: number,
    readonly spec: Readonly<AwsFaultSpec>,
    private readonly onRemove: (rule: Rule) => void,
  ) {}

  remove(): void {
    this.onRemove(this);
  }

  /** Counts the request against the rule when the rule applies to it. */
  take(operation: string): boolean {
    if (this.spec.operations !== undefined && !this.spec.operations.includes(operation)) return false;
    if (this.spec.count !== undefined && this.applied >= this.spec.count) return false;
    this.applied++;
    return true;
  }
}

export class AwsFaultEngine implements AwsFaultInjector {
  private nextId = 1;
  private active: Rule[] = [];
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; resolve: (completed: boolean) => void }>();

  constructor(private readonly scope: FaultScope) {}

  inject(spec: AwsFaultSpec): AwsFaultRule {
    const checked = validateFaultSpec(spec, this.scope);
    if (this.active.length >= MAX_RULES) throw new FaultSpecError(`A plane holds at most ${MAX_RULES} fault rules; clear some first.`);
    const rule = new Rule(this.nextId++, checked, (removed) => {
      this.active = this.active.filter((other) => other !== removed);
    });
    this.active.push(rule);
    return rule;
  }

  clear(): void {
    this.active = [];
  }

  rules(): AwsFaultRule[] {
    return [...this.active];
  }

  /** The fault for one request: the first matching error rule, the longest matching delay. */
  decide(operation: string): FaultDecision {
    let error: InjectedError | undefined;
    let delayMs = 0;
    for (const rule of this.active) {
      const { kind } = rule.spec;
      if (kind === 'delay') {
        if (rule.take(operation)) delayMs = Math.max(delayMs, rule.spec.delayMs!);
      } else if (error === undefined && rule.take(operation)) {
        error = kind;
      }
    }
    return { error, delayMs };
  }

  /** Waits `ms`; resolves false instead when the plane closes first. */
  sleep(ms: number): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const sleeper = {
        resolve,
        timer: setTimeout(() => {
          this.sleepers.delete(sleeper);
          resolve(true);
        }, ms),
      };
      this.sleepers.add(sleeper);
    });
  }

  dispose(): void {
    for (const sleeper of this.sleepers) {
      clearTimeout(sleeper.timer);
      sleeper.resolve(false);
    }
    this.sleepers.clear();
    this.clear();
  }
}

export function ruleView(rule: AwsFaultRule): AwsFaultRuleView {
  return { id: rule.id, ...rule.spec, applied: rule.applied };
}

const SPEC_FIELDS = ['kind', 'operations', 'count', 'delayMs'];

/** Checks a spec from code or from the wire (any JSON) against what `scope` offers. */
export function validateFaultSpec(spec: unknown, scope: FaultScope): AwsFaultSpec {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new FaultSpecError('A fault spec is an object such as {"kind": "throttle", "operations": ["CreateChannel"], "count": 5}.');
  }
  const fields = spec as Record<string, unknown>;
  const unknown = Object.keys(fields).find((name) => !SPEC_FIELDS.includes(name));
  if (unknown !== undefined) throw new FaultSpecError(`Unknown field '${unknown}' in a fault spec. Known: ${SPEC_FIELDS.join(', ')}.`);
  const kind = checkKind(fields.kind, scope);
  const operations = checkOperations(fields.operations, kind, scope);
  const checked: AwsFaultSpec = { kind };
  if (operations !== undefined) checked.operations = operations;
  if (fields.count !== undefined) {
    if (typeof fields.count !== 'number' || !Number.isSafeInteger(fields.count) || fields.count < 1) {
      throw new FaultSpecError(`count must be a whole number of requests, 1 or more (omit it for every request), got ${JSON.stringify(fields.count)}.`);
    }
    checked.count = fields.count;
  }
  if (kind === 'delay') {
    const delayMs = fields.delayMs;
    if (typeof delayMs !== 'number' || !Number.isInteger(delayMs) || delayMs < 1 || delayMs > MAX_AWS_FAULT_DELAY_MS) {
      throw new FaultSpecError(`A delay fault needs delayMs, whole milliseconds from 1 to ${MAX_AWS_FAULT_DELAY_MS}, got ${JSON.stringify(delayMs)}.`);
    }
    checked.delayMs = delayMs;
  } else if (fields.delayMs !== undefined) {
    throw new FaultSpecError(`delayMs belongs to kind 'delay' only; a '${kind}' fault answers at once.`);
  }
  return checked;
}

function checkKind(kind: unknown, scope: FaultScope): AwsFaultKind {
  if (typeof kind !== 'string' || !(AWS_FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new FaultSpecError(`Unknown fault kind ${JSON.stringify(kind)}. Use one of: ${AWS_FAULT_KINDS.join(', ')}.`);
  }
  if (kind === 'stale-etag' && !scope.etagOperations) {
    throw new FaultSpecError(`${scope.service} has no ETags: 'stale-etag' applies to CloudFront only.`);
  }
  return kind as AwsFaultKind;
}

function checkOperations(operations: unknown, kind: AwsFaultKind, scope: FaultScope): string[] | undefined {
  const allowed = kind === 'stale-etag' ? scope.etagOperations! : scope.operations;
  if (operations === undefined) return kind === 'stale-etag' ? [...allowed] : undefined;
  if (!Array.isArray(operations) || operations.length === 0 || operations.some((name) => typeof name !== 'string')) {
    throw new FaultSpecError('operations must be a non-empty list of operation names (omit it for every operation).');
  }
  for (const name of operations as string[]) {
    if (allowed.includes(name)) continue;
    const where = kind === 'stale-etag' ? `'stale-etag' applies to` : `${scope.service} has`;
    throw new FaultSpecError(`Unknown operation '${name}' for this fault: ${where} ${allowed.join(', ')}.`);
  }
  return [...new Set(operations as string[])];
}
