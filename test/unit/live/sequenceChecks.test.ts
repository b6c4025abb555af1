// The reload-to-reload checks, each triggered by a recorded-style sequence and not triggered by its
// nearest healthy neighbour.
import assert from 'node:assert/strict';
import { codes, findings, rig, V720, watch } from './harness';
import { media, sliding } from './playlists';

/** Serves `texts` one per reload of a 2 s variant and watches until the last one has been read. */
async function run(texts: string[]) {
  const setup = rig(V720, {}, (origin) => origin.sequence(V720, texts));
  await watch(setup, 2000 * (texts.length - 1) + 500);
  assert.equal(setup.origin.requestsFor(V720).length, texts.length, 'one reload per playlist in the sequence');
  return setup.inspector;
}

const PDT = Date.UTC(2026, 10, 21, 12);

describe('live inspector: reload-to-reload checks', () => {
  it('finds nothing in a healthy sliding window with program date time', async () => {
    const inspector = await run(sliding(6, { count: 10, pdtStart: PDT }));
    assert.deepEqual(codes(inspector), []);
  });

  describe('live-media-sequence-regressed', () => {
    it('reports a media sequence that goes back', async () => {
      const inspector = await run([media({ sequence: 120, count: 10, pdtStart: PDT }), media({ sequence: 115, count: 10, pdtStart: PDT })]);
      const [finding] = findings(inspector, 'live-media-sequence-regressed');
      assert.match(finding.message, /from 120 to 115/);
      assert.equal(finding.severity, 'error');
      assert.equal(finding.playlist, V720);
    });

    it('accepts a media sequence that stays or moves on', async () => {
      const inspector = await run([media({ sequence: 120, count: 10, pdtStart: PDT }), media({ sequence: 120, count: 11, pdtStart: PDT }), media({ sequence: 121, count: 10, pdtStart: PDT + 2000 })]);
      assert.deepEqual(findings(inspector, 'live-media-sequence-regressed'), []);
    });
  });

  describe('live-segment-uri-changed', () => {
    it('reports a media sequence number that now names another segment', async () => {
      const inspector = await run([
        media({ sequence: 100, count: 10, pdtStart: PDT }),
        media({ sequence: 101, count: 10, pdtStart: PDT + 2000, uri: (n) => (n === 105 ? 'other_00105.ts' : `playlist_720p30_${String(n).padStart(5, '0')}.ts`) }),
      ]);
      const [finding] = findings(inspector, 'live-segment-uri-changed');
      assert.match(finding.message, /105 was playlist_720p30_00105\.ts and is now other_00105\.ts/);
    });

    it('reports a media sequence number whose duration changed', async () => {
      const inspector = await run([
        media({ sequence: 100, count: 10, pdtStart: PDT }),
        media({ sequence: 101, count: 10, duration: (n) => (n === 108 ? 1.5 : 2) }),
      ]);
      assert.match(findings(inspector, 'live-segment-uri-changed')[0].message, /108 .* from 2 s to 1\.5 s/);
    });

    it('reports a change in the first segment of the new window as well', async () => {
      const inspector = await run([
        media({ sequence: 100, count: 10 }),
        media({ sequence: 101, count: 10, uri: (n) => (n === 101 ? 'moved.ts' : `playlist_720p30_${String(n).padStart(5, '0')}.ts`) }),
      ]);
      assert.equal(findings(inspector, 'live-segment-uri-changed').length, 1);
    });

    it('accepts the same segments under the same numbers, whatever the line endings of the new lines', async () => {
      const second = media({ sequence: 101, count: 10, pdtStart: PDT + 2000 });
      const inspector = await run([media({ sequence: 100, count: 10, pdtStart: PDT }), second, `${second}#EXT-X-PROGRAM-DATE-TIME:${new Date(PDT + 22000).toISOString()}\r\n#EXTINF:2.00000,\r\nplaylist_720p30_00111.ts\r\n`]);
      assert.deepEqual(codes(inspector), []);
    });
  });

  describe('live-playlist-shrunk', () => {
    it('reports fewer segments under the same media sequence', async () => {
      const inspector = await run([media({ sequence: 100, count: 10, pdtStart: PDT }), media({ sequence: 100, count: 8, pdtStart: PDT })]);
      assert.match(findings(inspector, 'live-playlist-shrunk')[0].message, /8 segments instead of 10/);
    });

    it('accepts more segments under the same media sequence (a window still filling)', async () => {
      const inspector = await run([media({ sequence: 0, count: 1, pdtStart: PDT }), media({ sequence: 0, count: 2, pdtStart: PDT }), media({ sequence: 0, count: 3, pdtStart: PDT })]);
      assert.deepEqual(codes(inspector), []);
    });
  });

  describe('live-discontinuity-sequence', () => {
    it('reports a discontinuity that left the window without being counted', async () => {
      const inspector = await run([
        media({ sequence: 100, count: 10, pdtStart: PDT, discontinuities: [100, 104] }),
        media({ sequence: 101, count: 10, pdtStart: PDT + 2000, discontinuities: [104] }),
      ]);
      assert.match(findings(inspector, 'live-discontinuity-sequence')[0].message, /is 0, expected 1/);
    });

    it('accepts EXT-X-DISCONTINUITY-SEQUENCE advanced by the discontinuities that left', async () => {
      const inspector = await run([
        media({ sequence: 100, count: 10, pdtStart: PDT, discontinuities: [100, 104], discontinuitySequence: 3 }),
        media({ sequence: 101, count: 10, pdtStart: PDT + 2000, discontinuities: [104], discontinuitySequence: 4 }),
        media({ sequence: 102, count: 10, pdtStart: PDT + 4000, discontinuities: [104], discontinuitySequence: 4 }),
      ]);
      assert.deepEqual(codes(inspector), []);
    });

    it('reports a discontinuity sequence that moved although no discontinuity left', async () => {
      const inspector = await run([
        media({ sequence: 100, count: 10, pdtStart: PDT, discontinuitySequence: 3 }),
        media({ sequence: 101, count: 10, pdtStart: PDT + 2000, discontinuitySequence: 4 }),
      ]);
      assert.equal(findings(inspector, 'live-discontinuity-sequence').length, 1);
    });
  });

  describe('live-window-too-short', () => {
    it('reports a sliding window under three target durations', async () => {
      const inspector = await run(sliding(3, { count: 2, pdtStart: PDT }));
      assert.match(findings(inspector, 'live-window-too-short')[0].message, /4 s in 2 segments, less than three target durations \(6 s\)/);
      assert.equal(findings(inspector, 'live-window-too-short').length, 1, 'a lasting condition is reported once');
    });

    it('accepts a window of exactly three target durations', async () => {
      const inspector = await run(sliding(3, { count: 3, pdtStart: PDT }));
      assert.deepEqual(codes(inspector), []);
    });

    it('accepts a short window that is still filling from the start of the stream', async () => {
      const inspector = await run([media({ sequence: 0, count: 1, pdtStart: PDT }), media({ sequence: 0, count: 2, pdtStart: PDT })]);
      assert.deepEqual(findings(inspector, 'live-window-too-short'), []);
    });
  });
});
