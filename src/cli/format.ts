// Findings as compiler-style text lines or as JSON, with one-based lines and columns.
import type { Finding } from '../findings/finding';
import { LineIndex } from '../findings/lineIndex';

export interface LocatedFinding {
  code: string;
  severity: Finding['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function locate(text: string, findings: readonly Finding[]): LocatedFinding[] {
  const lines = new LineIndex(text);
  return findings.map(({ code, severity, message, offset, length }) => {
    const start = lines.positionAt(offset);
    const end = lines.positionAt(offset + length);
    return { code, severity, message, line: start.line + 1, column: start.column + 1, endLine: end.line + 1, endColumn: end.column + 1 };
  });
}

export function formatText(fileName: string, findings: readonly LocatedFinding[]): string {
  const lines = findings.map((f) => `${fileName}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${f.message}`);
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  lines.push(`${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info`);
  return `${lines.join('\n')}\n`;
}
