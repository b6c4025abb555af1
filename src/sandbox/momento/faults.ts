// Fault injection in the manner of momento-local: return a chosen error for chosen operations
// a number of times, and/or add latency. Rules come from two places:
//
// - per run: `sandbox.faults.inject({...})`, active until removed or used up;
// - per request: HTTP header / gRPC metadata `x-momento-fault`, e.g.
//     x-momento-fault: return-error=unavailable;error-rpcs=get,set;error-count=2;delay-ms=200
//   and, on gRPC, momento-local's own metadata (`return-error`, `error-rpcs` space separated,
//   `error-count`, `delay-rpcs`, `delay-ms`, `delay-count`, `request-id`), which is what the
//   SDK's ExperimentalMomentoLocalTestConfigMiddleware sends.
//
// Per-request counts (error-count, delay-count) are kept per `request-id`, or per identical fault
// text when no request-id is given, so a client retrying the same request sees the error N times
// and then succeeds. Faults are decided before a request touches the store: an injected error
// never follows a write, so every acknowledged PUT/Set is stored.

import { Operation, OPERATIONS } from './access';

export const FAULT_ERRORS = [
  'unavailable',
  'internal',
  'not-found',
  'permission-denied',
  'unauthenticated',
  'resource-exhausted',
  'deadline-exceeded',
  'cancelled',
  'invalid-argument',
  'already-exists',
  'failed-precondition',
  'unknown',
] as const;
export type FaultError = (typeof FAULT_ERRORS)[number];

/** Upper bound for one injected delay, so a typo cannot hang a test run. */
export const MAX_FAULT_DELAY_MS = 60_000;

export interface FaultSpec {
  /** Error to return instead of serving the request. */
  returnError?: FaultError;
  /** Operations that get the error; all when omitted. */
  errorRpcs?: Operation[];
  /** How many requests get the error; unlimited when omitted. */
  errorCount?: number;
  /** Latency added before the request is served. */
  delayMs?: number;
  /** Operations that get the delay; all when omitted. */
  delayRpcs?: Operation[];
  /** How many requests get the delay; unlimited when omitted. */
  delayCount?: number;
  /** Only requests on this namespace match; any when omitted. */
  namespace?: string;
  /** Groups per-request faults for counting (momento-local's `request-id`). */
  requestId?: string;
}

export interface FaultRule {
  readonly id: number;
  readonly spec: Readonly<FaultSpec>;
  readonly errorsInjected: number;
  readonly delaysInjected: number;
  /** Deactivates the rule. */
  remove(): void;
}

export interface FaultInjector {
  /** Adds a rule for this sandbox run. */
  inject(spec: FaultSpec): FaultRule;
  /** Removes every run rule and forgets per-request counters. */
  clear(): void;
  /** Active run rules, oldest first. */
  rules(): FaultRule[];
  /** Totals over the run, for run and per-request faults together. */
  readonly errorsInjected: number;
  readonly delaysInjected: number;
}

export interface FaultDecision {
  error?: FaultError;
  delayMs: number;
}

export class FaultSpecError extends Error {}

class Rule implements FaultRule {
  errorsInjected = 0;
  delaysInjected = 0;
  active = true;

  constructor(
    readonly id: number,
    readonly spec: Readonly<FaultSpec>,
    private readonly onRemove: (rule: Rule) => void,
  ) {}

  remove(): void {
    this.active = false;
    this.onRemove(this);
  }

  takeError(op: Operation, namespace: string | undefined): FaultError | undefined {
    const { returnError, errorRpcs, errorCount } = this.spec;
    if (!this.active || returnError === undefined || !this.matches(op, namespace, errorRpcs)) return undefined;
    if (errorCount !== undefined && this.errorsInjected >= errorCount) return undefined;
    this.errorsInjected++;
    return returnError;
  }

