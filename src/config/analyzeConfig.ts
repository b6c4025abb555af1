// The rule engine: live-origin.json text in, findings out. Pure: no editor, no I/O.
import type { Finding } from '../findings/finding';
import { ConfigDocument } from './configDocument';
import { authorizationRule, manifestCachingRule, originDomainRule, originPathRule, segmentCachingRule } from './rules/cloudfrontRules';
import { destinationUrlRule, publishModeRule } from './rules/destinationRules';
import { nameModifierDuplicateRule, nameModifierPatternRule } from './rules/ladderRules';
import { basicPutRetriesRule } from './rules/medialiveRules';
import { momentoEndpointRule, momentoRegionRule, regionMismatchRule } from './rules/regionRules';
import { toFinding, type Report, type Rule } from './rules/rule';
import { secretLiteralRule } from './rules/secretRules';
import { gopSegmentRule, segmentLengthRule, segmentSizeRule } from './rules/segmentRules';
import { hotStorageCapacityRule, ttlWindowRule } from './rules/storageRules';
import { syntaxRule } from './rules/syntaxRules';

const RULES: readonly Rule[] = [
  syntaxRule,
  secretLiteralRule,
  momentoRegionRule,
  momentoEndpointRule,
  regionMismatchRule,
  segmentSizeRule,
  segmentLengthRule,
  gopSegmentRule,
  ttlWindowRule,
  hotStorageCapacityRule,
  nameModifierDuplicateRule,
  nameModifierPatternRule,
  destinationUrlRule,
  publishModeRule,
  basicPutRetriesRule,
  originDomainRule,
  originPathRule,
  authorizationRule,
  manifestCachingRule,
  segmentCachingRule,
];

export function analyzeConfig(text: string): Finding[] {
  return analyzeDocument(new ConfigDocument(text));
}

export function analyzeDocument(doc: ConfigDocument): Finding[] {
  const findings: Finding[] = [];
  const report = (found: Report): void => {
    findings.push(toFinding(found));
  };
  for (const rule of RULES) rule({ doc, report });
  return findings.sort((a, b) => a.offset - b.offset);
}
