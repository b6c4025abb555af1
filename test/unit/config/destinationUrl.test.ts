import assert from 'node:assert/strict';
import { buildDestinationUrl, parseDestinationUrl, withoutParameter, withParameter, withRenamedParameter } from '../../../src/config/destinationUrl';

describe('destination URL', () => {
  it('builds the guide\'s URL, with https for Momento and http for the loopback sandbox', () => {
    assert.equal(
      buildDestinationUrl({ restEndpoint: 'api.cache.cell-4-us-west-2-1.prod.a.momentohq.com', namespace: 'live-origin', manifestName: 'playlist', ttlSeconds: 3600 }),
      'https://api.cache.cell-4-us-west-2-1.prod.a.momentohq.com/cache/live-origin/playlist.m3u8?ttl_seconds=3600&role=origin',
    );
    assert.equal(
      buildDestinationUrl({ restEndpoint: '127.0.0.1:8123', namespace: 'ns', manifestName: 'playlist', ttlSeconds: 60, token: 'a b' }),
      'http://127.0.0.1:8123/cache/ns/playlist.m3u8?token=a%20b&ttl_seconds=60&role=origin',
    );
  });

  it('locates every query parameter', () => {
    const raw = 'https://h/cache/n/p.m3u8?token=abc&ttl_seconds=60&flag&role=origin';
    const parsed = parseDestinationUrl(raw);
    assert.ok(parsed);
    assert.deepEqual(parsed.query.map((p) => [p.name, p.value, raw.slice(p.start, p.end)]), [
      ['token', 'abc', 'token=abc'],
      ['ttl_seconds', '60', 'ttl_seconds=60'],
      ['flag', '', 'flag'],
      ['role', 'origin', 'role=origin'],
    ]);
  });

  it('edits parameters without disturbing the others', () => {
    const raw = 'https://h/p.m3u8?token=abc&tts_seconds=60&role=x';
    const [token, tts, role] = parseDestinationUrl(raw)!.query;
    assert.equal(withoutParameter(raw, token), 'https://h/p.m3u8?tts_seconds=60&role=x');
    assert.equal(withoutParameter(raw, role), 'https://h/p.m3u8?token=abc&tts_seconds=60');
    assert.equal(withRenamedParameter(raw, tts, 'ttl_seconds'), 'https://h/p.m3u8?token=abc&ttl_seconds=60&role=x');
    assert.equal(withParameter(raw, 'role', 'origin', role), 'https://h/p.m3u8?token=abc&tts_seconds=60&role=origin');
    assert.equal(withParameter('https://h/p.m3u8', 'role', 'origin'), 'https://h/p.m3u8?role=origin');
    assert.equal(withParameter('https://h/p.m3u8?', 'role', 'origin'), 'https://h/p.m3u8?role=origin');
  });

  it('refuses what is not a URL', () => {
    assert.equal(parseDestinationUrl('api.cache.example/cache/x'), undefined);
  });
});
