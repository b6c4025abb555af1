// The distribution's behaviors as configured in live-origin.json, and which one serves a path.
import type { JSONPath, Node } from 'jsonc-parser';
import type { ConfigDocument } from './configDocument';
import { isManagedCachePolicy, MANAGED_CACHE_POLICIES, type CachePolicyTtls } from './cloudfrontPolicies';
import { matchesPathPattern } from './pathPattern';

export interface BehaviorFacts {
  /** Path of the behavior object in the document. */
  path: JSONPath;
  /** Undefined for the default behavior. */
  pathPattern?: string;
  /** The cachePolicy node, or the behavior node when it has none. */
  policyNode: Node;
  /** Undefined when the policy cannot be read (wrong type, unknown name). */
  ttls?: CachePolicyTtls;
}

export function behaviorsInOrder(doc: ConfigDocument): BehaviorFacts[] {
  const ordered = doc.items(['cloudfront', 'behaviors']).map((_, index) => ['cloudfront', 'behaviors', index]);
  ordered.push(['cloudfront', 'defaultBehavior']);
  const facts: BehaviorFacts[] = [];
  for (const path of ordered) {
    const behavior = doc.node(path);
    if (behavior?.type !== 'object') continue;
    const pathPattern = path.length === 3 ? doc.string([...path, 'pathPattern'])?.value : undefined;
    if (path.length === 3 && pathPattern === undefined) continue;
    const policyNode = doc.node([...path, 'cachePolicy']);
    facts.push({ path, pathPattern, policyNode: policyNode ?? behavior, ttls: policyNode && readTtls(doc, [...path, 'cachePolicy']) });
  }
  return facts;
}

export function behaviorFor(behaviors: readonly BehaviorFacts[], requestPath: string): BehaviorFacts | undefined {
  return behaviors.find((behavior) => behavior.pathPattern === undefined || matchesPathPattern(behavior.pathPattern, requestPath));
}

function readTtls(doc: ConfigDocument, policyPath: JSONPath): CachePolicyTtls | undefined {
  const name = doc.string(policyPath)?.value;
  if (name !== undefined) return isManagedCachePolicy(name) ? MANAGED_CACHE_POLICIES[name].ttls : undefined;
  const defaultTtlSeconds = doc.number([...policyPath, 'defaultTtlSeconds'])?.value;
  if (defaultTtlSeconds === undefined) return undefined;
  return {
    minTtlSeconds: doc.number([...policyPath, 'minTtlSeconds'])?.value ?? 0,
    defaultTtlSeconds,
    maxTtlSeconds: doc.number([...policyPath, 'maxTtlSeconds'])?.value ?? defaultTtlSeconds,
  };
}

/** Seconds an object without Cache-Control from Momento stays at the edge under this behavior. */
export function edgeTtlSeconds(ttls: CachePolicyTtls): number {
  return Math.min(Math.max(ttls.defaultTtlSeconds, ttls.minTtlSeconds), ttls.maxTtlSeconds);
}
