// The guide's troubleshooting, step by step, over injected fetches: the origin with the player key
// (master, every variant, live point), then, once the origin is right, the same through CloudFront
// without a key. Pure: the command line and the editor supply the fetches and the target.
import * as l10n from '@vscode/l10n';
import { redactSecrets } from '../cloud/redact';
import { systemClock, type Clock } from '../live/clock';
import { LIVE_LIMITS } from '../live/limits';
import type { LiveFetch } from '../live/liveFetch';
import type { CauseContext, CdnFinding } from './causes';
import { stepTitle, type StepResult, type VerifyFix, type VerifyReport } from './report';
import { runStage, type StageOptions } from './stage';

/** Where CloudFront is tested: the master through a distribution, or why none could be found. */
export type CdnTarget =
  | { masterUrl: string; /** The audit of the distribution, when its configuration was read. */ findings: readonly CdnFinding[] }
  | { problem: string; causes: string[]; fix?: VerifyFix };

export interface VerifyTarget {
  namespace: string;
  /** `host` or loopback `host:port`, as live-origin.json's momento.restEndpoint. */
  restEndpoint: string;
  manifestName: string;
  /** The master playlist at the origin. */
  originMasterUrl: string;
  cdn: CdnTarget;
}

export interface VerifyOptions {
  /** Adds the player key for the origin. */
  originFetch: LiveFetch;
  /** Sends no key: CloudFront adds its own. */
  cdnFetch: LiveFetch;
  /** How to replace the player key where verify runs, shown with the key's failures. */
  replacePlayerKey: string;
  clock?: Clock;
  /** Defaults to the clock's timers; tests pass one that returns at once. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
  timeoutMs?: number;
  signal?: AbortSignal;
  onStep?: (step: StepResult) => void;
}

function clockWait(clock: Clock): (ms: number, signal: AbortSignal) => Promise<void> {
  return (ms, signal) => new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clock.clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = clock.setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function redacted(step: StepResult): StepResult {
  return { ...step, detail: redactSecrets(step.detail), causes: step.causes.map((cause) => redactSecrets(cause)) };
}

export async function verify(target: VerifyTarget, options: VerifyOptions): Promise<VerifyReport> {
  const clock = options.clock ?? systemClock;
  const signal = options.signal ?? new AbortController().signal;
  const wait = options.wait ?? clockWait(clock);
  const steps: StepResult[] = [];
  const record = (step: StepResult) => {
    const shown = redacted(signal.aborted && step.status === 'skip' ? { ...step, detail: l10n.t('Cancelled.') } : step);
    steps.push(shown);
    options.onStep?.(shown);
  };
  const context = (findings: readonly CdnFinding[]): CauseContext => ({
    namespace: target.namespace,
    restEndpoint: target.restEndpoint,
    manifestName: target.manifestName,
    replacePlayerKey: options.replacePlayerKey,
    cdnFindings: findings,
  });
  const stage = (side: StageOptions['side'], fetch: LiveFetch, findings: readonly CdnFinding[]): StageOptions => ({
    side,
    fetch,
    clock,
    timeoutMs: options.timeoutMs ?? LIVE_LIMITS.requestTimeoutMs,
    signal,
    limits: LIVE_LIMITS,
    context: context(findings),
    wait: (ms) => wait(ms, signal),
    onStep: record,
  });

  const origin = await runStage(target.originMasterUrl, stage('origin', options.originFetch, []));
  const failed = origin.find((step) => step.status !== 'pass');
  const { cdn } = target;
  if (failed) {
    const detail = l10n.t('Skipped: the origin failed at "{0}"; the guide checks CloudFront once everything is right at the origin.', failed.title);
    for (const id of ['cdn-master', 'cdn-variants', 'cdn-live-point'] as const) record({ id, title: stepTitle(id), status: 'skip', detail, causes: [] });
  } else if ('problem' in cdn) {
    record({ id: 'cdn-master', title: stepTitle('cdn-master'), status: 'fail', detail: cdn.problem, causes: cdn.causes, fix: cdn.fix });
    const detail = l10n.t('Skipped: no distribution to go through.');
    for (const id of ['cdn-variants', 'cdn-live-point'] as const) record({ id, title: stepTitle(id), status: 'skip', detail, causes: [] });
  } else {
    await runStage(cdn.masterUrl, stage('cdn', options.cdnFetch, cdn.findings));
  }
  return { steps };
}
