// Runs the editor's live-origin.json rules on the section a real resource amounts to, and points
// each finding at the resource field that section was read from. One implementation of each check.
import { findNodeAtOffset, getNodePath, type JSONPath } from 'jsonc-parser';
import { analyzeDocument } from '../config/analyzeConfig';
import { ConfigDocument } from '../config/configDocument';
import type { AuditFinding } from './auditFinding';

/** Resource fields by live-origin.json path; a finding takes the field of its longest mapped prefix. */
export class FieldMap {
  private readonly fields = new Map<string, string>();

  /** `rootField`: where a finding about no mapped path points. */
  constructor(private readonly rootField: string) {}

  set(path: JSONPath, field: string): this {
    this.fields.set(JSON.stringify(path), field);
    return this;
  }

  fieldOf(path: JSONPath): string {
    for (let length = path.length; length > 0; length--) {
      const field = this.fields.get(JSON.stringify(path.slice(0, length)));
      if (field !== undefined) return field;
    }
    return this.rootField;
  }
}

/**
 * `section` must hold no secret: any of its values may end up in a message. `codes` are the ones
 * the resource answers for: rules whose inputs the section leaves out stay quiet anyway, and the list
 * keeps a rule added later from judging the stand-in values.
 */
export function auditAsConfig(section: object, fields: FieldMap, codes: ReadonlySet<string>): AuditFinding[] {
  const doc = new ConfigDocument(JSON.stringify(section, null, 2));
  const findings: AuditFinding[] = [];
  for (const { code, severity, message, offset } of analyzeDocument(doc)) {
    if (!codes.has(code)) continue;
    const node = doc.root && findNodeAtOffset(doc.root, offset);
    findings.push({ code, severity, message, field: fields.fieldOf(node ? getNodePath(node) : []) });
  }
  return findings;
}

/** A finding reached twice (the stream settings seen through each pipeline's destination) is shown once. */
export function withoutRepeats(findings: readonly AuditFinding[]): AuditFinding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.code}\n${finding.field}\n${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
