// Plan and apply against the sandbox through the real SDKs: wall time, and the AWS API requests
// each makes as the sandbox's planes count them (Momento's namespace listing adds one call).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { deployServices } from '../src/cloud/deployServices';
import { sandboxStateOf } from '../src/cloud/sandboxState';
import { sandboxTarget } from '../src/cloud/target';
import type { LiveOriginConfig } from '../src/config/model';
import { applyPlan } from '../src/deploy/apply';
import { desiredState } from '../src/deploy/desired';
import { makePlan } from '../src/deploy/observe';
import { startSandbox, type RunningSandbox } from '../src/sandbox/sandbox';

export interface Calls {
  reads: number;
  mutating: number;
}

export interface DeployBench {
  planEmpty: { ms: number; calls: Calls };
  apply: { ms: number; calls: Calls };
  planUnchanged: { ms: number; calls: Calls };
  applyUnchanged: { ms: number; calls: Calls };
}

async function measured(sandbox: RunningSandbox, work: () => Promise<unknown>): Promise<{ ms: number; calls: Calls }> {
  const planes = [sandbox.medialive, sandbox.cloudfront, sandbox.ssm];
  planes.forEach((plane) => plane.resetRequests());
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const counts = planes.map((plane) => plane.requests());
  return { ms, calls: { reads: counts.reduce((sum, c) => sum + c.read.total, 0), mutating: counts.reduce((sum, c) => sum + c.mutating.total, 0) } };
}

export async function benchDeploy(): Promise<DeployBench> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'live-origin-bench-deploy-'));
  const sandbox = await startSandbox({ dir, namespace: 'bench-deploy', deployDelayMs: 100 });
  try {
    const config: LiveOriginConfig = sandbox.config;
    const services = deployServices(sandboxTarget(sandboxStateOf(sandbox.info, process.pid)), sandbox.info.momento.apiKey);
    const desired = desiredState(config, { encoderKey: sandbox.info.momento.encoderKey, playerKey: sandbox.info.momento.playerKey });
    const options = { confirmStop: async () => false, pollMs: 50 };
    // Warm the SDK clients so the first row measures planning, not module loading.
    await makePlan(desired, services);
    let plan = await makePlan(desired, services);
    const planEmpty = await measured(sandbox, async () => { plan = await makePlan(desired, services); });
    const apply = await measured(sandbox, () => applyPlan(plan, services, options));
    const planUnchanged = await measured(sandbox, async () => { plan = await makePlan(desired, services); });
    const applyUnchanged = await measured(sandbox, async () => applyPlan(await makePlan(desired, services), services, options));
    return { planEmpty, apply, planUnchanged, applyUnchanged };
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}
