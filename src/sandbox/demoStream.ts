// Puts the sandbox's live-origin.json into action through the real AWS SDK clients: an input, a
// started channel that encodes and PUTs HLS into the namespace, and a deployed distribution.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { distributionStatus } from '../cloud/cloudfront';
import { deployServices } from '../cloud/deployServices';
import { describeChannel, startChannel } from '../cloud/medialive';
import { sandboxStateOf } from '../cloud/sandboxState';
import { sandboxTarget } from '../cloud/target';
import { applyPlan } from '../deploy/apply';
import { desiredState } from '../deploy/desired';
import { makePlan } from '../deploy/observe';
import { reportText } from '../deploy/planText';
import { PLAYER_PAGE, PLAYER_SCRIPT, playerHtml } from './playerPage';
import type { RunningSandbox } from './sandbox';

const WAIT_MS = 20_000;

export interface DemoStream {
  channelId: string;
  distributionId: string;
  domainName: string;
  /** The master playlist through the distribution, as a viewer's player loads it. */
  playbackUrl: string;
  /** The hls.js page served through the distribution, when hls.js is installed. */
  playerUrl?: string;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${WAIT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function putObject(sandbox: RunningSandbox, key: string, body: Buffer | string, contentType: string): Promise<void> {
  const { httpEndpoint, namespace, encoderKey } = sandbox.info.momento;
  const response = await fetch(`${httpEndpoint}/cache/${namespace}/${key}?ttl_seconds=${sandbox.config.momento.ttlSeconds * 24}`, {
    method: 'PUT',
    headers: { authorization: encoderKey, 'content-type': contentType },
    body,
  });
  if (!response.ok) throw new Error(`PUT ${key} into the sandbox namespace failed: ${response.status} ${await response.text()}`);
}

/** Next to the bundle in a packaged extension (dist/hls.min.js), from node_modules in a checkout. */
async function readPlayerScript(): Promise<Buffer | undefined> {
  const packaged = join(__dirname, PLAYER_SCRIPT);
  try {
    return await readFile(existsSync(packaged) ? packaged : require.resolve('hls.js/dist/hls.min.js'));
  } catch {
    return undefined;
  }
}

async function publishPlayer(sandbox: RunningSandbox): Promise<boolean> {
  const script = await readPlayerScript();
  if (!script) return false;
  await putObject(sandbox, PLAYER_SCRIPT, script, 'text/javascript');
  await putObject(sandbox, PLAYER_PAGE, playerHtml(`${sandbox.config.medialive.manifestName}.m3u8`), 'text/html; charset=utf-8');
  return true;
}

/** The sandbox as a target of plan and apply: its endpoints and its own AWS pair. */
function sandboxAsTarget(sandbox: RunningSandbox) {
  return sandboxTarget(sandboxStateOf(sandbox.info, process.pid));
}

export async function startDemoStream(sandbox: RunningSandbox): Promise<DemoStream> {
  const { config, info } = sandbox;
  const target = sandboxAsTarget(sandbox);
  const services = deployServices(target, info.momento.apiKey);
  // One way resources come to exist: the same plan and apply as `live-origin apply`.
  const plan = await makePlan(desiredState(config, { encoderKey: info.momento.encoderKey, playerKey: info.momento.playerKey }), services);
  const report = await applyPlan(plan, services, { confirmStop: async () => false, pollMs: 100, settleTimeoutMs: WAIT_MS });
  const unfinished = report.steps.find((step) => step.status !== 'done' && step.status !== 'unchanged');
  if (unfinished) throw new Error(`Applying the sandbox's live-origin.json did not complete:\n${reportText(report)}`);
  const idOf = (resource: string) => report.steps.find((step) => step.change.resource === resource)!.id!;
  const channelId = idOf('channel');
  const distributionId = idOf('distribution');
  await startChannel(target, channelId);
  const hasPlayer = await publishPlayer(sandbox);
  const channelState = async () => (await describeChannel(target, channelId)).State;
  await until('the channel to run', async () => ((await channelState()) === 'RUNNING' ? true : undefined));
  const domainName = await until('the distribution to deploy', async () => {
    const distribution = await distributionStatus(target, distributionId);
    return distribution.status === 'Deployed' ? distribution.domainName : undefined;
  });
  // Ready means a player opening the URL now finds every playlist, not a 404 it would not retry.
  const { httpEndpoint, namespace, playerKey } = sandbox.info.momento;
  const manifest = config.medialive.manifestName;
  const playlists = [`${manifest}.m3u8`, ...config.stream.ladder.map((r) => `${manifest}${r.nameModifier}.m3u8`)];
  await until('the encoder\'s first playlists', async () => {
    const statuses = await Promise.all(playlists.map(async (key) =>
      (await fetch(`${httpEndpoint}/cache/${namespace}/${key}`, { headers: { authorization: playerKey } })).status));
    return statuses.every((status) => status === 200) ? true : undefined;
  });
  const base = sandbox.cloudfront.edgeUrlFor(domainName);
  return {
    channelId,
    distributionId,
    domainName,
    playbackUrl: `${base}/${manifest}.m3u8`,
    playerUrl: hasPlayer ? `${base}/${PLAYER_PAGE}` : undefined,
  };
}
