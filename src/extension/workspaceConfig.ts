// The live-origin.json of the workspace, as the explorer and the key commands read it: the
// namespace it names, its endpoint and timings, and the secret-storage names of its keys.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from './documents';
import { uriExists } from './uriExists';

export interface WorkspaceLiveOrigin {
  uri: vscode.Uri;
  namespace?: string;
  restEndpoint?: string;
  ttlSeconds?: number;
  segmentLengthSeconds?: number;
  channelName?: string;
  keyNames: { encoder?: string; player?: string };
}

interface Parsed {
  momento?: { namespace?: string; restEndpoint?: string; ttlSeconds?: number; keys?: { encoder?: string; player?: string } };
  stream?: { segmentLengthSeconds?: number };
  medialive?: { channelName?: string };
}

let cached: Promise<WorkspaceLiveOrigin | undefined> | undefined;
let watcher: vscode.FileSystemWatcher | undefined;

/**
 * `file`, or else the workspace's live-origin.json (at a folder's root, or else the first found
 * anywhere in it); undefined when there is none or it does not parse. Searching the workspace
 * costs more than a whole explorer refresh, so that answer is kept until a live-origin.json is
 * created, changed or deleted.
 */
export function workspaceLiveOrigin(file?: vscode.Uri): Promise<WorkspaceLiveOrigin | undefined> {
  if (file) return read(file);
  if (!watcher) {
    watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const forget = () => { cached = undefined; };
    watcher.onDidCreate(forget);
    watcher.onDidChange(forget);
    watcher.onDidDelete(forget);
  }
  cached ??= search();
  return cached;
}

/** Stops watching; the extension calls it when it is deactivated. */
export function disposeWorkspaceLiveOrigin(): void {
  watcher?.dispose();
  watcher = undefined;
  cached = undefined;
}

/** A workspace folder's own live-origin.json first (a stat each); searching the workspace starts a process. */
async function search(): Promise<WorkspaceLiveOrigin | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const atRoot = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    if (await uriExists(atRoot)) return read(atRoot);
  }
  const [found] = await vscode.workspace.findFiles(`**/${CONFIG_FILE_NAME}`, '**/node_modules/**', 1);
  return found ? read(found) : undefined;
}

async function read(uri: vscode.Uri): Promise<WorkspaceLiveOrigin | undefined> {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as Parsed;
    return {
      uri,
      namespace: parsed.momento?.namespace,
      restEndpoint: parsed.momento?.restEndpoint,
      ttlSeconds: parsed.momento?.ttlSeconds,
      segmentLengthSeconds: parsed.stream?.segmentLengthSeconds,
      channelName: parsed.medialive?.channelName,
      keyNames: { encoder: parsed.momento?.keys?.encoder, player: parsed.momento?.keys?.player },
    };
  } catch {
    return undefined;
  }
}
