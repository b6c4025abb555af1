import assert from 'node:assert/strict';
import type { LiveOriginConfig } from '../../../src/config/model';
import { CONFIG_CODES } from '../../../src/config/codes';
import { analyzeConfig, applyEdits, codes, fakeKey, guideConfig, render, textOf } from './helpers';

interface Case {
  code: string;
  /** Turns the clean guide configuration into one that has the finding. */
  trigger: (config: LiveOriginConfig) => void;
  /** The exact text the finding must point at. */
  at: string;
  /** A close variation that must not have the finding. */
  nearMiss: (config: LiveOriginConfig) => void;
  fixable: boolean;
}

const URL_BASE = 'https://api.cache.cell-4-us-west-2-1.prod.a.momentohq.com/cache/live-origin/playlist.m3u8';
const setUrl = (url: string) => (c: LiveOriginConfig) => { c.medialive.destination.url = url; };

const CASES: Case[] = [
  {
    code: 'segment-size-limit',
    trigger: (c) => { c.stream.ladder[0].bitrateKbps = 40000; },
    at: '40000',
    nearMiss: (c) => { c.stream.ladder[0].bitrateKbps = 36000; c.stream.ladder[1].bitrateKbps = 1000; },
    fixable: true,
  },
  {
    code: 'segment-size-near-limit',
    trigger: (c) => { c.stream.ladder[0].bitrateKbps = 30000; },
    at: '30000',
    nearMiss: (c) => { c.stream.ladder[0].bitrateKbps = 29000; },
    fixable: false,
  },
  {
    code: 'segment-length-range',
    trigger: (c) => { c.stream.segmentLengthSeconds = 6; c.stream.gopSeconds = 2; c.momento.hotStorage!.capacityMiB = 9999; },
    at: '6',
    nearMiss: (c) => { c.stream.segmentLengthSeconds = 2.5; c.stream.gopSeconds = 2.5; },
    fixable: true,
  },
  {
    code: 'gop-segment-mismatch',
    trigger: (c) => { c.stream.gopSeconds = 1.5; },
    at: '2',
    nearMiss: (c) => { c.stream.gopSeconds = 1; },
    fixable: true,
  },
  {
    code: 'ttl-shorter-than-window',
    trigger: (c) => { c.momento.ttlSeconds = 15; c.medialive.destination.url = `${URL_BASE}?ttl_seconds=15&role=origin`; },
    at: '15',
    nearMiss: (c) => { c.momento.ttlSeconds = 22; c.medialive.destination.url = `${URL_BASE}?ttl_seconds=22&role=origin`; },
    fixable: true,
  },
  {
    code: 'hot-storage-too-small',
    trigger: (c) => { c.momento.hotStorage!.capacityMiB = 100; },
    at: '100',
    nearMiss: (c) => { c.momento.hotStorage!.capacityMiB = 200; },
    fixable: true,
  },
  {
    code: 'destination-url-invalid',
    trigger: setUrl('not a url'),
    at: '"not a url"',
    nearMiss: setUrl(`${URL_BASE}?ttl_seconds=3600&role=origin`),
    fixable: false,
  },
  {
    code: 'destination-url-not-https',
    trigger: setUrl(URL_BASE.replace('https', 'http') + '?ttl_seconds=3600&role=origin'),
    at: 'http',
    nearMiss: (c) => {
      c.momento.restEndpoint = '127.0.0.1:4000';
      c.cloudfront.originDomain = '127.0.0.1:4000';
      c.medialive.destination.url = 'http://127.0.0.1:4000/cache/live-origin/playlist.m3u8?ttl_seconds=3600&role=origin';
    },
    fixable: true,
  },
  {
    code: 'destination-url-host',
    trigger: setUrl('https://api.cache.cell-1-eu-west-1-1.prod.a.momentohq.com/cache/live-origin/playlist.m3u8?ttl_seconds=3600&role=origin'),
    at: 'api.cache.cell-1-eu-west-1-1.prod.a.momentohq.com',
    nearMiss: setUrl('https://API.cache.cell-4-us-west-2-1.prod.a.momentohq.com/cache/live-origin/playlist.m3u8?ttl_seconds=3600&role=origin'),
    fixable: true,
  },
  {
    code: 'destination-url-path',
    trigger: setUrl('https://api.cache.cell-4-us-west-2-1.prod.a.momentohq.com/cache/other/playlist.m3u8?ttl_seconds=3600&role=origin'),
    at: '/cache/other/playlist.m3u8',
    nearMiss: (c) => {
      c.medialive.manifestName = 'index';
      c.cloudfront.behaviors[1].pathPattern = 'index_*.m3u8';
      c.medialive.destination.url = 'https://api.cache.cell-4-us-west-2-1.prod.a.momentohq.com/cache/live-origin/index.m3u8?ttl_seconds=3600&role=origin';
    },
    fixable: true,
  },
  {
    code: 'destination-url-ttl-missing',
    trigger: setUrl(`${URL_BASE}?tts_seconds=3600&role=origin`),
    at: 'tts_seconds=3600',
    nearMiss: setUrl(`${URL_BASE}?role=origin&ttl_seconds=3600`),
    fixable: true,
  },
  {
    code: 'destination-url-ttl-mismatch',
    trigger: setUrl(`${URL_BASE}?ttl_seconds=60&role=origin`),
    at: '60',
    nearMiss: setUrl(`${URL_BASE}?ttl_seconds=3600&role=origin&extra=1`),
    fixable: true,
  },
  {
    code: 'destination-url-role-missing',
    trigger: setUrl(`${URL_BASE}?ttl_seconds=3600&role=viewer`),
    at: 'role=viewer',
    nearMiss: setUrl(`${URL_BASE}?role=origin&ttl_seconds=3600`),
    fixable: true,
  },
  {
    code: 'destination-url-token-exposed',
    trigger: (c) => { c.medialive.destination = { url: `${URL_BASE}?ttl_seconds=3600&role=origin`, publishMode: 'token-in-url' }; },
    at: '"token-in-url"',
    nearMiss: (c) => { c.medialive.destination.publishMode = 'credentials'; },
    fixable: true,
  },
  {
    code: 'destination-credentials-missing',
    trigger: (c) => { delete c.medialive.destination.passwordParam; },
    at: '"credentials"',
    nearMiss: (c) => { c.medialive.destination.passwordParam = '/other/param'; },
    fixable: true,
  },
  {
    code: 'secret-literal',
    trigger: (c) => { c.momento.keys.player = fakeKey(); },
    at: fakeKey(),
    nearMiss: (c) => { c.momento.keys.player = 'live-origin/player-key-name-that-is-long'; },
    fixable: false,
  },
  {
    code: 'momento-region-unknown',
    trigger: (c) => { c.momento.region = 'us-west-1'; c.medialive.region = 'us-west-1'; },
    at: '"us-west-1"',
    nearMiss: (c) => { c.momento.region = 'us-west-2'; },
    fixable: true,
  },
  {
    code: 'momento-endpoint-mismatch',
    trigger: (c) => { c.momento.restEndpoint = 'api.cache.cell-1-eu-west-1-1.prod.a.momentohq.com'; },
    at: '"api.cache.cell-1-eu-west-1-1.prod.a.momentohq.com"',
    nearMiss: (c) => { c.momento.restEndpoint = 'API.CACHE.cell-4-us-west-2-1.prod.a.momentohq.com'; },
    fixable: true,
  },
  {
    code: 'region-mismatch',
    trigger: (c) => { c.medialive.region = 'us-east-1'; },
    at: '"us-east-1"',
    nearMiss: (c) => { c.medialive.region = 'us-west-2'; },
    fixable: true,
  },
  {
    code: 'name-modifier-duplicate',
    trigger: (c) => { c.stream.ladder[2].nameModifier = '_720p30'; },
    at: '"_720p30"',
    nearMiss: (c) => { c.stream.ladder[2].nameModifier = '_720p60'; },
    fixable: false,
  },
  {
    code: 'name-modifier-pattern',
    trigger: (c) => { c.stream.ladder[1].nameModifier = '480p30'; },
    at: '"480p30"',
    nearMiss: (c) => { c.stream.ladder[1].nameModifier = '_480p-30'; },
    fixable: true,
  },
  {
    code: 'cloudfront-origin-domain',
    trigger: (c) => { c.cloudfront.originDomain = 'https://api.cache.cell-4-us-west-2-1.prod.a.momentohq.com'; },
    at: '"https://api.cache.cell-4-us-west-2-1.prod.a.momentohq.com"',
    nearMiss: (c) => { c.cloudfront.originDomain = 'API.cache.cell-4-us-west-2-1.prod.a.momentohq.com'; },
    fixable: true,
  },
  {
    code: 'cloudfront-origin-path',
    trigger: (c) => { c.cloudfront.originPath = '/cache/live-origin/'; },
    at: '"/cache/live-origin/"',
    nearMiss: (c) => { c.cloudfront.originPath = '/cache/live-origin'; },
    fixable: true,
  },
  {
    code: 'cloudfront-manifest-cached-too-long',
    trigger: (c) => { c.cloudfront.behaviors[1].cachePolicy = 'CachingOptimized'; },
    at: '"CachingOptimized"',
    nearMiss: (c) => { c.cloudfront.behaviors[1].cachePolicy = { minTtlSeconds: 0, defaultTtlSeconds: 2, maxTtlSeconds: 2 }; },
    fixable: true,
  },
  {
    code: 'cloudfront-segments-not-cached',
    trigger: (c) => { c.cloudfront.behaviors[0].pathPattern = '*.mp4'; },
    at: '"CachingDisabled"',
    nearMiss: (c) => { c.cloudfront.behaviors[0].pathPattern = 'playlist_*.ts'; },
    fixable: true,
  },
  {
    code: 'cloudfront-authorization-missing',
    trigger: (c) => { delete c.cloudfront.authorizationKey; },
    at: '"cloudfront"',
    nearMiss: (c) => { c.cloudfront.authorizationKey = 'some-other-read-only-key'; },
    fixable: true,
  },
  {
    code: 'cloudfront-authorization-encoder-key',
    trigger: (c) => { c.cloudfront.authorizationKey = c.momento.keys.encoder; },
    at: '"live-origin/encoder"',
    nearMiss: (c) => { c.cloudfront.authorizationKey = c.momento.keys.player; },
    fixable: true,
  },
  {
    code: 'basic-put-retries-ignored',
    trigger: (c) => { c.medialive.cdn = { type: 'basic-put', numRetries: 10 }; },
    at: '10',
    nearMiss: (c) => { c.medialive.cdn = { type: 'akamai', numRetries: 10 }; },
    fixable: true,
  },
];

