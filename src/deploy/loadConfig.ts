// live-origin.json text -> the configuration plan and apply work from, or the errors that stop them:
// nothing is planned from a file the editor would underline in red.
import { parse } from 'jsonc-parser';
import { checkConfigText } from '../config/checkConfig';
import type { LiveOriginConfig } from '../config/model';
import type { Finding } from '../findings/finding';

export class ConfigHasErrors extends Error {
  constructor(readonly errors: Finding[]) {
    super(`live-origin.json has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} before planning: ${errors.slice(0, 3).map((error) => `${error.code} (${error.message})`).join('; ')}${errors.length > 3 ? '; ...' : ''}`);
  }
}

export function loadDeployConfig(text: string): LiveOriginConfig {
  const errors = checkConfigText(text).filter((finding) => finding.severity === 'error');
  if (errors.length > 0) throw new ConfigHasErrors(errors);
  return parse(text) as LiveOriginConfig;
}
