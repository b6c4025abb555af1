// The guide's troubleshooting steps over fake origins: every cause path, the skips that follow a
// failure, bounded waits and timeouts, and no key in what is reported.
import assert from 'node:assert/strict';
import { MOMENTO_MAX_OBJECT_BYTES } from '../../../src/config/estimates';
import { FakeClock, FakeOrigin, settle, transportStream } from '../live/fakes';
import { SET_PLAYER_KEY_COMMAND } from '../../../src/verify/causes';
import { exitCodeOf, STEP_IDS } from '../../../src/verify/report';
import { verify } from '../../../src/verify/verify';
import { answer, EDGE, ENCODER_KEY, master, ORIGIN, REPLACE_KEY, run, statuses, step, variant } from './fixtures';

const ALL_SKIPPED_AFTER_MASTER = 'fail skip skip skip skip skip';

describe('verify: the guide\'s troubleshooting steps', () => {
  it('passes all six steps on a healthy stream, in the guide\'s order, and exits 0', async () => {
    const { report, origin, edge, waits } = await run();
    assert.deepEqual(report.steps.map((s) => s.id), [...STEP_IDS]);
    assert.equal(statuses(report), 'pass pass pass pass pass pass', JSON.stringify(report, null, 1));
    assert.equal(exitCodeOf(report), 0);
    assert.match(step(report, 'origin-master').detail, /2 playlist\(s\): playlist_720p30\.m3u8, playlist_480p30\.m3u8/);
    assert.equal(step(report, 'origin-live-point').url, `${ORIGIN}/playlist_720p30_00940.ts`);
    assert.match(step(report, 'origin-live-point').detail, /MPEG-TS.*advanced from #940 to #941/);
    assert.equal(step(report, 'cdn-live-point').url, `${EDGE}/playlist_720p30_00940.ts`);
    // Each side reloads its variant once, half a target duration later, to see the live point move.
    assert.deepEqual(waits, [1000, 1000]);
    assert.equal(origin.requestsFor(`${ORIGIN}/playlist_480p30.m3u8`).length, 1);
    assert.equal(edge.requestsFor(`${EDGE}/playlist_720p30.m3u8`).length, 2);
    for (const request of [...origin.requests, ...edge.requests]) assert.ok(request.init?.maxBytes !== undefined, request.url);
  });

  describe('at the origin', () => {
    it('401: the player key is wrong or expired, with how to replace it', async () => {
      const { report } = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist.m3u8`, answer(401, 'Invalid token')) });
      assert.equal(statuses(report), ALL_SKIPPED_AFTER_MASTER);
      const failed = step(report, 'origin-master');
      assert.equal(failed.httpStatus, 401);
      assert.equal(failed.url, `${ORIGIN}/playlist.m3u8`);
      assert.match(failed.causes[0], /player key was refused: it is wrong, or it has expired/);
      assert.ok(failed.causes[0].endsWith(REPLACE_KEY));
      assert.deepEqual(failed.fix, { setting: 'momento.keys.player', command: SET_PLAYER_KEY_COMMAND });
      assert.match(step(report, 'origin-variants').detail, /needs what the failed step above would have fetched/);
      assert.match(step(report, 'cdn-master').detail, /the origin failed at "Master playlist from the origin/);
      assert.equal(exitCodeOf(report), 1);
    });

    it('403: the key\'s access level to the namespace', async () => {
      const { report } = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist.m3u8`, answer(403)) });
      assert.match(step(report, 'origin-master').causes[0], /not have the right access level to the namespace "live-origin"/);
    });

    it('404 Key Not Found: the channel is not running, or the destination path or manifest name is wrong', async () => {
      const { report } = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist.m3u8`, answer(404, 'Key Not Found')) });
      const failed = step(report, 'origin-master');
      assert.equal(statuses(report), ALL_SKIPPED_AFTER_MASTER);
      assert.match(failed.detail, /HTTP 404: Key Not Found/);
      assert.match(failed.causes[0], /MediaLive isn't running/);
      assert.match(failed.causes[1], /destination URL of the HLS output group \(namespace "live-origin", manifest name "playlist"\).*&ttl_seconds=<ttl>&role=origin/);
      assert.deepEqual(failed.fix, { setting: 'medialive.destination.url' });
    });

    it('404 Cache Not Found: the namespace does not exist at that endpoint', async () => {
      const { report } = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist.m3u8`, answer(404, 'Cache Not Found')) });
      const failed = step(report, 'origin-master');
      assert.match(failed.causes[0], /namespace "live-origin" does not exist/);
      assert.deepEqual(failed.fix, { setting: 'momento.namespace' });
    });

    it('429 and 5xx are named as limits and origin failures', async () => {
      const limited = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist.m3u8`, answer(429)) });
      assert.match(step(limited.report, 'origin-master').causes[0], /limits were reached/);
      const broken = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist.m3u8`, answer(503)) });
      assert.match(step(broken.report, 'origin-master').causes[0], /answered HTTP 503/);
    });

    it('a master that is a media playlist points at medialive.manifestName', async () => {
      const { report } = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist.m3u8`, variant('', 10)) });
      const failed = step(report, 'origin-master');
      assert.equal(statuses(report), ALL_SKIPPED_AFTER_MASTER);
      assert.match(failed.detail, /media playlist, not a master/);
      assert.deepEqual(failed.fix, { setting: 'medialive.manifestName' });
    });

    it('an answer that is not a playlist, or a master without variants, fails the master step', async () => {
      const html = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist.m3u8`, '<html>error</html>') });
      assert.match(step(html.report, 'origin-master').detail, /does not start with #EXTM3U/);
      const empty = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist.m3u8`, '#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="x"\n') });
      assert.match(step(empty.report, 'origin-master').detail, /lists no variant playlist/);
    });

    it('a variant that is missing fails the variants step at that variant; the live point is skipped', async () => {
      const { report } = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist_480p30.m3u8`, answer(404, 'Key Not Found')) });
      assert.equal(statuses(report), 'pass fail skip skip skip skip');
      const failed = step(report, 'origin-variants');
      assert.equal(failed.url, `${ORIGIN}/playlist_480p30.m3u8`);
      assert.equal(failed.httpStatus, 404);
      assert.match(failed.causes[0], /MediaLive isn't running/);
    });

    it('a variant that ended with EXT-X-ENDLIST: the channel was stopped', async () => {
      const { report } = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist_720p30.m3u8`, variant('_720p30', 950, true)) });
      assert.equal(statuses(report), 'pass fail skip skip skip skip');
      const failed = step(report, 'origin-variants');
      assert.match(failed.detail, /EXT-X-ENDLIST/);
      assert.match(failed.causes[0], /MediaLive isn't running: .*channel was stopped/);
      assert.deepEqual(failed.fix, { setting: 'medialive.channelName' });
    });

    it('a variant without segments or without a target duration fails as content', async () => {
      const empty = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist_720p30.m3u8`, '#EXTM3U\n#EXT-X-TARGETDURATION:2\n') });
      assert.match(step(empty.report, 'origin-variants').detail, /lists no segment/);
      const noTarget = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist_720p30.m3u8`, '#EXTM3U\n#EXTINF:2,\na.ts\n') });
      assert.match(step(noTarget.report, 'origin-variants').detail, /no valid EXT-X-TARGETDURATION/);
    });

    it('a live point Momento does not hold: the TTL or the object limit', async () => {
      const { report } = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist_720p30_00940.ts`, answer(404, 'Key Not Found')) });
      assert.equal(statuses(report), 'pass pass fail skip skip skip');
      const failed = step(report, 'origin-live-point');
      assert.equal(failed.url, `${ORIGIN}/playlist_720p30_00940.ts`);
      assert.match(failed.causes[0], /expired before the playlist dropped it .*momento\.ttlSeconds/);
      assert.deepEqual(failed.fix, { setting: 'momento.ttlSeconds' });
    });

    it('a live point that is not MPEG-TS', async () => {
      const { report } = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist_720p30_00940.ts`, '<html>oops</html>') });
      const failed = step(report, 'origin-live-point');
      assert.equal(failed.status, 'fail');
      assert.match(failed.causes[0], /The live point is not MPEG-TS: byte 0 \(packet 0\) is 0x3c/);
    });

    it('a live point over Momento\'s object limit', async () => {
      const { report } = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist_720p30_00940.ts`, { body: transportStream(MOMENTO_MAX_OBJECT_BYTES + 188) }) });
      assert.match(step(report, 'origin-live-point').detail, /over 10\.00 MB, Momento's object limit/);
    });

    it('a live point that does not move for two target durations: MediaLive is not writing', async () => {
      const { report, waits } = await run({ origin: (o) => o.serve(`${ORIGIN}/playlist_720p30.m3u8`, variant('_720p30', 940)) });
      assert.equal(statuses(report), 'pass pass fail skip skip skip');
      const failed = step(report, 'origin-live-point');
      assert.match(failed.detail, /stayed at #940 for 4 s/);
      assert.match(failed.causes[0], /isn't running or cannot write: no new segment for 4 s/);
      assert.deepEqual(waits, [1000, 1000, 1000, 1000], 'reloads every half target duration, for two target durations');
    });

    it('no answer within the timeout: the REST endpoint', async () => {
      const clock = new FakeClock();
      const origin = new FakeOrigin(clock).serve(`${ORIGIN}/playlist.m3u8`, { hang: true });
      const running = verify({
        namespace: 'live-origin', restEndpoint: 'api.example', manifestName: 'playlist', originMasterUrl: `${ORIGIN}/playlist.m3u8`,
        cdn: { masterUrl: `${EDGE}/playlist.m3u8`, findings: [] },
      }, { originFetch: origin.fetch, cdnFetch: origin.fetch, replacePlayerKey: REPLACE_KEY, clock, timeoutMs: 3000 });
      await clock.advance(3000);
      const report = await running;
      const failed = step(report, 'origin-master');
      assert.equal(failed.httpStatus, undefined);
      assert.match(failed.detail, /no answer within 3 s/);
      assert.deepEqual(failed.fix, { setting: 'momento.restEndpoint' });
      assert.equal(clock.pending(), 0);
    });

    it('drops the encoder\'s token= from URIs read with the player key, and never reports a token', async () => {
      const query = `?token=${ENCODER_KEY}&ttl_seconds=3600&role=origin`;
      const { report, origin, edge } = await run({
        origin: (o) => {
          o.serve(`${ORIGIN}/playlist.m3u8`, master(query));
          o.serve(`${ORIGIN}/playlist_720p30.m3u8?ttl_seconds=3600&role=origin`, (request) => variant('_720p30', 940 + request));
          o.serve(`${ORIGIN}/playlist_480p30.m3u8?ttl_seconds=3600&role=origin`, variant('_480p30', 940));
        },
        edge: (e) => {
          e.serve(`${EDGE}/playlist.m3u8`, master(query));
          e.serve(`${EDGE}/playlist_720p30.m3u8${query}`, (request) => variant('_720p30', 940 + request));
          e.serve(`${EDGE}/playlist_480p30.m3u8${query}`, variant('_480p30', 940));
        },
      });
      assert.equal(statuses(report), 'pass pass pass pass pass pass', JSON.stringify(report, null, 1));
      assert.ok(origin.requests.every((request) => !request.url.includes('token=')), 'the origin is read with the player key only');
      assert.ok(edge.requests.some((request) => request.url.includes(ENCODER_KEY)), 'through CloudFront the URI is fetched as a player would');
      assert.match(step(report, 'origin-master').detail, /carry token=/);
      assert.match(step(report, 'cdn-variants').url!, /token=<redacted>/);
      assert.ok(!JSON.stringify(report).includes(ENCODER_KEY));
    });

    it('stops when cancelled: the steps left are skipped as cancelled', async () => {
      const clock = new FakeClock();
      const origin = new FakeOrigin(clock).serve(`${ORIGIN}/playlist.m3u8`, { hang: true });
      const controller = new AbortController();
      const running = verify({
        namespace: 'live-origin', restEndpoint: 'api.example', manifestName: 'playlist', originMasterUrl: `${ORIGIN}/playlist.m3u8`,
        cdn: { masterUrl: `${EDGE}/playlist.m3u8`, findings: [] },
      }, { originFetch: origin.fetch, cdnFetch: origin.fetch, replacePlayerKey: REPLACE_KEY, clock, signal: controller.signal });
      await settle();
      controller.abort();
      const report = await running;
      assert.equal(statuses(report), 'skip skip skip skip skip skip');
      assert.ok(report.steps.every((s) => s.detail === 'Cancelled.'), JSON.stringify(report.steps));
      assert.equal(clock.pending(), 0);
    });
  });

  describe('through CloudFront', () => {
    it('401 with the audit finding: the origin has no Authorization header', async () => {
      const { report } = await run({
        edge: (e) => e.serve(`${EDGE}/playlist.m3u8`, answer(401)),
        findings: [{ code: 'cloudfront-authorization-missing', message: 'No Authorization origin header.' }],
      });
      assert.equal(statuses(report), 'pass pass pass fail skip skip');
      const failed = step(report, 'cdn-master');
      assert.deepEqual(failed.causes, ['The distribution\'s configuration: No Authorization origin header. (cloudfront-authorization-missing)']);
      assert.deepEqual(failed.fix, { finding: 'cloudfront-authorization-missing', setting: 'cloudfront.authorizationKey' });
    });

    it('401 without a finding: the header is missing, or the player key in it is wrong or expired', async () => {
      const { report } = await run({ edge: (e) => e.serve(`${EDGE}/playlist.m3u8`, answer(401)) });
      const failed = step(report, 'cdn-master');
      assert.equal(failed.causes.length, 1);
      assert.match(failed.causes[0], /Authorization header has not been correctly set to the player key.*missing, or the player key in it is wrong or has expired/);
    });

    it('403 adds the origin path to the suspects', async () => {
      const { report } = await run({ edge: (e) => e.serve(`${EDGE}/playlist.m3u8`, answer(403)) });
      assert.match(step(report, 'cdn-master').causes[1], /origin path is not \/cache\/live-origin/);
    });

    it('404: the origin path, or a behavior', async () => {
      const { report } = await run({ edge: (e) => e.serve(`${EDGE}/playlist_480p30.m3u8`, answer(404)) });
      assert.equal(statuses(report), 'pass pass pass pass fail skip');
      const failed = step(report, 'cdn-variants');
      assert.match(failed.causes[0], /origin path is not \/cache\/live-origin/);
      assert.match(failed.causes[1], /behavior might be incorrectly set/);
      const known = await run({
        edge: (e) => e.serve(`${EDGE}/playlist.m3u8`, answer(404)),
        findings: [{ code: 'cloudfront-origin-path', message: 'The origin path is /live.' }],
      });
      assert.deepEqual(step(known.report, 'cdn-master').causes, ['The distribution\'s configuration: The origin path is /live. (cloudfront-origin-path)']);
    });

    it('502: CloudFront cannot reach the origin domain', async () => {
      const { report } = await run({ edge: (e) => e.serve(`${EDGE}/playlist.m3u8`, answer(502)) });
      assert.match(step(report, 'cdn-master').causes[0], /cannot reach the origin/);
      assert.deepEqual(step(report, 'cdn-master').fix, { setting: 'cloudfront.originDomain', finding: 'cloudfront-origin-domain' });
    });

    it('an old playlist through CloudFront while the origin is live: playlists cached too long', async () => {
      const { report } = await run({ edge: (e) => e.serve(`${EDGE}/playlist_720p30.m3u8`, variant('_720p30', 940)) });
      assert.equal(statuses(report), 'pass pass pass pass pass fail');
      assert.match(step(report, 'cdn-live-point').causes[0], /old copy of the variant playlist/);
      assert.deepEqual(step(report, 'cdn-live-point').fix, { setting: 'cloudfront.behaviors', finding: 'cloudfront-manifest-cached-too-long' });
    });

    it('an HTML page instead of a segment names the behaviors', async () => {
      const { report } = await run({ edge: (e) => e.serve(`${EDGE}/playlist_720p30_00940.ts`, '<html>') });
      assert.match(step(report, 'cdn-live-point').causes[0], /something other than the origin's object/);
    });

    it('no distribution: the first CloudFront step fails with why, the others are skipped', async () => {
      const { report, edge } = await run({ cdn: { problem: 'No distribution fronts it.', causes: ['Create one.'], fix: { setting: 'cloudfront.originPath' } } });
      assert.equal(statuses(report), 'pass pass pass fail skip skip');
      assert.equal(step(report, 'cdn-master').detail, 'No distribution fronts it.');
      assert.equal(edge.requests.length, 0);
    });
  });
});
