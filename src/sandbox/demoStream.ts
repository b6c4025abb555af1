// Puts the sandbox's live-origin.json into action through the real AWS SDK clients: an input, a
// started channel that encodes and PUTs HLS into the namespace, and a deployed distribution.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createChannelRequest } from '../deploy/channelRequest';
import { distributionConfig } from '../deploy/distributionConfig';
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

export async function startDemoStream(sandbox: RunningSandbox): Promise<DemoStream> {
  const ml = await import('@aws-sdk/client-medialive');
  const cf = await import('@aws-sdk/client-cloudfront');
  // A copy: the AWS SDK writes `$source` into the credentials object it is given, and info is printed.
  const credentials = { ...sandbox.info.aws };
  const medialive = new ml.MediaLiveClient({ region: sandbox.info.medialive.region, endpoint: sandbox.info.medialive.endpoint, credentials });
  const cloudfront = new cf.CloudFrontClient({ region: 'us-east-1', endpoint: sandbox.info.cloudfront.endpoint, credentials });
  try {
    const { config } = sandbox;
    const input = await medialive.send(new ml.CreateInputCommand({
      Name: config.medialive.input.name,
      Type: 'RTMP_PUSH',
      Destinations: [{ StreamName: `${config.momento.namespace}/live` }],
    }));
    const channel = await medialive.send(new ml.CreateChannelCommand(createChannelRequest(config, {
      inputId: input.Input!.Id!,
      requestId: `sandbox-${config.momento.namespace}`,
    })));
    const channelId = channel.Channel!.Id!;
    const channelState = async () => (await medialive.send(new ml.DescribeChannelCommand({ ChannelId: channelId }))).State;
    await until('the channel to be created', async () => ((await channelState()) === 'IDLE' ? true : undefined));
    await medialive.send(new ml.StartChannelCommand({ ChannelId: channelId }));

    const created = await cloudfront.send(new cf.CreateDistributionCommand({
      DistributionConfig: distributionConfig(config, `sandbox-${config.momento.namespace}`, sandbox.info.momento.playerKey),
    }));
    const distributionId = created.Distribution!.Id!;
    const domainName = created.Distribution!.DomainName!;
    const hasPlayer = await publishPlayer(sandbox);

    await until('the channel to run', async () => ((await channelState()) === 'RUNNING' ? true : undefined));
    await until('the distribution to deploy', async () => {
      const { Distribution } = await cloudfront.send(new cf.GetDistributionCommand({ Id: distributionId }));
      return Distribution?.Status === 'Deployed' ? true : undefined;
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
  } finally {
    medialive.destroy();
    cloudfront.destroy();
  }
}
