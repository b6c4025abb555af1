import assert from 'node:assert/strict';
import { EdgeCache, type CachedObject } from '../../../src/sandbox/cloudfront/edgeCache';
import { InFlight } from '../../../src/sandbox/cloudfront/inFlight';
import { filterCookies, filterQuery, normalizedAcceptEncoding } from '../../../src/sandbox/cloudfront/originRequest';
import { cacheTtlSeconds, errorTtlSeconds } from '../../../src/sandbox/cloudfront/ttl';
import { parseXml, toXmlDocument, type XmlValue } from '../../../src/sandbox/cloudfront/xmlCodec';

const OPTIMIZED = { minTtl: 1, defaultTtl: 86_400, maxTtl: 31_536_000 };
const DISABLED = { minTtl: 0, defaultTtl: 0, maxTtl: 0 };

function entry(bytes: number): CachedObject {
  return { distributionId: 'E1', status: 200, headers: {}, body: Buffer.alloc(bytes), storedAtMs: 0, expiresAtMs: Infinity };
}

describe('CloudFront sandbox edge parts', () => {
  describe('TTL', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    it('uses the default TTL when the origin says nothing, and clamps what it says', () => {
      assert.equal(cacheTtlSeconds({}, OPTIMIZED, now), 86_400);
      assert.equal(cacheTtlSeconds({ 'cache-control': 'max-age=60' }, OPTIMIZED, now), 60);
      assert.equal(cacheTtlSeconds({ 'cache-control': 'max-age=0' }, OPTIMIZED, now), 1);
      assert.equal(cacheTtlSeconds({ 'cache-control': 'public, max-age=600, s-maxage=5' }, OPTIMIZED, now), 5);
      assert.equal(cacheTtlSeconds({ 'cache-control': 'max-age=99999999999' }, OPTIMIZED, now), 31_536_000);
      assert.equal(cacheTtlSeconds({ expires: 'Wed, 01 Jan 2025 00:00:30 GMT', date: 'Wed, 01 Jan 2025 00:00:00 GMT' }, OPTIMIZED, now), 30);
    });
    it('keeps no-store objects for the minimum TTL only, and never caches under CachingDisabled', () => {
      assert.equal(cacheTtlSeconds({ 'cache-control': 'no-store' }, OPTIMIZED, now), 1);
      assert.equal(cacheTtlSeconds({ 'cache-control': 'private, max-age=60' }, { ...OPTIMIZED, minTtl: 0 }, now), 0);
      assert.equal(cacheTtlSeconds({ 'cache-control': 'max-age=60' }, DISABLED, now), 0);
    });
    it('caches errors for the configured time, else the origin\'s, else the default', () => {
      assert.equal(errorTtlSeconds({}, undefined, 10, now), 10);
      assert.equal(errorTtlSeconds({ 'cache-control': 'max-age=2' }, undefined, 10, now), 2);
      assert.equal(errorTtlSeconds({ 'cache-control': 'no-cache' }, undefined, 10, now), 0);
      assert.equal(errorTtlSeconds({ 'cache-control': 'max-age=2' }, 0, 10, now), 0);
    });
  });

  describe('cache', () => {
    it('evicts the least recently used entries once over its byte budget', () => {
      const cache = new EdgeCache(80_000);
      for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) assert.equal(cache.set(key, entry(9_000)), true);
      assert.ok(cache.get('a'), 'a is still there and becomes the most recently used');
      cache.set('h', entry(9_000));
      cache.set('i', entry(9_000));
      assert.ok(cache.usedBytes <= 80_000);
      assert.equal(cache.get('b'), undefined, 'b was the least recently used');
      assert.ok(cache.get('a'));
      assert.ok(cache.get('i'));
      assert.ok(cache.evictions >= 1);
    });
    it('refuses an object bigger than an eighth of the budget and purges by distribution', () => {
      const cache = new EdgeCache(80_000);
      assert.equal(cache.set('big', entry(20_000)), false);
      cache.set('x', entry(10));
      cache.set('y', { ...entry(10), distributionId: 'E2' });
      cache.purgeDistribution('E1');
      assert.equal(cache.get('x'), undefined);
      assert.ok(cache.get('y'));
      assert.equal(cache.size, 1);
    });
  });

  it('collapses concurrent runs for one key', async () => {
    const inFlight = new InFlight<number>();
    let calls = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 20));
    const first = inFlight.run('k', slow);
    const second = inFlight.run('k', slow);
    const other = inFlight.run('other', slow);
    assert.deepEqual([first.leader, second.leader, other.leader], [true, false, true]);
    assert.equal(await first.result, await second.result);
    await other.result;
    assert.equal(calls, 2);
    assert.equal(inFlight.size, 0);
  });

  it('selects query strings, cookies and Accept-Encoding the way policies say', () => {
    assert.equal(filterQuery('token=a&x=1&b', { kind: 'none' }), '');
    assert.equal(filterQuery('token=a&x=1&b', { kind: 'all' }), 'token=a&x=1&b');
    assert.equal(filterQuery('token=a&x=1&b', { kind: 'only', names: ['x', 'b'] }), 'x=1&b');
    assert.equal(filterCookies('a=1; b=2', { kind: 'only', names: ['b'] }), 'b=2');
    assert.equal(normalizedAcceptEncoding('gzip, deflate, br;q=0.9', true, true), 'br,gzip');
    assert.equal(normalizedAcceptEncoding('deflate', true, true), '');
    assert.equal(normalizedAcceptEncoding('gzip', false, false), '');
  });

  describe('XML codec', () => {
    it('reads Quantity/Items lists, numbers, booleans and entities, and writes them back', () => {
      const xml = '<?xml version="1.0"?><DistributionConfig xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">'
        + '<Comment>a &amp; b</Comment><Enabled>true</Enabled><Origins><Quantity>1</Quantity><Items><Origin><Id>o</Id>'
        + '<CustomOriginConfig><HTTPPort>8080</HTTPPort></CustomOriginConfig></Origin></Items></Origins>'
        + '<CacheBehaviors><Quantity>0</Quantity><Items/></CacheBehaviors></DistributionConfig>';
      const { root, value } = parseXml(xml);
      assert.equal(root, 'DistributionConfig');
      assert.deepEqual(value, {
        Comment: 'a & b', Enabled: true,
        Origins: { Quantity: 1, Items: [{ Id: 'o', CustomOriginConfig: { HTTPPort: 8080 } }] },
        CacheBehaviors: { Quantity: 0, Items: [] },
      });
      const written = toXmlDocument('DistributionConfig', value as unknown as Record<string, XmlValue>);
      assert.match(written, /<Items><Origin><Id>o<\/Id>/);
      assert.match(written, /<Comment>a &amp; b<\/Comment>/);
      assert.doesNotMatch(written, /<CacheBehaviors><Quantity>0<\/Quantity><Items/);
      assert.deepEqual(parseXml(written).value, { ...(value as object), CacheBehaviors: { Quantity: 0 } });
    });
    it('rejects malformed documents, DTDs and wrongly typed leaves', () => {
      assert.throws(() => parseXml('<DistributionConfig><Enabled>true</DistributionConfig>'), { code: 'MalformedXML' });
      assert.throws(() => parseXml('<!DOCTYPE x [<!ENTITY a "b">]><DistributionConfig/>'), { code: 'MalformedXML' });
      assert.throws(() => parseXml('<DistributionConfig><Enabled>yes</Enabled></DistributionConfig>'), { code: 'InvalidArgument' });
      assert.throws(() => parseXml('<DistributionConfig><Origins><Quantity>x</Quantity></Origins></DistributionConfig>'), { code: 'InvalidArgument' });
    });
  });
});
