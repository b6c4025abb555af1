// The CloudFront distribution in front of the namespace: origin, authorization and caching.
import * as l10n from '@vscode/l10n';
import { behaviorFor, behaviorsInOrder, edgeTtlSeconds, type BehaviorFacts } from '../cloudfrontBehaviors';
import { manifestName, renditions } from '../streamFacts';
import type { Rule } from './rule';

const CLOUDFRONT = ['cloudfront'];
const SEGMENT_BEHAVIOR = { pathPattern: '*.ts', cachePolicy: 'CachingOptimized' };

export const originDomainRule: Rule = ({ doc, report }) => {
  const domain = doc.string([...CLOUDFRONT, 'originDomain']);
  const endpoint = doc.string(['momento', 'restEndpoint'])?.value;
  if (!domain || endpoint === undefined || domain.value.toLowerCase() === endpoint.toLowerCase()) return;
  const hasScheme = /^[a-z]+:\/\//i.test(domain.value);
  report({
    code: 'cloudfront-origin-domain',
    severity: 'error',
    at: domain.node,
    message: hasScheme
      ? l10n.t('The origin domain is a host name, without scheme or path: use {0}.', endpoint)
      : l10n.t('The origin domain {0} is not the Momento REST endpoint {1} the encoder writes to: viewers would get another origin\'s content or errors.', domain.value, endpoint),
    fix: doc.fix(l10n.t('Use {0}', endpoint), [{ path: [...CLOUDFRONT, 'originDomain'], value: endpoint }]),
  });
};

export const originPathRule: Rule = ({ doc, report }) => {
  const namespace = doc.string(['momento', 'namespace'])?.value;
  if (namespace === undefined || !doc.has(CLOUDFRONT)) return;
  const expected = `/cache/${namespace}`;
  const path = doc.string([...CLOUDFRONT, 'originPath']);
  if (path?.value === expected) return;
  report({
    code: 'cloudfront-origin-path',
    severity: 'error',
    at: path?.node ?? doc.anchor([...CLOUDFRONT, 'originPath']),
    message: path
      ? l10n.t('The origin path must be {0} (no trailing slash): CloudFront prefixes it to every viewer path, so /playlist.m3u8 reaches {0}/playlist.m3u8 in the namespace.', expected)
      : l10n.t('The origin path is required for this workflow: set it to {0}.', expected),
    fix: doc.fix(l10n.t('Set the origin path to {0}', expected), [{ path: [...CLOUDFRONT, 'originPath'], value: expected }]),
  });
};

export const authorizationRule: Rule = ({ doc, report }) => {
  if (!doc.has(CLOUDFRONT)) return;
  const key = doc.string([...CLOUDFRONT, 'authorizationKey']);
  const player = doc.string(['momento', 'keys', 'player'])?.value;
  const encoder = doc.string(['momento', 'keys', 'encoder'])?.value;
  const setPlayer = player === undefined
    ? undefined
    : doc.fix(l10n.t('Send the player key "{0}"', player), [{ path: [...CLOUDFRONT, 'authorizationKey'], value: player }]);
  if (!key || key.value.trim() === '') {
    report({
      code: 'cloudfront-authorization-missing',
      severity: 'error',
      at: key?.node ?? doc.anchor([...CLOUDFRONT, 'authorizationKey']),
      message: l10n.t('CloudFront must add an Authorization header with the read-only player key to every origin request: players carry no key, so Momento would answer 401. Set authorizationKey to the player key\'s name.'),
      fix: setPlayer,
    });
  } else if (encoder !== undefined && key.value === encoder && encoder !== player) {
    report({
      code: 'cloudfront-authorization-encoder-key',
      severity: 'warning',
      at: key.node,
      message: l10n.t('CloudFront would send the read-write encoder key to Momento on viewers\' behalf; use the read-only player key.'),
      fix: setPlayer,
    });
  }
};

export const manifestCachingRule: Rule = ({ doc, report }) => {
  const segment = doc.positive(['stream', 'segmentLengthSeconds'])?.value;
  if (segment === undefined || !doc.has(CLOUDFRONT)) return;
  const behaviors = behaviorsInOrder(doc);
  const manifest = manifestName(doc);
  const playlists = [`${manifest}.m3u8`, ...renditions(doc).flatMap((r) => (r.nameModifier ? [`${manifest}${r.nameModifier.value}.m3u8`] : []))];
  const flagged = new Set<BehaviorFacts>();
  for (const playlist of playlists) {
    const behavior = behaviorFor(behaviors, playlist);
    if (!behavior?.ttls || flagged.has(behavior)) continue;
    const ttl = edgeTtlSeconds(behavior.ttls);
    if (ttl <= segment) continue;
    flagged.add(behavior);
    report({
      code: 'cloudfront-manifest-cached-too-long',
      severity: 'warning',
      at: behavior.policyNode,
      message: l10n.t('{0} is cached at the edge for {1} s, longer than one {2} s segment: viewers would see a stale live point and stall. Use CachingDisabled (or a TTL of at most {2} s) for playlists.', playlist, ttl, segment),
      fix: doc.fix(l10n.t('Use CachingDisabled'), [{ path: [...behavior.path, 'cachePolicy'], value: 'CachingDisabled' }]),
    });
  }
};

export const segmentCachingRule: Rule = ({ doc, report }) => {
  if (!doc.has(CLOUDFRONT)) return;
  const behaviors = behaviorsInOrder(doc);
  const manifest = manifestName(doc);
  const flagged = new Set<BehaviorFacts>();
  for (const { nameModifier } of renditions(doc)) {
    if (!nameModifier) continue;
    const segment = `${manifest}${nameModifier.value}_00001.ts`;
    const behavior = behaviorFor(behaviors, segment);
    if (!behavior?.ttls || flagged.has(behavior) || edgeTtlSeconds(behavior.ttls) > 0) continue;
    flagged.add(behavior);
    const isDefault = behavior.pathPattern === undefined;
    report({
      code: 'cloudfront-segments-not-cached',
      severity: 'warning',
      at: behavior.policyNode,
      message: l10n.t('Segments such as {0} are not cached by CloudFront: every viewer request goes to the origin. Segments never change once written; cache *.ts with CachingOptimized.', segment),
      fix: isDefault
        ? doc.fix(l10n.t('Add a *.ts behavior with CachingOptimized'), [
            doc.node([...CLOUDFRONT, 'behaviors'])?.type === 'array'
              ? { path: [...CLOUDFRONT, 'behaviors', 0], value: SEGMENT_BEHAVIOR, insert: true }
              : { path: [...CLOUDFRONT, 'behaviors'], value: [SEGMENT_BEHAVIOR] },
          ])
        : doc.fix(l10n.t('Use CachingOptimized'), [{ path: [...behavior.path, 'cachePolicy'], value: 'CachingOptimized' }]),
    });
  }
};
