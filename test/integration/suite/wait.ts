// Bounded polling for state the extension host updates asynchronously.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../../src/extension/diagnostics';
import type { ExtensionApi } from '../../../src/extension/extension';

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const EXTENSION_ID = 'momento-live-origin.momento-live-origin';

/**
 * The extension's own diagnostics of an open document, once the checker has analysed the version
 * the editor holds now: evidence that it ran, not a guess at how long it takes.
 */
export async function analysedDiagnostics(uri: vscode.Uri, timeoutMs = 10_000): Promise<vscode.Diagnostic[]> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  const document = await waitFor(`${uri.path} to be open`, () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()), timeoutMs);
  await waitFor(`the checker to analyse version ${document.version} of ${uri.path}`,
    () => (api.analysedVersion(uri) === document.version ? true : undefined), timeoutMs);
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}
