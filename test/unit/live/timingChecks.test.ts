// Checks that depend on time, on segment bodies, or on several renditions at once.
import assert from 'node:assert/strict';
import { outOfStep } from '../../../src/live/crossRendition';
import { LIVE_LIMITS } from '../../../src/live/limits';
import { readMediaWindow } from '../../../src/live/readWindow';
import { START, transportStream } from './fakes';
import { BASE, codes, findings, MASTER, rig, V240, V720, watch } from './harness';
import { master, media } from './playlists';

const PDT = START - 20_000;

function readWindow(text: string) {
  const read = readMediaWindow(text, LIVE_LIMITS);
  assert.ok(read.ok);
  return read.window;
}

/** The window a 2 s encoder has published at `now`: one new segment every `periodMs`. */
function publishedAt(now: number, periodMs = 2000, pdt = true): string {
  const published = Math.floor((now - START) / periodMs);
  return media({ sequence: 100 + published, count: 10, pdtStart: pdt ? PDT + published * 2000 : undefined });
}

describe('live inspector: time, segments and renditions', () => {
  describe('live-stale-playlist', () => {
    it('reports a playlist that stopped changing within two target durations of its last change', async () => {
      const setup = rig(V720, {}, (origin) => origin.serve(V720, publishedAt(START)));
      await watch(setup, 10_000);
      const [stale] = findings(setup.inspector, 'live-stale-playlist');
      assert.ok(stale, 'stale reported');
      assert.ok(stale.time - START <= 2 * 2000, `reported ${stale.time - START} ms after the last change`);
      assert.match(stale.message, /No new segment for 4 s, more than 1\.5 target durations \(3 s\)/);
      assert.equal(findings(setup.inspector, 'live-stale-playlist').length, 1);
    });

    it('accepts a playlist that gains a segment every target duration, polled for a minute', async () => {
      const setup = rig(V720, {}, (origin) => origin.serve(V720, (_, clock) => publishedAt(clock.now())));
      await watch(setup, 60_000);
      assert.deepEqual(codes(setup.inspector), []);
    });

    it('reports a stale playlist again after it had recovered', async () => {
      const setup = rig(V720, {}, (origin) => origin.serve(V720, (_, clock) => {
        const elapsed = clock.now() - START;
        return publishedAt(elapsed < 10_000 ? START : elapsed < 20_000 ? clock.now() : START + 20_000);
      }));
      await watch(setup, 30_000);
      assert.equal(findings(setup.inspector, 'live-stale-playlist').length, 2);
    });

    it('reports Last-Modified more than three target durations behind Date, not exactly three', async () => {
      const date = 'Sat, 21 Nov 2026 12:00:10 GMT';
      const stale = rig(V720, {}, (origin) => origin.serve(V720, { body: publishedAt(START), headers: { date, 'last-modified': 'Sat, 21 Nov 2026 12:00:03 GMT' } }));
      await stale.inspector.snapshot();
      assert.match(findings(stale.inspector, 'live-stale-playlist')[0].message, /Last-Modified is 7 s behind Date/);
      const fresh = rig(V720, {}, (origin) => origin.serve(V720, { body: publishedAt(START), headers: { date, 'last-modified': 'Sat, 21 Nov 2026 12:00:04 GMT' } }));
      await fresh.inspector.snapshot();
      assert.deepEqual(codes(fresh.inspector), []);
    });

    it('reports a live playlist that gains EXT-X-ENDLIST at once, and never one that had it from the start', async () => {
      const ending = rig(V720, {}, (origin) => origin.sequence(V720, [publishedAt(START), `${publishedAt(START + 2000)}#EXT-X-ENDLIST\n`]));
      await watch(ending, 2500);
      const [stale] = findings(ending.inspector, 'live-stale-playlist');
      assert.equal(stale.time - START, 2000);
      assert.match(stale.message, /ended with EXT-X-ENDLIST/);
      const recorded = rig(V720, {}, (origin) => origin.serve(V720, media({ sequence: 1, count: 10, pdtStart: PDT, endList: true })));
      await watch(recorded, 30_000);
      assert.deepEqual(codes(recorded.inspector), []);
      assert.deepEqual(recorded.origin.requestsFor(V720).map((request) => request.time - START), [0, LIVE_LIMITS.maxIntervalMs], 'an ended playlist is reloaded slowly');
    });

    it('counts failing reloads as time without a new segment', async () => {
      const setup = rig(V720, {}, (origin) => origin.sequence(V720, [publishedAt(START), { status: 404 }]));
      await watch(setup, 6000);
      assert.deepEqual(codes(setup.inspector), ['live-fetch-failed', 'live-stale-playlist']);
    });
  });

  describe('segments', () => {
    const segmentUrl = (n: number) => `${BASE}/playlist_720p30_${String(n).padStart(5, '0')}.ts`;
    const declared = master([{ uri: 'playlist_720p30.m3u8', bandwidth: 2_000_000, averageBandwidth: 1_600_000, resolution: '1280x720' }]);
    /** Bytes of a 2 s segment at `bps`, rounded to whole TS packets. */
    const bytesAt = (bps: number) => Math.ceil((bps * 2) / 8 / 188) * 188;

    function segmentRig(segment: (n: number) => Uint8Array | { body: Uint8Array; headers?: Record<string, string>; status?: number }, playlist = publishedAt(START)) {
      return rig(MASTER, { probeSegments: true }, (origin) => {
        origin.serve(MASTER, declared);
        origin.serve(V720, playlist);
        for (let n = 100; n < 140; n++) {
          const answer = segment(n);
          origin.serve(segmentUrl(n), answer instanceof Uint8Array ? { body: answer } : answer);
        }
      });
    }

    it('fetches only the newest segment, once per new live point', async () => {
      const setup = segmentRig(() => transportStream(bytesAt(1_000_000)));
      // A segment every 3 s against reloads every 2 s: some reloads find nothing new.
      setup.origin.serve(V720, (_, clock) => publishedAt(clock.now(), 3000));
      await watch(setup, 12_500);
      assert.equal(setup.origin.requestsFor(V720).length, 9, 'reloads at 0, 2, 3, 5, 6, 8, 9, 11 and 12 s');
      const segments = setup.origin.requests.filter((request) => request.url.endsWith('.ts'));
      assert.deepEqual(segments.map((request) => request.url), [109, 110, 111, 112, 113].map(segmentUrl));
      assert.ok(segments.every((request) => request.init?.maxBytes === LIVE_LIMITS.maxSegmentBytes + 1));
      assert.deepEqual(codes(setup.inspector), []);
      const [view] = setup.inspector.view().renditions;
      assert.equal(view.segmentsMeasured, 5);
      assert.equal(view.measuredPeakKbps, Math.round((bytesAt(1_000_000) * 8) / 2 / 1000));
      assert.deepEqual(view.timeline.slice(-2).map((entry) => [entry.sequence, entry.bytes]), [[112, bytesAt(1_000_000)], [113, bytesAt(1_000_000)]]);
      assert.equal(view.timeline[0].bytes, undefined, 'segments the inspector did not fetch have no size');
    });

    it('live-segment-not-ts: reports a segment without sync bytes, names the byte', async () => {
      const body = transportStream(188 * 10);
      body[188 * 3] = 0x3c;
      const setup = segmentRig(() => body);
      await setup.inspector.snapshot();
      assert.match(findings(setup.inspector, 'live-segment-not-ts')[0].message, /byte 564 \(packet 3\) is 0x3c/);
    });

    it('live-segment-not-ts: reports a segment cut short of a whole packet', async () => {
      const setup = segmentRig(() => transportStream(188 * 10 + 100));
      await setup.inspector.snapshot();
      assert.match(findings(setup.inspector, 'live-segment-not-ts')[0].message, /not a whole number of 188-byte packets/);
    });

    it('live-segment-not-ts: accepts MPEG-TS, and does not expect it from fragmented MP4', async () => {
      const ts = segmentRig(() => transportStream(188 * 10));
      await ts.inspector.snapshot();
      assert.deepEqual(codes(ts.inspector), []);
      const fmp4 = publishedAt(START).replace('#EXT-X-MEDIA-SEQUENCE:100\n', '#EXT-X-MEDIA-SEQUENCE:100\n#EXT-X-MAP:URI="init.mp4"\n');
      const mp4 = segmentRig(() => new Uint8Array([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70]), fmp4);
      await mp4.inspector.snapshot();
      assert.deepEqual(codes(mp4.inspector), []);
    });

    it('live-segment-too-large: reports a segment over 10 MB, not one of exactly 10 MB', async () => {
      const over = segmentRig(() => ({ body: transportStream(188), headers: { 'content-length': '10000001' } }));
      await over.inspector.snapshot();
      assert.match(findings(over.inspector, 'live-segment-too-large')[0].message, /is 10\.00 MB, over Momento's 10\.00 MB object limit/);
      const limit = segmentRig(() => ({ body: transportStream(188), headers: { 'content-length': '10000000' } }));
      await limit.inspector.snapshot();
      assert.deepEqual(findings(limit.inspector, 'live-segment-too-large'), []);
    });

    it('live-fetch-failed: reports the newest segment failing while its playlist answers', async () => {
      const setup = segmentRig(() => ({ body: new Uint8Array(), status: 404 }));
      await setup.inspector.snapshot();
      const [failed] = findings(setup.inspector, 'live-fetch-failed');
      assert.match(failed.message, /newest segment .*playlist_720p30_00109\.ts failed: HTTP 404/);
      assert.equal(failed.playlist, V720);
    });

    it('live-bitrate-over-declared: reports a peak above 125% of BANDWIDTH, not one at 124%', async () => {
      const over = segmentRig(() => transportStream(bytesAt(2_000_000 * 1.26)));
      await over.inspector.snapshot();
      assert.match(findings(over.inspector, 'live-bitrate-over-declared')[0].message, /measured 252\d kbps, over 125% of the declared BANDWIDTH of 2000 kbps/);
      const under = segmentRig(() => transportStream(bytesAt(2_000_000 * 1.24)));
      await under.inspector.snapshot();
      assert.deepEqual(codes(under.inspector), []);
    });

    it('live-bitrate-over-declared: reports an average above 110% of AVERAGE-BANDWIDTH over five segments, not at 108%', async () => {
      for (const [ratio, expected] of [[1.15, 1], [1.08, 0]] as const) {
        const setup = segmentRig(() => transportStream(bytesAt(1_600_000 * ratio)));
        setup.origin.serve(V720, (_, clock) => publishedAt(clock.now()));
        await watch(setup, 9000);
        assert.equal(findings(setup.inspector, 'live-bitrate-over-declared').length, expected, `at ${ratio}`);
      }
    });

    it('live-bitrate-over-declared: waits for five segments before judging the average', async () => {
      const setup = segmentRig(() => transportStream(bytesAt(1_600_000 * 1.2)));
      setup.origin.serve(V720, (_, clock) => publishedAt(clock.now()));
      await watch(setup, 7000);
      assert.equal(setup.inspector.view().renditions[0].segmentsMeasured, 4);
      assert.deepEqual(codes(setup.inspector), []);
    });
  });

  describe('live-renditions-out-of-step', () => {
    function twoRenditions(v240: string, v720 = media({ sequence: 100, count: 10, pdtStart: PDT })) {
      return rig(MASTER, {}, (origin) => {
        origin.serve(MASTER, master([{ uri: 'playlist_720p30.m3u8', bandwidth: 2_000_000 }, { uri: 'playlist_240p30.m3u8', bandwidth: 500_000 }]));
        origin.serve(V720, v720);
        origin.serve(V240, v240);
      });
    }

    it('reports a rendition two segments behind by program date time', async () => {
      const setup = twoRenditions(media({ sequence: 98, count: 10, pdtStart: PDT - 4000, name: 'playlist_240p30' }));
      await setup.inspector.snapshot();
      const [finding] = findings(setup.inspector, 'live-renditions-out-of-step');
      assert.equal(finding.playlist, V240);
      assert.match(finding.message, /trails .*playlist_720p30\.m3u8 by 4 s of program date time/);
    });

    it('accepts a rendition one segment behind (a segment published a moment later)', async () => {
      const setup = twoRenditions(media({ sequence: 99, count: 10, pdtStart: PDT - 2000, name: 'playlist_240p30' }));
      await setup.inspector.snapshot();
      assert.deepEqual(codes(setup.inspector), []);
    });

    it('compares by media sequence when there is no program date time', async () => {
      const behind = twoRenditions(media({ sequence: 97, count: 10, name: 'playlist_240p30' }), media({ sequence: 100, count: 10 }));
      await behind.inspector.snapshot();
      assert.match(findings(behind.inspector, 'live-renditions-out-of-step')[0].message, /by 6 s \(media sequence 106 against 109\)/);
      const close = twoRenditions(media({ sequence: 99, count: 10, name: 'playlist_240p30' }), media({ sequence: 100, count: 10 }));
      await close.inspector.snapshot();
      assert.deepEqual(findings(close.inspector, 'live-renditions-out-of-step'), []);
    });

    it('shows each rendition\'s program date time offset against the first', async () => {
      const setup = twoRenditions(media({ sequence: 100, count: 10, pdtStart: PDT + 250, name: 'playlist_240p30' }));
      await setup.inspector.snapshot();
      const views = setup.inspector.view().renditions;
      assert.deepEqual(views.map((view) => view.pdtOffsetMs), [undefined, 250]);
      assert.deepEqual(codes(setup.inspector), []);
    });

    it('compares live points as of the moment each playlist was read', () => {
      const window = (last: number) => ({ url: '', readAt: 0, window: readWindow(media({ sequence: last - 9, count: 10, pdtStart: PDT + (last - 109) * 2000 })) });
      const early = { ...window(109), url: 'early', readAt: START };
      const late = { ...window(111), url: 'late', readAt: START + 4000 };
      assert.equal(outOfStep(early, late), undefined, 'read 4 s later, two segments further on: in step');
      assert.equal(outOfStep(early, { ...late, readAt: START })?.behind.url, 'early', 'read at the same moment: out of step');
    });

    it('takes the time between two reloads into account', async () => {
      const setup = rig(MASTER, {}, (origin) => {
        origin.serve(MASTER, master([{ uri: 'playlist_720p30.m3u8', bandwidth: 2_000_000 }, { uri: 'playlist_240p30.m3u8', bandwidth: 500_000 }]));
        origin.serve(V720, (_, clock) => publishedAt(clock.now()));
        origin.serve(V240, (_, clock) => publishedAt(clock.now()).replaceAll('720p30', '240p30'));
      });
      await watch(setup, 30_000);
      assert.deepEqual(codes(setup.inspector), []);
    });
  });
});
