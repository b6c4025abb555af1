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

/** Plain .m3u lists (IPTV, Winamp) share the language but are only HLS when they use EXT-X tags. */
export function isPlaylistDocument(document: vscode.TextDocument): boolean {
  if (document.languageId !== 'm3u8') return false;
  return document.uri.path.toLowerCase().endsWith('.m3u8') || document.getText().includes('#EXT-X-');
}

/** Findings for a document, or undefined when the extension does not check it. */
export function findingsFor(document: vscode.TextDocument): Finding[] | undefined {
  // VS Code's JSON support already reports syntax errors; showing ours too would double them.
  if (isConfigDocument(document)) return analyzeConfig(document.getText()).filter((f) => f.code !== 'json-syntax');
  if (isPlaylistDocument(document)) return lintPlaylist(document.getText());
  return undefined;
}
