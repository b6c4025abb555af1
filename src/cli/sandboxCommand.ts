// `live-origin sandbox`: the local emulators on loopback until Ctrl-C or SIGTERM.
import { join } from 'node:path';
import { removeSandboxState, sandboxStateOf, writeSandboxState } from '../cloud/sandboxState';
import { findExecutable } from '../sandbox/medialive/findExecutable';
import { CliFailure } from './failure';

export const SANDBOX_USAGE = `  live-origin sandbox [--json] [--dir DIR] [--namespace NAME] [--no-stream] [--exit-on-stdin-close]
                                                   start the local sandbox (Momento, MediaLive, CloudFront) on loopback`;

export interface SandboxArgs {
  json: boolean;
  dir: string;
  namespace: string;
  stream: boolean;
  exitOnStdinClose: boolean;
}

export function parseSandboxArgs(args: string[], usageError: (message: string) => Error): SandboxArgs {
  const parsed: SandboxArgs = { json: false, dir: join(process.cwd(), 'live-origin-sandbox'), namespace: 'live-origin', stream: true, exitOnStdinClose: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) throw usageError(`${arg} needs a value.`);
      return next;
    };
    if (arg === '--json') parsed.json = true;
    else if (arg === '--dir') parsed.dir = value();
    else if (arg === '--namespace') parsed.namespace = value();
    else if (arg === '--no-stream') parsed.stream = false;
    else if (arg === '--exit-on-stdin-close') parsed.exitOnStdinClose = true;
    else throw usageError(`Unknown option ${arg}.`);
  }
  return parsed;
}

export async function runSandbox(args: SandboxArgs): Promise<number> {
  // The SDK's notice that its future releases need Node 22 says nothing about this pinned sandbox.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (args.stream && !findExecutable('ffmpeg')) {
    throw new CliFailure('The sandbox streams with ffmpeg, which is not installed. Install it as root (apt-get install ffmpeg, or scripts/setup-system.sh), or start without the stream: live-origin sandbox --no-stream.');
  }
  const { startSandbox, startDemoStream } = await import('../sandbox/runtime');
  const sandbox = await startSandbox({ dir: args.dir, namespace: args.namespace });
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= (async () => {
    removeSandboxState(process.pid);
    await sandbox.close();
  })());
  const stopped = new Promise<void>((resolve) => {
    const onSignal = () => void stop().then(resolve);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    if (args.exitOnStdinClose) {
      process.stdin.once('end', onSignal).once('close', onSignal).resume();
    }
  });
  try {
    const stream = args.stream ? await startDemoStream(sandbox) : undefined;
    writeSandboxState(sandboxStateOf(sandbox.info, process.pid));
    if (args.json) {
      process.stdout.write(`${JSON.stringify(stream ? { ...sandbox.info, stream } : sandbox.info)}\n`);
    } else {
      const { info } = sandbox;
      const lines = [
        'Momento Live Origin sandbox (loopback only; Ctrl-C stops everything, ffmpeg included)',
        `  Momento gRPC     ${info.momento.grpcEndpoint}`,
        `  Momento HTTP     ${info.momento.httpEndpoint}   namespace ${info.momento.namespace}`,
        `  MediaLive        ${info.medialive.endpoint}   region ${info.medialive.region}`,
        `  CloudFront       ${info.cloudfront.endpoint}   edge ${info.cloudfront.edge}`,
        `  SSM              ${info.ssm.endpoint}`,
        `  AWS key id       ${info.aws.accessKeyId}   (SigV4 for MediaLive, CloudFront and SSM)`,
        `  AWS secret key   ${info.aws.secretAccessKey}`,
        `  admin key        ${info.momento.apiKey}`,
        `  encoder key      ${info.momento.encoderKey}   (read-write)`,
        `  player key       ${info.momento.playerKey}   (read-only)`,
        `  live-origin.json ${info.liveOriginJson}`,
      ];
      if (stream) {
        lines.push(`  channel          ${stream.channelId} (RUNNING)`, `  distribution     ${stream.distributionId} ${stream.domainName}`, `  play             ${stream.playbackUrl}`);
        if (stream.playerUrl) lines.push(`  player page      ${stream.playerUrl}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  await stopped;
  if (args.exitOnStdinClose) process.stdin.destroy();
  return 0;
}
