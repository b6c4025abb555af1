// A MediaLive control plane on 127.0.0.1 that @aws-sdk/client-medialive talks to unmodified
// (endpoint override), whose started channels really encode with ffmpeg and PUT HLS (through a
// loopback relay that holds the encoder key).
import type { AddressInfo } from 'node:net';
import { type AwsCredentials, generateAwsCredentials } from '../aws/credentials';
import { type AwsPlaneControls, PlaneControls } from '../aws/planeControls';
import type { SsmSandbox } from '../ssm';
import { ChannelPlane, DEFAULT_TIMINGS, SandboxChannelStatus, Timings } from './channels';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { PutRelay } from './putRelay';
import { createMediaLiveServer, MEDIALIVE_OPERATIONS } from './server';

export type { SandboxChannelStatus, Timings } from './channels';
export type { Limits } from './limits';
export { buildFfmpegArgs } from './ffmpegArgs';
export type { ResolvedCredentials } from './credentials';

export interface MediaLiveSandbox extends AwsPlaneControls {
  endpoint: string;
  region: string;
  /** The only credentials whose SigV4 signatures the endpoint accepts. */
  credentials: AwsCredentials;
  /** Every channel the sandbox knows (deleted ones too), with its ffmpeg pid while one runs. */
  channels(): SandboxChannelStatus[];
  close(): Promise<void>;
}

export interface MediaLiveSandboxOptions {
  region?: string;
  port?: number;
  /** Where destinations in credentials mode read their PasswordParam. */
  ssm?: SsmSandbox;
  /** Default `ffmpeg` from PATH. */
  ffmpegPath?: string;
  /** State-change delays; shorter ones make tests faster. */
  timings?: Partial<Timings>;
  /** Quotas and caps; the defaults suit one developer's machine. */
  limits?: Partial<Limits>;
  /** Default: a pair generated for this sandbox. */
  awsCredentials?: AwsCredentials;
}

export async function startMediaLiveSandbox(opts: MediaLiveSandboxOptions = {}): Promise<MediaLiveSandbox> {
  const region = opts.region ?? 'us-west-2';
  const relay = await PutRelay.start();
  const plane = new ChannelPlane({
    region,
    ffmpegPath: opts.ffmpegPath ?? 'ffmpeg',
    ssm: opts.ssm,
    timings: { ...DEFAULT_TIMINGS, ...opts.timings },
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    relay,
  });
  const credentials = opts.awsCredentials ?? generateAwsCredentials();
  const controls = new PlaneControls('MediaLive', MEDIALIVE_OPERATIONS);
  const server = createMediaLiveServer(plane, controls, credentials);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await relay.close();
    throw error;
  });
  // ffmpeg must not outlive the process that started it, even when close() is never called.
  const killOnExit = () => plane.killAll();
  process.on('exit', killOnExit);
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    region,
    // A copy: the AWS SDK writes `$source` into the credentials object it is given.
    credentials: { ...credentials },
    channels: () => plane.statuses(),
    faults: controls.faults,
    requests: () => controls.requests(),
    resetRequests: () => controls.resetRequests(),
    close: () => {
      closing ??= (async () => {
        controls.dispose();
        await plane.close();
        await relay.close();
        process.off('exit', killOnExit);
        await new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        });
      })();
      return closing;
    },
  };
}