  takeDelay(op: Operation, namespace: string | undefined): number {
    const { delayMs, delayRpcs, delayCount } = this.spec;
    if (!this.active || !delayMs || !this.matches(op, namespace, delayRpcs)) return 0;
    if (delayCount !== undefined && this.delaysInjected >= delayCount) return 0;
    this.delaysInjected++;
    return delayMs;
  }

  private matches(op: Operation, namespace: string | undefined, rpcs: Operation[] | undefined): boolean {
    if (rpcs !== undefined && !rpcs.includes(op)) return false;
    return this.spec.namespace === undefined || this.spec.namespace === namespace;
  }
}

const MAX_REQUEST_RULES = 10_000;

export class FaultEngine implements FaultInjector {
  private nextId = 1;
  private runRules: Rule[] = [];
  // Insertion-ordered so the oldest per-request counters are dropped first when the map is full.
  private readonly requestRules = new Map<string, Rule>();
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private errorsTotal = 0;
  private delaysTotal = 0;

  get errorsInjected(): number {
    return this.errorsTotal;
  }

  get delaysInjected(): number {
    return this.delaysTotal;
  }

  inject(spec: FaultSpec): FaultRule {
    const checked = validateSpec(spec);
    const rule = new Rule(this.nextId++, checked, (r) => {
      this.runRules = this.runRules.filter((x) => x !== r);
    });
    this.runRules.push(rule);
    return rule;
  }

  clear(): void {
    for (const rule of this.runRules) rule.active = false;
    this.runRules = [];
    this.requestRules.clear();
  }

  rules(): FaultRule[] {
    return [...this.runRules];
  }

  /** Decides the fault for one request and counts it. `requestSpec` comes from its header. */
  decide(op: Operation, namespace: string | undefined, requestSpec?: FaultSpec): FaultDecision {
    const candidates = [...this.runRules];
    if (requestSpec) candidates.push(this.requestRule(requestSpec));
    let error: FaultError | undefined;
    let delayMs = 0;
    for (const rule of candidates) {
      delayMs = Math.max(delayMs, rule.takeDelay(op, namespace));
      error ??= rule.takeError(op, namespace);
    }
    if (error !== undefined) this.errorsTotal++;
    if (delayMs > 0) this.delaysTotal++;
    return { error, delayMs };
  }

