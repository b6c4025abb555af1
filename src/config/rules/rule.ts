// What every live-origin.json rule receives, and the helpers they share.
import type { Node } from 'jsonc-parser';
import type { Finding, Fix, Severity } from '../../findings/finding';
import type { ConfigDocument } from '../configDocument';

export type Span = Pick<Node, 'offset' | 'length'>;

export interface Report {
  code: string;
  severity: Severity;
  at: Span;
  message: string;
  fix?: Fix;
}

export interface RuleContext {
  doc: ConfigDocument;
  report(report: Report): void;
}

export type Rule = (context: RuleContext) => void;

export function toFinding({ code, severity, at, message, fix }: Report): Finding {
  return fix
    ? { code, severity, message, offset: at.offset, length: at.length, fix }
    : { code, severity, message, offset: at.offset, length: at.length };
}

/** The span of characters `start..start+length` inside a JSON string node, when no escape shifts them. */
export function spanInString(doc: ConfigDocument, node: Node, start: number, length: number): Span {
  const raw = doc.text.slice(node.offset + 1, node.offset + node.length - 1);
  return raw === node.value ? { offset: node.offset + 1 + start, length } : node;
}

/** Round for display without trailing zeros: 687.5, 2, 0.83. */
export function round(value: number, digits = 2): number {
  return Number(value.toFixed(digits));
}
