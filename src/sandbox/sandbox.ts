// The whole local sandbox: Momento, SSM, MediaLive and CloudFront emulators on loopback, keys
// minted for one namespace, and a live-origin.json aimed at them.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { defaultPasswordParam } from '../config/destinationUrl';
import { renderConfig, scaffoldConfig } from '../config/scaffold';
import type { LiveOriginConfig } from '../config/model';
import { type AwsCredentials, generateAwsCredentials } from './aws/credentials';
import { startCloudFrontSandbox, type CloudFrontSandbox } from './cloudfront';
import { startMediaLiveSandbox, type MediaLiveSandbox } from './medialive';
import { startMomentoSandbox, type MomentoSandbox } from './momento';
import { startSsmSandbox, type SsmSandbox } from './ssm';

export const SANDBOX_REGION = 'us-west-2';
const KEY_TTL_SECONDS = 30 * 24 * 3600;

/** What `live-origin sandbox --json` prints as its first line; scripts rely on these names. */
export interface SandboxInfo {
  momento: { grpcEndpoint: string; httpEndpoint: string; apiKey: string; encoderKey: string; playerKey: string; namespace: string };
  medialive: { endpoint: string; region: string };
  cloudfront: { endpoint: string; edge: string };
  ssm: { endpoint: string };
  /** The one key pair the MediaLive, CloudFront and SSM endpoints accept (SigV4). */
  aws: AwsCredentials;
  liveOriginJson: string;
}

export interface SandboxOptions {
  /** Folder the sandbox's live-origin.json is written to. */
  dir: string;
  namespace?: string;
  hotStorageBytes?: number;
  ffmpegPath?: string;
  /** How long a distribution stays InProgress (CloudFront takes minutes; the sandbox a moment). */
  deployDelayMs?: number;
}

export interface RunningSandbox {
  info: SandboxInfo;
  config: LiveOriginConfig;
  momento: MomentoSandbox;
  ssm: SsmSandbox;
  medialive: MediaLiveSandbox;
  cloudfront: CloudFrontSandbox;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const namespace = options.namespace ?? 'live-origin';
  const started: { close(): Promise<void> }[] = [];
  const closeAll = async () => {
    for (const service of started.reverse()) await service.close().catch(() => undefined);
  };
  try {
    const momento = await startMomentoSandbox({ hotStorageBytes: options.hotStorageBytes });
    started.push(momento);
    const awsCredentials = generateAwsCredentials();
    const ssm = await startSsmSandbox({ region: SANDBOX_REGION, awsCredentials });
    started.push(ssm);
    const medialive = await startMediaLiveSandbox({ region: SANDBOX_REGION, ssm, ffmpegPath: options.ffmpegPath, awsCredentials });
    started.push(medialive);
    const cloudfront = await startCloudFrontSandbox({ deployDelayMs: options.deployDelayMs ?? 1000, awsCredentials });
    started.push(cloudfront);

    momento.createNamespace(namespace);
    const encoderKey = momento.mintKey({ namespace, role: 'read-write', ttlSeconds: KEY_TTL_SECONDS });
    const playerKey = momento.mintKey({ namespace, role: 'read-only', ttlSeconds: KEY_TTL_SECONDS });
    ssm.putParameter(defaultPasswordParam(namespace), encoderKey);

    const config = scaffoldConfig({
      namespace,
      momentoRegion: SANDBOX_REGION,
      awsRegion: SANDBOX_REGION,
      ladderPreset: 'guide',
      segmentLengthSeconds: 2,
      ttlSeconds: 3600,
      publishMode: 'credentials',
      restEndpoint: new URL(momento.httpEndpoint).host,
    });
    const dir = resolve(options.dir);
    await mkdir(dir, { recursive: true });
    const liveOriginJson = join(dir, 'live-origin.json');
    await writeFile(liveOriginJson, renderConfig(config));

    const info: SandboxInfo = {
      momento: { grpcEndpoint: momento.grpcEndpoint, httpEndpoint: momento.httpEndpoint, apiKey: momento.adminKey, encoderKey, playerKey, namespace },
      medialive: { endpoint: medialive.endpoint, region: medialive.region },
      cloudfront: { endpoint: cloudfront.endpoint, edge: cloudfront.edge },
      ssm: { endpoint: ssm.endpoint },
      aws: { accessKeyId: awsCredentials.accessKeyId, secretAccessKey: awsCredentials.secretAccessKey },
      liveOriginJson,
    };
    return { info, config, momento, ssm, medialive, cloudfront, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