function variant(change: (config: LiveOriginConfig) => void): string {
  const config = guideConfig();
  change(config);
  return render(config);
}

describe('live-origin.json rules', () => {
  it('finds nothing in the scaffolded guide workflow', () => {
    assert.deepEqual(analyzeConfig(render(guideConfig())), []);
  });

  for (const testCase of CASES) {
    describe(testCase.code, () => {
      it('is reported at the offending text', () => {
        const text = variant(testCase.trigger);
        const found = analyzeConfig(text).filter((f) => f.code === testCase.code);
        assert.equal(found.length, 1, `expected one ${testCase.code}, got ${JSON.stringify(analyzeConfig(text).map((f) => f.code))}`);
        assert.equal(textOf(text, found[0]), testCase.at);
        assert.ok(found[0].message.length > 20);
      });

      it('is not reported for a close variation', () => {
        const text = variant(testCase.nearMiss);
        assert.ok(!codes(analyzeConfig(text)).includes(testCase.code), JSON.stringify(analyzeConfig(text), null, 1));
      });

      if (testCase.fixable) {
        it('goes away when its fix is applied, leaving valid JSON', () => {
          const text = variant(testCase.trigger);
          const finding = analyzeConfig(text).find((f) => f.code === testCase.code)!;
          assert.ok(finding.fix, 'expected a fix');
          const fixed = applyEdits(text, finding.fix.edits);
          JSON.parse(fixed);
          assert.ok(!codes(analyzeConfig(fixed)).includes(testCase.code), fixed);
        });
      } else {
        it('offers no automatic fix', () => {
          const finding = analyzeConfig(variant(testCase.trigger)).find((f) => f.code === testCase.code)!;
          assert.equal(finding.fix, undefined);
        });
      }
    });
  }

  it('covers every code in the code table, and reports no code outside it', () => {
    const tested = new Set(CASES.map((c) => c.code));
    const untested = Object.keys(CONFIG_CODES).filter((code) => !tested.has(code) && code !== 'json-syntax' && code !== 'schema-violation');
    assert.deepEqual(untested, []);
    for (const testCase of CASES) {
      for (const finding of analyzeConfig(variant(testCase.trigger))) assert.ok(finding.code in CONFIG_CODES, finding.code);
    }
  });
});
