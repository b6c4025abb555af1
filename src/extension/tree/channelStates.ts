// MediaLive channel states as the explorer shows them: a distinct icon for each, and which ones
// are on their way to another (the node polls until the channel settles).
import * as vscode from 'vscode';

const ICONS: Record<string, [string, string?]> = {
  CREATING: ['loading~spin'],
  CREATE_FAILED: ['error', 'errorForeground'],
  IDLE: ['debug-pause'],
  STARTING: ['debug-start', 'charts.yellow'],
  RUNNING: ['pass-filled', 'charts.green'],
  RECOVERING: ['debug-restart', 'charts.orange'],
  STOPPING: ['debug-stop', 'charts.yellow'],
  DELETING: ['trash', 'charts.yellow'],
  DELETED: ['circle-slash', 'disabledForeground'],
  UPDATING: ['sync~spin', 'charts.yellow'],
  UPDATE_FAILED: ['warning', 'errorForeground'],
};

const TRANSITIONAL = new Set(['CREATING', 'STARTING', 'RECOVERING', 'STOPPING', 'DELETING', 'UPDATING']);

export function channelStateIcon(state: string): vscode.ThemeIcon {
  const [icon, color] = ICONS[state] ?? ['question'];
  return new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
}

export function isTransitional(state: string): boolean {
  return TRANSITIONAL.has(state);
}
