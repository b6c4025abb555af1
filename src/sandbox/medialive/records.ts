// What the sandbox keeps per channel and input, and how ids and ARNs are made.
import type { ChannelAlert, ChannelState, InputAttachment, OutputDestination, EncoderSettings, InputSpecification, Input } from '@aws-sdk/client-medialive';
import type { FfmpegProcess } from './ffmpegProcess';

export const SANDBOX_ACCOUNT = '123456789012';

export interface ChannelRecord {
  id: string;
  arn: string;
  name?: string;
  channelClass: string;
  destinations: OutputDestination[];
  encoderSettings?: EncoderSettings;
  inputAttachments: InputAttachment[];
  inputSpecification?: InputSpecification;
  logLevel: string;
  roleArn?: string;
  tags: Record<string, string>;
  state: ChannelState;
  requestId?: string;
  alerts: ChannelAlert[];
  process?: FfmpegProcess;
  /** Why the encoder last stopped on its own; cleared by the next start. */
  lastError?: string;
}

export interface InputRecord {
  input: Input;
  requestId?: string;
}

export class IdSource {
  private next: number;

  constructor(start = 1000000 + Math.floor(Math.random() * 8000000)) {
    this.next = start;
  }

  /** Seven digits, like MediaLive's channel and input ids; increasing, so they sort. */
  take(): string {
    return String(this.next++).padStart(7, '0');
  }
}

export function arn(region: string, kind: 'channel' | 'input', id: string): string {
  return `arn:aws:medialive:${region}:${SANDBOX_ACCOUNT}:${kind}:${id}`;
}