  /** Waits `ms`; resolves early when the sandbox closes. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper = {
        resolve,
        timer: setTimeout(() => {
          this.sleepers.delete(sleeper);
          resolve();
        }, ms),
      };
      this.sleepers.add(sleeper);
    });
  }

  dispose(): void {
    for (const sleeper of this.sleepers) {
      clearTimeout(sleeper.timer);
      sleeper.resolve();
    }
    this.sleepers.clear();
    this.clear();
  }

  private requestRule(spec: FaultSpec): Rule {
    const key = spec.requestId !== undefined ? `id:${spec.requestId}` : `spec:${JSON.stringify(spec)}`;
    let rule = this.requestRules.get(key);
    if (!rule) {
      if (this.requestRules.size >= MAX_REQUEST_RULES) {
        const oldest = this.requestRules.keys().next().value;
        if (oldest !== undefined) this.requestRules.delete(oldest);
      }
      rule = new Rule(0, spec, () => this.requestRules.delete(key));
      this.requestRules.set(key, rule);
    }
    return rule;
  }
}

function validateSpec(spec: FaultSpec): FaultSpec {
  if (spec.returnError !== undefined && !(FAULT_ERRORS as readonly string[]).includes(spec.returnError)) {
    throw new FaultSpecError(`Unknown fault error '${spec.returnError}'. Use one of: ${FAULT_ERRORS.join(', ')}.`);
  }
  for (const rpcs of [spec.errorRpcs, spec.delayRpcs]) {
    for (const rpc of rpcs ?? []) {
      if (!(OPERATIONS as readonly string[]).includes(rpc)) {
        throw new FaultSpecError(`Unknown operation '${rpc}' in a fault rule. Use any of: ${OPERATIONS.join(', ')}.`);
      }
    }
  }
  for (const [name, value] of [['error-count', spec.errorCount], ['delay-count', spec.delayCount]] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
      throw new FaultSpecError(`${name} must be a whole number of requests, got '${value}'.`);
    }
  }
  if (spec.delayMs !== undefined && (!Number.isFinite(spec.delayMs) || spec.delayMs < 0 || spec.delayMs > MAX_FAULT_DELAY_MS)) {
    throw new FaultSpecError(`delay-ms must be between 0 and ${MAX_FAULT_DELAY_MS}, got '${spec.delayMs}'.`);
  }
  if (spec.returnError === undefined && !spec.delayMs) {
    throw new FaultSpecError('A fault rule needs return-error or delay-ms.');
  }
  return { ...spec, errorRpcs: spec.errorRpcs && [...spec.errorRpcs], delayRpcs: spec.delayRpcs && [...spec.delayRpcs] };
}

const HEADER_KEYS: Record<string, keyof FaultSpec> = {
  'return-error': 'returnError',
  'error-rpcs': 'errorRpcs',
  'error-count': 'errorCount',
  'delay-ms': 'delayMs',
  'delay-rpcs': 'delayRpcs',
  'delay-count': 'delayCount',
  namespace: 'namespace',
  'request-id': 'requestId',
};

/** The name of the per-request fault header (HTTP) and metadata key (gRPC). */
export const FAULT_HEADER = 'x-momento-fault';

/**
 * Parses `name=value;name=value` fault text (see the top of this file). Lists take commas or
 * spaces. Throws FaultSpecError with a plain-English message on anything it does not know.
 */
export function parseFaultSpec(text: string): FaultSpec {
  const fields: Record<string, string> = {};
  for (const part of text.split(';')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw new FaultSpecError(`Fault parameter '${trimmed}' must look like name=value.`);
    const name = trimmed.slice(0, eq).trim().toLowerCase();
    if (!(name in HEADER_KEYS)) {
      throw new FaultSpecError(`Unknown fault parameter '${name}'. Known: ${Object.keys(HEADER_KEYS).join(', ')}.`);
    }
    fields[name] = trimmed.slice(eq + 1).trim();
  }
  return specFromFields((name) => fields[name]);
}

/** Reads momento-local's fault metadata; undefined when the request carries none. */
export function specFromMomentoLocalMetadata(get: (name: string) => string | undefined): FaultSpec | undefined {
  const present = Object.keys(HEADER_KEYS).some((name) => name !== 'namespace' && get(name) !== undefined);
  const hasEffect = get('return-error') !== undefined || get('delay-ms') !== undefined;
  return present && hasEffect ? specFromFields(get) : undefined;
}

function specFromFields(get: (name: string) => string | undefined): FaultSpec {
  const spec: FaultSpec = {};
  const returnError = get('return-error');
  if (returnError !== undefined) spec.returnError = returnError.toLowerCase() as FaultError;
  const errorRpcs = get('error-rpcs');
  if (errorRpcs !== undefined) spec.errorRpcs = list(errorRpcs);
  const delayRpcs = get('delay-rpcs');
  if (delayRpcs !== undefined) spec.delayRpcs = list(delayRpcs);
  const errorCount = get('error-count');
  if (errorCount !== undefined) spec.errorCount = number('error-count', errorCount);
  const delayCount = get('delay-count');
  if (delayCount !== undefined) spec.delayCount = number('delay-count', delayCount);
  const delayMs = get('delay-ms');
  if (delayMs !== undefined) spec.delayMs = number('delay-ms', delayMs);
  const namespace = get('namespace');
  if (namespace !== undefined) spec.namespace = namespace;
  const requestId = get('request-id');
  if (requestId !== undefined) spec.requestId = requestId;
  return validateSpec(spec);
}

function list(value: string): Operation[] {
  return value
    .split(/[\s,]+/)
    .filter((x) => x !== '')
    .map((x) => x.toLowerCase() as Operation);
}

function number(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new FaultSpecError(`${name} must be a whole number, got '${value}'.`);
  return Number(value);
}
