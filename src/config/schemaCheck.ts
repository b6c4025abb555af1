// Schema findings for the command line, where no editor's JSON support checks live-origin.json.
// ajv does the validation; this maps its errors to findings with ranges.
import * as l10n from '@vscode/l10n';
import Ajv, { type ErrorObject } from 'ajv';
import { getNodeValue, type JSONPath } from 'jsonc-parser';
import schema from '../../schemas/live-origin.schema.json';
import type { Finding } from '../findings/finding';
import type { ConfigDocument } from './configDocument';

const MAX_SCHEMA_FINDINGS = 100;

let validate: ReturnType<Ajv['compile']> | undefined;

export function schemaFindings(doc: ConfigDocument): Finding[] {
  if (doc.root?.type !== 'object') return [];
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (validate(getNodeValue(doc.root))) return [];
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const error of validate.errors ?? []) {
    if (error.schemaPath.includes('/oneOf/') || error.keyword === 'if') continue;
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(toFinding(doc, error));
    if (findings.length >= MAX_SCHEMA_FINDINGS) break;
  }
  return findings;
}

function toFinding(doc: ConfigDocument, error: ErrorObject): Finding {
  const path = pointerToPath(error.instancePath);
  const where = path.length ? path.join('.') : l10n.t('the file');
  const params = error.params as Record<string, unknown>;
  let at: { offset: number; length: number } | undefined;
  let message: string;
  switch (error.keyword) {
    case 'required':
      at = doc.anchor([...path, String(params.missingProperty)]);
      message = l10n.t('{0} is missing the required property "{1}".', where, String(params.missingProperty));
      break;
    case 'additionalProperties': {
      const property = String(params.additionalProperty);
      at = doc.node([...path, property])?.parent?.children?.[0];
      message = l10n.t('Unknown property "{0}" in {1}: check its spelling or remove it.', property, where);
      break;
    }
    case 'type':
      message = l10n.t('{0} must be of type {1}.', where, String(params.type));
      break;
    case 'enum':
      message = l10n.t('{0} must be one of: {1}.', where, (params.allowedValues as unknown[]).join(', '));
      break;
    case 'oneOf':
      message = l10n.t('{0} must be CachingDisabled, CachingOptimized, or an object with TTLs.', where);
      break;
    default:
      message = l10n.t('{0} {1}.', where, error.message ?? error.keyword);
  }
  at ??= doc.node(path) ?? doc.anchor(path);
  return { code: 'schema-violation', severity: 'error', message, offset: at.offset, length: at.length };
}

function pointerToPath(pointer: string): JSONPath {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((segment) => {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(key) ? Number(key) : key;
  });
}
