// Every finding of a live-origin.json text: the project's rules, then the schema where no rule
// already speaks about the same value. What `live-origin check` prints and plan refuses to run on.
import { analyzeDocument } from './analyzeConfig';
import { ConfigDocument } from './configDocument';
import { schemaFindings } from './schemaCheck';
import type { Finding } from '../findings/finding';

export function checkConfigText(text: string): Finding[] {
  const doc = new ConfigDocument(text);
  const findings = analyzeDocument(doc);
  if (findings.some((finding) => finding.code === 'json-syntax')) return findings;
  // Where a rule already speaks about a value, its message (which names the fix) is the one to keep.
  const covered = new Set(findings.map((finding) => `${finding.offset}:${finding.length}`));
  const schema = schemaFindings(doc).filter((finding) => !covered.has(`${finding.offset}:${finding.length}`));
  return [...findings, ...schema].sort((a, b) => a.offset - b.offset);
}
