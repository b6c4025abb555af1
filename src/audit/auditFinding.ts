// What an audit of a real MediaLive channel or CloudFront distribution reports: the editor's code,
// severity and message, pointed at a field of the resource instead of a range of live-origin.json.
import type { Severity } from '../findings/finding';

export interface AuditFinding {
  code: string;
  severity: Severity;
  message: string;
  /** Where in the resource, as its API spells it: `Destinations[0].Settings[0].Url`. */
  field: string;
}
