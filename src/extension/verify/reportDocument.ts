// The last verify report as a read-only document (a virtual document: nothing to save), and
// live-origin.json opened at the setting a failed step names.
import * as vscode from 'vscode';
import { ConfigDocument } from '../../config/configDocument';

const SCHEME = 'momento-live-verify';
const REPORT_URI = vscode.Uri.from({ scheme: SCHEME, path: '/Verify live origin.txt' });

class ReportProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  text = '';

  provideTextDocumentContent(): string {
    return this.text;
  }

  update(text: string): void {
    this.text = text;
    this.changed.fire(REPORT_URI);
  }
}

let provider: ReportProvider | undefined;

/** Registered on the first report, and kept for the session like the command. */
export async function showReport(subscriptions: vscode.Disposable[], text: string): Promise<void> {
  if (!provider) {
    provider = new ReportProvider();
    const registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider);
    subscriptions.push(registration);
  }
  provider.update(text);
  const document = await vscode.workspace.openTextDocument(REPORT_URI);
  await vscode.window.showTextDocument(document, { preview: true, preserveFocus: false });
}

/** Opens live-origin.json with the setting (a dotted path such as "medialive.manifestName") selected. */
export async function openAtSetting(file: vscode.Uri, setting: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(file);
  const config = new ConfigDocument(document.getText());
  const path = setting.split('.');
  const property = config.node(path)?.parent;
  const target = property?.type === 'property' ? property : config.anchor(path);
  const start = document.positionAt(target.offset);
  const end = document.positionAt(target.offset + target.length);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(start, end) });
}
