// The extension's log, with every line redacted before it is written: failure texts quote URLs
// with token=, headers and bodies, and users paste logs into issues. The channel itself is created
// on first use, so activation stays cheap.
import * as vscode from 'vscode';
import { redactSecrets } from '../cloud/redact';

export class RedactingLog implements vscode.LogOutputChannel {
  private channelInstance: vscode.LogOutputChannel | undefined;
  private readonly secrets = new Set<string>();

  constructor(readonly name: string) {}

  /** A secret read from secret storage: from now on it never reaches the log, whatever its shape. */
  addSecret(secret: string): void {
    this.secrets.add(secret);
  }

  private get channel(): vscode.LogOutputChannel {
    this.channelInstance ??= vscode.window.createOutputChannel(this.name, { log: true });
    return this.channelInstance;
  }

  get logLevel(): vscode.LogLevel {
    return this.channel.logLevel;
  }

  get onDidChangeLogLevel(): vscode.Event<vscode.LogLevel> {
    return this.channel.onDidChangeLogLevel;
  }

  trace(message: string, ...args: unknown[]): void {
    this.channel.trace(this.line(message, args));
  }

  debug(message: string, ...args: unknown[]): void {
    this.channel.debug(this.line(message, args));
  }

  info(message: string, ...args: unknown[]): void {
    this.channel.info(this.line(message, args));
  }

  warn(message: string, ...args: unknown[]): void {
    this.channel.warn(this.line(message, args));
  }

  error(error: string | Error, ...args: unknown[]): void {
    this.channel.error(this.line(error, args));
  }

  append(value: string): void {
    this.channel.append(this.redact(value));
  }

  appendLine(value: string): void {
    this.channel.appendLine(this.redact(value));
  }

  replace(value: string): void {
    this.channel.replace(this.redact(value));
  }

  clear(): void {
    this.channelInstance?.clear();
  }

  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined) this.channel.show(columnOrPreserveFocus);
    else this.channel.show(columnOrPreserveFocus, preserveFocus);
  }

  hide(): void {
    this.channelInstance?.hide();
  }

  dispose(): void {
    this.channelInstance?.dispose();
    this.channelInstance = undefined;
  }

  /** The message and its arguments as one redacted string: arguments are formatted here, not by VS Code, so they are redacted too. */
  private line(message: string | Error, args: unknown[]): string {
    return this.redact([message, ...args].map(text).join(' '));
  }

  private redact(value: string): string {
    return redactSecrets(value, this.secrets);
  }
}

function text(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
