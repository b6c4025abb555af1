// "Show channel": the DescribeChannel answer as read-only JSON, with every key-bearing value masked.
import * as vscode from 'vscode';
import { redactSecrets } from '../../cloud/redact';

const SCHEME = 'momento-live-channel';
const documents = new Map<string, string>();
let registered: vscode.Disposable | undefined;

export async function showChannelJson(channelId: string, description: object): Promise<void> {
  registered ??= vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent: (uri) => documents.get(uri.path) });
  const path = `/${channelId}.json`;
  const channel: Record<string, unknown> = { ...description };
  delete channel.$metadata;
  documents.set(path, redactSecrets(JSON.stringify(channel, null, 2)));
  const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: SCHEME, path }));
  await vscode.languages.setTextDocumentLanguage(document, 'json');
  await vscode.window.showTextDocument(document, { preview: true });
}
