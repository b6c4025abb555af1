import assert from 'node:assert/strict';
import type { DistributionConfig, Origin } from '@aws-sdk/client-cloudfront';
import type { AuditFinding } from '../../../src/audit/auditFinding';
import { distributionAsConfig } from '../../../src/audit/distributionAsConfig';
import { auditDistribution, distributionFronts } from '../../../src/audit/distributionAudit';
import { momentoOrigin } from '../../../src/audit/distributionOrigin';
import { MANAGED_CACHE_POLICIES } from '../../../src/config/cloudfrontPolicies';
import type { LiveOriginConfig } from '../../../src/config/model';
import { analyzeConfig, guideConfig, render } from '../config/helpers';
import { DISTRIBUTION_CONTEXT, ENDPOINT, guideDistribution, NAMESPACE, PLAYER_KEY } from './resources';

const ORIGIN = 'Origins.Items[0]';
const summary = (findings: readonly AuditFinding[]) => findings.map(({ code, field }) => `${code} @ ${field}`);

function audit(config: DistributionConfig, context: Parameters<typeof auditDistribution>[1] = DISTRIBUTION_CONTEXT): AuditFinding[] {
  const findings = auditDistribution(config, context);
  assert.ok(!JSON.stringify(findings).includes(PLAYER_KEY), 'no finding carries the Authorization header value');
  return findings;
}

/** The guide distribution with its one origin changed. */
function withOrigin(change: (origin: Origin) => void): DistributionConfig {
  const config = guideDistribution();
  change(config.Origins!.Items![0]);
  return config;
}

function editorMessages(change: (config: LiveOriginConfig) => void, code: string): string[] {
  const config = guideConfig();
  change(config);
  return analyzeConfig(render(config)).filter((finding) => finding.code === code).map((finding) => finding.message);
}

