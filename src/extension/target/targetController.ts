// Which target the explorer (and later plan/apply) acts on: the momentoLive.target setting, the AWS
// profile setting and the running sandbox, resolved into a CloudTarget; a status bar item shows it
// and opens a picker.
import * as vscode from 'vscode';
import { readSandboxState, sandboxStateOf } from '../../cloud/sandboxState';
import { awsTarget, sandboxTarget, type CloudTarget, type TargetKind } from '../../cloud/target';
import type { SandboxInfo } from '../../sandbox/sandbox';
import { cloud } from '../cloud';

/** The momentoLive.target setting: the one place every feature reads it. */
export function targetSetting(): TargetKind {
  return vscode.workspace.getConfiguration('momentoLive').get<TargetKind>('target', 'aws');
}

export type ResolvedTarget = { ok: true; target: CloudTarget } | { ok: false; kind: TargetKind; message: string };

const SECTION = 'momentoLive';

function setting<T>(name: string, fallback: T): T {
  return vscode.workspace.getConfiguration(SECTION).get<T>(name, fallback);
}

export class TargetController implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private statusItem: vscode.StatusBarItem | undefined;
  private current: Promise<ResolvedTarget> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [this.changed];

  /**
   * `knownSandbox` is the sandbox this window started or was handed by `npm start`; any other
   * running sandbox is found through its state file.
   */
  constructor(private readonly knownSandbox: () => SandboxInfo | undefined) {
    this.subscriptions.push(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.target`) || event.affectsConfiguration(`${SECTION}.aws`)) this.invalidate();
    }));
  }

  get kind(): TargetKind {
    return targetSetting();
  }

  /** Forgets the resolved target (a sandbox started or stopped, a profile changed) and tells the views. */
  invalidate(): void {
    this.current = undefined;
    this.changed.fire();
    void this.render();
  }

  resolve(): Promise<ResolvedTarget> {
    this.current ??= this.resolveNow();
    return this.current;
  }

  private async resolveNow(): Promise<ResolvedTarget> {
    const kind = this.kind;
    try {
      if (kind === 'sandbox') {
        const known = this.knownSandbox();
        return { ok: true, target: sandboxTarget(known ? sandboxStateOf(known, process.pid) : readSandboxState()) };
      }
      const { awsCredentialProvider, resolveRegion } = await cloud();
      const profile = setting<string>('aws.profile', '') || process.env.AWS_PROFILE || undefined;
      const region = setting<string>('aws.region', '') || await resolveRegion(profile);
      return { ok: true, target: awsTarget({ profile, region, credentials: awsCredentialProvider(profile) }) };
    } catch (error) {
      return { ok: false, kind, message: (error as Error).message };
    }
  }

  /** Shows the target in the status bar (created on first use, so activation stays cheap). */
  async render(): Promise<void> {
    if (!this.statusItem) {
      this.statusItem = vscode.window.createStatusBarItem('momentoLive.target', vscode.StatusBarAlignment.Left, 11);
      this.statusItem.name = vscode.l10n.t('Momento Live target');
      this.statusItem.command = 'momentoLive.target.select';
      this.subscriptions.push(this.statusItem);
    }
    const resolved = await this.resolve();
    const item = this.statusItem;
    if (resolved.ok) {
      item.text = `${resolved.target.kind === 'sandbox' ? '$(beaker)' : '$(cloud)'} ${resolved.target.label}`;
      item.tooltip = vscode.l10n.t('Momento Live acts on {0}. Click to choose the target or the AWS profile.', resolved.target.label);
    } else {
      item.text = `$(warning) ${resolved.kind}`;
      item.tooltip = resolved.message;
    }
    item.show();
  }

  /** The picker: the sandbox, or AWS with one of the shared files' profiles. */
  async select(): Promise<void> {
    const { listProfiles } = await cloud();
    let profiles: { name: string; region?: string }[] = [];
    try {
      profiles = await listProfiles();
    } catch {
      // No shared files: only the environment's credentials remain, offered as "default".
    }
    type Choice = vscode.QuickPickItem & { target: TargetKind; profile?: string };
    const choices: Choice[] = [
      { label: '$(beaker) ' + vscode.l10n.t('Local sandbox'), description: vscode.l10n.t('live-origin sandbox on 127.0.0.1'), target: 'sandbox' },
      { label: '$(cloud) ' + vscode.l10n.t('AWS with the default credentials'), description: vscode.l10n.t('environment, default profile, SSO'), target: 'aws' },
      ...profiles.map((profile) => ({ label: `$(account) ${profile.name}`, description: profile.region, target: 'aws' as const, profile: profile.name })),
    ];
    const chosen = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Momento Live target'), placeHolder: vscode.l10n.t('Where the explorer and apply act') });
    if (!chosen) return;
    const configuration = vscode.workspace.getConfiguration(SECTION);
    await configuration.update('target', chosen.target, vscode.ConfigurationTarget.Workspace);
    if (chosen.target === 'aws') await configuration.update('aws.profile', chosen.profile, vscode.ConfigurationTarget.Workspace);
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
