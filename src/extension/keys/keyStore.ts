// The Momento keys, kept in the editor's secret storage only: the encoder's and the player's under
// the names live-origin.json gives them, the account key under a fixed name per target. Every key
// read or written is handed to the log, which from then on redacts it.
import * as vscode from 'vscode';
import type { TargetKind } from '../../cloud/target';
import { accountKeyName } from '../target/accountKey';
import type { RedactingLog } from '../log';

export type KeyRole = 'encoder' | 'player' | 'account';

/** Which secret a role's key is: live-origin.json's key names, or the target's account key. */
export type KeyScope =
  | { role: 'encoder' | 'player'; keyNames: { encoder?: string; player?: string } }
  | { role: 'account'; target: TargetKind };

export class KeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the secret's name when any key changes, in this window or another. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /**
   * Secrets read or written so far: each read of secret storage is a round trip to the editor's
   * main process (the browser, under code-server), and the explorer reads the account key on every
   * refresh. A change, from this window or another, reads the secret again.
   */
  private readonly cache = new Map<string, Promise<string | undefined>>();

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: RedactingLog) {
    this.subscription = secrets.onDidChange((event) => {
      if (this.cache.has(event.key)) this.read(event.key);
      this.changed.fire(event.key);
    });
  }

  /** The secret's name, or undefined when live-origin.json names none for the role. */
  static secretName(scope: KeyScope): string | undefined {
    return scope.role === 'account' ? accountKeyName(scope.target) : scope.keyNames[scope.role];
  }

  async get(scope: KeyScope): Promise<string | undefined> {
    const name = KeyStore.secretName(scope);
    if (name === undefined) return undefined;
    return this.cache.get(name) ?? this.read(name);
  }

  private read(name: string): Promise<string | undefined> {
    const reading = Promise.resolve(this.secrets.get(name)).then((key) => {
      if (key) this.log.addSecret(key);
      return key;
    });
    this.cache.set(name, reading);
    reading.catch(() => {
      if (this.cache.get(name) === reading) this.cache.delete(name);
    });
    return reading;
  }

  /** Stores (or replaces) the key. */
  async set(scope: KeyScope, key: string): Promise<void> {
    const trimmed = key.trim();
    this.log.addSecret(trimmed);
    const name = this.requireName(scope);
    await this.secrets.store(name, trimmed);
    this.cache.set(name, Promise.resolve(trimmed));
  }

  async forget(scope: KeyScope): Promise<void> {
    const name = this.requireName(scope);
    await this.secrets.delete(name);
    this.cache.set(name, Promise.resolve(undefined));
  }

  private requireName(scope: KeyScope): string {
    const name = KeyStore.secretName(scope);
    if (name === undefined) throw new Error(`live-origin.json names no secret for the ${scope.role} key (momento.keys.${scope.role}).`);
    return name;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