describe('auditDistribution: a real distribution under the editor\'s rules', () => {
  it('finds nothing in the distribution the product builds for the guide workflow, with or without context', () => {
    assert.deepEqual(audit(guideDistribution()), []);
    assert.deepEqual(audit(guideDistribution(), {}), []);
  });

  it('cloudfront-authorization-missing: no Authorization origin header, with the editor\'s message', () => {
    const findings = audit(withOrigin((origin) => { origin.CustomHeaders = { Quantity: 0, Items: [] }; }));
    assert.deepEqual(summary(findings), [`cloudfront-authorization-missing @ ${ORIGIN}.CustomHeaders`]);
    assert.deepEqual(findings.map((finding) => finding.message), editorMessages((c) => { delete c.cloudfront.authorizationKey; }, 'cloudfront-authorization-missing'));
    assert.equal(findings[0].severity, 'error');
  });

  it('cloudfront-authorization-missing: also with no CustomHeaders, or an empty value, or another header', () => {
    for (const headers of [undefined, { Quantity: 1, Items: [{ HeaderName: 'Authorization', HeaderValue: ' ' }] }, { Quantity: 1, Items: [{ HeaderName: 'X-Api-Key', HeaderValue: PLAYER_KEY }] }]) {
      assert.deepEqual(summary(audit(withOrigin((origin) => { origin.CustomHeaders = headers; }))), [`cloudfront-authorization-missing @ ${ORIGIN}.CustomHeaders`]);
    }
  });

  it('hands the rules the header\'s presence, never its value', () => {
    const config = guideDistribution();
    const { section } = distributionAsConfig(config, momentoOrigin(config)!, DISTRIBUTION_CONTEXT);
    assert.ok(!JSON.stringify(section).includes(PLAYER_KEY));
  });

  it('cloudfront-authorization-missing: not for a header name in another case', () => {
    assert.deepEqual(audit(withOrigin((origin) => { origin.CustomHeaders!.Items![0].HeaderName = 'authorization'; })), []);
  });

  it('cloudfront-authorization-encoder-key: when the caller found the header holds the encoder key', () => {
    assert.deepEqual(summary(audit(guideDistribution(), { ...DISTRIBUTION_CONTEXT, playerKeyIsEncoderKey: true })), [`cloudfront-authorization-encoder-key @ ${ORIGIN}.CustomHeaders`]);
    assert.deepEqual(audit(guideDistribution(), { ...DISTRIBUTION_CONTEXT, playerKeyIsEncoderKey: false }), []);
  });

  it('cloudfront-origin-path: no /cache, another namespace, a folder below the namespace, or none', () => {
    for (const originPath of ['/live-origin', '/cache/other', '/cache/live-origin/hls']) {
      const findings = audit(withOrigin((origin) => { origin.OriginPath = originPath; }));
      assert.deepEqual(summary(findings), [`cloudfront-origin-path @ ${ORIGIN}.OriginPath`], originPath);
      assert.deepEqual(findings.map((finding) => finding.message), editorMessages((c) => { c.cloudfront.originPath = originPath; }, 'cloudfront-origin-path'));
    }
    const missing = audit(withOrigin((origin) => { origin.OriginPath = ''; }));
    assert.deepEqual(summary(missing), [`cloudfront-origin-path @ ${ORIGIN}`]);
    assert.match(missing[0].message, /origin path is required/);
  });

  it('cloudfront-origin-path: without the namespace, judged against the one the path names', () => {
    assert.deepEqual(summary(audit(withOrigin((origin) => { origin.OriginPath = '/cache/live-origin/hls'; }), {})), [`cloudfront-origin-path @ ${ORIGIN}.OriginPath`]);
    assert.deepEqual(audit(withOrigin((origin) => { origin.OriginPath = '/cache/other'; }), {}), []);
  });

  it('cloudfront-origin-domain: another cell than the namespace\'s; not the same host in capitals', () => {
    const other = 'api.cache.cell-us-east-1-1.prod.a.momentohq.com';
    assert.deepEqual(summary(audit(withOrigin((origin) => { origin.DomainName = other; }))), [`cloudfront-origin-domain @ ${ORIGIN}.DomainName`]);
    assert.deepEqual(audit(withOrigin((origin) => { origin.DomainName = ENDPOINT.toUpperCase(); })), []);
  });

  it('cloudfront-manifest-cached-too-long: playlists under CachingOptimized', () => {
    const config = guideDistribution((c) => { c.cloudfront.behaviors[1].cachePolicy = 'CachingOptimized'; });
    const findings = audit(config);
    assert.deepEqual(summary(findings), ['cloudfront-manifest-cached-too-long @ CacheBehaviors.Items[1].CachePolicyId']);
    assert.deepEqual(findings.map((finding) => finding.message), editorMessages((c) => { c.cloudfront.behaviors[1].cachePolicy = 'CachingOptimized'; }, 'cloudfront-manifest-cached-too-long'));
  });

  it('cloudfront-manifest-cached-too-long: legacy TTLs longer than a segment; not one segment long, nor without a segment length', () => {
    const legacy = (defaultTtlSeconds: number) => guideDistribution((c) => {
      c.cloudfront.behaviors[1].cachePolicy = { minTtlSeconds: 0, defaultTtlSeconds, maxTtlSeconds: defaultTtlSeconds };
    });
    assert.deepEqual(summary(audit(legacy(10))), ['cloudfront-manifest-cached-too-long @ CacheBehaviors.Items[1].DefaultTTL']);
    assert.deepEqual(audit(legacy(2)), []);
    const withoutSegment = { ...DISTRIBUTION_CONTEXT, segmentLengthSeconds: undefined };
    assert.deepEqual(audit(legacy(10), withoutSegment), []);
  });

  it('cloudfront-manifest-cached-too-long: the master under a caching default behavior', () => {
    const config = guideDistribution((c) => { c.cloudfront.defaultBehavior.cachePolicy = 'CachingOptimized'; });
    assert.deepEqual(summary(audit(config)), ['cloudfront-manifest-cached-too-long @ DefaultCacheBehavior.CachePolicyId']);
  });

  it('cloudfront-segments-not-cached: *.ts under CachingDisabled, or no *.ts behavior at all', () => {
    const disabled = guideDistribution((c) => { c.cloudfront.behaviors[0].cachePolicy = 'CachingDisabled'; });
    assert.deepEqual(summary(audit(disabled)), ['cloudfront-segments-not-cached @ CacheBehaviors.Items[0].CachePolicyId']);
    const none = guideDistribution((c) => { c.cloudfront.behaviors.splice(0, 1); });
    assert.deepEqual(summary(audit(none)), ['cloudfront-segments-not-cached @ DefaultCacheBehavior.CachePolicyId']);
  });

  it('cloudfront-segments-not-cached: probes the channel\'s own segment names when given', () => {
    const config = guideDistribution((c) => {
      c.cloudfront.behaviors[0] = { pathPattern: 'playlist_*p30_*.ts', cachePolicy: 'CachingOptimized' };
    });
    assert.deepEqual(audit(config), []);
    assert.deepEqual(summary(audit(config, { ...DISTRIBUTION_CONTEXT, nameModifiers: ['_hd'] })), ['cloudfront-segments-not-cached @ DefaultCacheBehavior.CachePolicyId']);
  });

  it('does not judge a cache policy whose TTLs it cannot know', () => {
    const config = guideDistribution();
    config.CacheBehaviors!.Items![1].CachePolicyId = '11111111-2222-3333-4444-555555555555';
    config.CacheBehaviors!.Items![0].CachePolicyId = '11111111-2222-3333-4444-555555555555';
    assert.deepEqual(audit(config), []);
    config.CacheBehaviors!.Items![0].CachePolicyId = MANAGED_CACHE_POLICIES.CachingDisabled.id;
    assert.deepEqual(summary(audit(config)), ['cloudfront-segments-not-cached @ CacheBehaviors.Items[0].CachePolicyId']);
  });

  it('audits the Momento origin of a distribution with several, and leaves alone one with none', () => {
    const config = guideDistribution();
    const momento = config.Origins!.Items![0];
    const site = { ...momento, Id: 'site', DomainName: 'site.example.com', OriginPath: '', CustomHeaders: { Quantity: 0 } };
    config.Origins = { Quantity: 2, Items: [site, { ...momento, CustomHeaders: { Quantity: 0 } }] };
    assert.deepEqual(summary(audit(config)), ['cloudfront-authorization-missing @ Origins.Items[1].CustomHeaders']);
    config.Origins = { Quantity: 1, Items: [site] };
    assert.deepEqual(audit(config), []);
    assert.deepEqual(distributionFronts(config), {});
  });

  it('tells the namespace and host the distribution fronts, with the port of a loopback origin', () => {
    assert.deepEqual(distributionFronts(guideDistribution()), { namespace: NAMESPACE, host: ENDPOINT });
    const sandbox = guideDistribution((c) => {
      c.momento.restEndpoint = '127.0.0.1:4567';
      c.cloudfront.originDomain = '127.0.0.1:4567';
    });
    assert.deepEqual(distributionFronts(sandbox), { namespace: NAMESPACE, host: '127.0.0.1:4567' });
    assert.deepEqual(audit(sandbox, { ...DISTRIBUTION_CONTEXT, momentoRestEndpoint: '127.0.0.1:4567' }), []);
  });
});
