// Which open documents the extension checks, and with which checker.
import * as vscode from 'vscode';
import { analyzeConfig } from '../config/analyzeConfig';
import type { Finding } from '../findings/finding';
import { lintPlaylist } from '../hls/lintPlaylist';

export const CONFIG_FILE_NAME = 'live-origin.json';

export const CONFIG_SELECTOR: vscode.DocumentSelector = [
  { language: 'json', pattern: `**/${CONFIG_FILE_NAME}` },
  { language: 'jsonc', pattern: `**/${CONFIG_FILE_NAME}` },
];

export function isConfigDocument(document: vscode.TextDocument): boolean {
  return document.uri.path.endsWith(`/${CONFIG_FILE_NAME}`) && (document.languageId === 'json' || document.languageId === 'jsonc');
}

export function isPlaylistDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'm3u8';
}

/** Findings for a document, or undefined when the extension does not check it. */
export function findingsFor(document: vscode.TextDocument): Finding[] | undefined {
  // VS Code's JSON support already reports syntax errors; showing ours too would double them.
  if (isConfigDocument(document)) return analyzeConfig(document.getText()).filter((f) => f.code !== 'json-syntax');
  if (isPlaylistDocument(document)) return lintPlaylist(document.getText());
  return undefined;
}
