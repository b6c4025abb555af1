// What verify tests, from live-origin.json and the account's distributions.
import assert from 'node:assert/strict';
import { parseVerifyArgs } from '../../../src/cli/verifyCommand';
import type { DistributionConfigShape } from '../../../src/audit/distributionShape';
import { cdnTargetFor, type DistributionLookup, type DistributionSummary } from '../../../src/verify/distribution';
import { originMasterUrl, playbackMasterUrl, playbackUrlFromOption, readVerifyConfig, type VerifyConfig } from '../../../src/verify/target';

const CONFIG: VerifyConfig = { namespace: 'live-origin', restEndpoint: 'api.cache.cell-4-us-west-2-1.prod.a.momentohq.com', manifestName: 'playlist', segmentLengthSeconds: 2 };

function origin(host: string, path: string, authorization = true): DistributionConfigShape {
  return {
    Origins: { Items: [{ Id: 'm', DomainName: host, OriginPath: path, CustomHeaders: { Items: authorization ? [{ HeaderName: 'Authorization', HeaderValue: 'k' }] : [] } }] },
    DefaultCacheBehavior: { TargetOriginId: 'm', CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad' },
    CacheBehaviors: { Items: [{ PathPattern: '*.ts', TargetOriginId: 'm', CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6' }] },
  };
}

function lookup(distributions: [DistributionSummary, DistributionConfigShape][], pageSize = 1): DistributionLookup & { configsRead: string[] } {
  const configsRead: string[] = [];
  return {
    configsRead,
    list: async (next) => {
      const from = Number(next ?? 0);
      const items = distributions.slice(from, from + pageSize).map(([summary]) => summary);
      return { items, next: from + pageSize < distributions.length ? String(from + pageSize) : undefined };
    },
    config: async (id) => {
      configsRead.push(id);
      return distributions.find(([summary]) => summary.id === id)![1];
    },
  };
}

const summary = (id: string, enabled = true, status = 'Deployed'): DistributionSummary => ({ id, domainName: `${id.toLowerCase()}.cloudfront.net`, status, enabled });

describe('verify: the target', () => {
  it('reads namespace, REST endpoint and manifest name from live-origin.json, and names what is missing', () => {
    const read = readVerifyConfig(JSON.stringify({ momento: { namespace: 'live-origin', restEndpoint: 'https://api.cache.x/' }, medialive: { manifestName: 'playlist' }, stream: { segmentLengthSeconds: 2 } }));
    assert.deepEqual(read, { ok: true, config: { namespace: 'live-origin', restEndpoint: 'api.cache.x', manifestName: 'playlist', segmentLengthSeconds: 2 } });
    assert.deepEqual(readVerifyConfig('{"momento":{"namespace":"n","restEndpoint":"h"}}'), { ok: false, problem: 'live-origin.json has no medialive.manifestName: verify needs it to find the stream.' });
    assert.equal(readVerifyConfig('[1]').ok, false);
  });

  it('builds the origin\'s master URL: HTTPS, or HTTP on the sandbox\'s loopback', () => {
    assert.equal(originMasterUrl(CONFIG), 'https://api.cache.cell-4-us-west-2-1.prod.a.momentohq.com/cache/live-origin/playlist.m3u8');
    assert.equal(originMasterUrl({ ...CONFIG, restEndpoint: '127.0.0.1:4567' }), 'http://127.0.0.1:4567/cache/live-origin/playlist.m3u8');
  });

  it('builds the master URL through a distribution, or through the sandbox edge', () => {
    assert.equal(playbackMasterUrl('d111.cloudfront.net', 'playlist'), 'https://d111.cloudfront.net/playlist.m3u8');
    assert.equal(playbackMasterUrl('d111.cloudfront.net', 'playlist', 'http://127.0.0.1:9000'), 'http://d111.localhost:9000/playlist.m3u8');
    assert.equal(playbackUrlFromOption('https://cdn.example/live/', 'playlist'), 'https://cdn.example/live/playlist.m3u8');
    assert.equal(playbackUrlFromOption('https://cdn.example/x.m3u8', 'playlist'), 'https://cdn.example/x.m3u8');
    assert.equal(playbackUrlFromOption('ftp://cdn.example/', 'playlist'), undefined);
  });

  it('goes through the distribution that fronts the namespace, preferring one on its endpoint, enabled and deployed', async () => {
    const found = await cdnTargetFor(lookup([
      [summary('EOTHER'), origin(CONFIG.restEndpoint, '/cache/another')],
      [summary('EOLD', false), origin(CONFIG.restEndpoint, '/cache/live-origin')],
      [summary('EGOOD'), origin(CONFIG.restEndpoint, '/cache/live-origin')],
      [summary('EFAR'), origin('api.cache.cell-1-eu-west-1-1.prod.a.momentohq.com', '/cache/live-origin')],
    ]), CONFIG);
    assert.deepEqual(found, { masterUrl: 'https://egood.cloudfront.net/playlist.m3u8', findings: [], distributionId: 'EGOOD' });
  });

  it('carries the audit of the distribution, for sharper causes', async () => {
    const found = await cdnTargetFor(lookup([[summary('EBARE'), origin(CONFIG.restEndpoint, '/cache/live-origin', false)]]), CONFIG);
    assert.ok('findings' in found);
    assert.deepEqual(found.findings.map((finding) => finding.code), ['cloudfront-authorization-missing']);
  });

  it('--distribution reads only the one named, and says when it does not exist', async () => {
    const distributions = lookup([[summary('EA'), origin('x', '/')], [summary('EB'), origin(CONFIG.restEndpoint, '/cache/live-origin')]]);
    const found = await cdnTargetFor(distributions, CONFIG, { distributionId: 'EA' });
    assert.ok('masterUrl' in found && found.masterUrl === 'https://ea.cloudfront.net/playlist.m3u8');
    assert.deepEqual(distributions.configsRead, ['EA']);
    const missing = await cdnTargetFor(distributions, CONFIG, { distributionId: 'ENONE' });
    assert.ok('problem' in missing && missing.problem === 'There is no distribution ENONE.');
  });

  it('says so when no distribution fronts the namespace', async () => {
    const none = await cdnTargetFor(lookup([]), CONFIG);
    assert.ok('problem' in none);
    assert.equal(none.problem, 'No CloudFront distribution has an origin with the path /cache/live-origin.');
    assert.match(none.causes[0], /--distribution/);
  });

  it('parses the command line', () => {
    const usage = (message: string) => new Error(message);
    assert.deepEqual(parseVerifyArgs([], usage), { file: 'live-origin.json', target: 'aws', format: 'text', distributionId: undefined, playbackUrl: undefined });
    assert.deepEqual(parseVerifyArgs(['x.json', '--target=sandbox', '--format', 'json', '--distribution', 'E1'], usage),
      { file: 'x.json', target: 'sandbox', format: 'json', distributionId: 'E1', playbackUrl: undefined });
    assert.throws(() => parseVerifyArgs(['--distribution', 'E1', '--playback-url', 'https://a/'], usage), /not both/);
    assert.throws(() => parseVerifyArgs(['--playback-url', 'nope'], usage), /http\(s\) URL/);
    assert.throws(() => parseVerifyArgs(['--format', 'xml'], usage), /text or json/);
    assert.throws(() => parseVerifyArgs(['--target', 'gcp'], usage), /aws or sandbox/);
    assert.throws(() => parseVerifyArgs(['a', 'b'], usage), /at most one/);
    assert.throws(() => parseVerifyArgs(['--format'], usage), /needs a value/);
  });
});
