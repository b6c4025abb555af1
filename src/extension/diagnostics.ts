// Keeps diagnostics of live-origin.json and .m3u8 documents current as the user types.
import * as vscode from 'vscode';
import type { Finding } from '../findings/finding';
import { findingsFor } from './documents';

export const DIAGNOSTIC_SOURCE = 'momento-live';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A diagnostic that remembers the finding it came from, so code actions can offer its fix. */
export class FindingDiagnostic extends vscode.Diagnostic {
  constructor(document: vscode.TextDocument, readonly finding: Finding) {
    const range = new vscode.Range(document.positionAt(finding.offset), document.positionAt(finding.offset + finding.length));
    super(range, finding.message, SEVERITY[finding.severity]);
    this.code = finding.code;
    this.source = DIAGNOSTIC_SOURCE;
  }
}

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly current = new Map<string, FindingDiagnostic[]>();
  /** The document version each published set of diagnostics was computed from. */
  private readonly analysed = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.refresh(document)),
      vscode.workspace.onDidChangeTextDocument(({ document }) => this.schedule(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('momentoLive.diagnostics')) this.refreshAll();
      }),
    );
    this.refreshAll();
  }

  private settings() {
    const configuration = vscode.workspace.getConfiguration('momentoLive.diagnostics');
    return { enabled: configuration.get<boolean>('enabled', true), debounceMs: configuration.get<number>('debounceMs', 150) };
  }

  private refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.refresh(document);
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      this.refresh(document);
    }, this.settings().debounceMs));
  }

  private refresh(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    const findings = this.settings().enabled ? findingsFor(document) : undefined;
    if (findings === undefined) {
      this.forget(document.uri);
      return;
    }
    const diagnostics = findings.map((finding) => new FindingDiagnostic(document, finding));
    this.current.set(document.uri.toString(), diagnostics);
    this.analysed.set(document.uri.toString(), document.version);
    this.collection.set(document.uri, diagnostics);
  }

  /** The version of the document the current diagnostics describe; undefined when never checked. */
  analysedVersion(uri: vscode.Uri): number | undefined {
    return this.analysed.get(uri.toString());
  }

  /** The diagnostic this controller published that matches one VS Code hands back (by code and range). */
  published(uri: vscode.Uri, diagnostic: vscode.Diagnostic): FindingDiagnostic | undefined {
    if (diagnostic instanceof FindingDiagnostic) return diagnostic;
    return this.current.get(uri.toString())?.find((candidate) =>
      candidate.code === diagnostic.code && candidate.range.isEqual(diagnostic.range) && candidate.message === diagnostic.message);
  }

  private forget(uri: vscode.Uri): void {
    clearTimeout(this.pending.get(uri.toString()));
    this.pending.delete(uri.toString());
    this.current.delete(uri.toString());
    this.analysed.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.current.clear();
    this.analysed.clear();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
