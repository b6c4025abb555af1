// Checks on what one reload of one playlist says: durations, dates, keys in URIs, and answers that
// are not playlists at all.
import assert from 'node:assert/strict';
import { codes, findings, MASTER, rig, V240, V720, watch } from './harness';
import { master, media } from './playlists';

const PDT = Date.UTC(2026, 10, 21, 12);

async function snapshotOf(text: string) {
  const setup = rig(V720, {}, (origin) => origin.serve(V720, text));
  await setup.inspector.snapshot();
  return setup.inspector;
}

describe('live inspector: checks of one playlist', () => {
  describe('live-extinf-over-target', () => {
    it('reports a segment that rounds above the target duration', async () => {
      const inspector = await snapshotOf(media({ sequence: 1, count: 5, pdtStart: PDT, duration: (n) => (n === 3 ? 2.5 : 2) }));
      const [finding] = findings(inspector, 'live-extinf-over-target');
      assert.match(finding.message, /playlist_720p30_00003\.ts lasts 2\.5 s/);
      assert.equal(finding.severity, 'error');
    });

    it('accepts a segment that rounds down to the target duration', async () => {
      const inspector = await snapshotOf(media({ sequence: 1, count: 5, pdtStart: PDT, duration: (n) => (n === 3 ? 2.49 : 2) }));
      assert.deepEqual(codes(inspector), []);
    });
  });

  describe('live-pdt-missing', () => {
    it('reports a live variant without program date time', async () => {
      const inspector = await snapshotOf(media({ sequence: 1, count: 5 }));
      assert.equal(findings(inspector, 'live-pdt-missing')[0].severity, 'warning');
    });

    it('accepts a live variant with it, and an ended one without it', async () => {
      assert.deepEqual(codes(await snapshotOf(media({ sequence: 1, count: 5, pdtStart: PDT }))), []);
      assert.deepEqual(codes(await snapshotOf(media({ sequence: 1, count: 5, endList: true }))), []);
    });
  });

  describe('live-token-in-uri', () => {
    it('reports token= in a segment URI, with the value redacted', async () => {
      const inspector = await snapshotOf(media({ sequence: 1, count: 5, pdtStart: PDT, query: '?token=SECRET-KEY&ttl_seconds=3600' }));
      const [finding] = findings(inspector, 'live-token-in-uri');
      assert.ok(finding);
      assert.doesNotMatch(JSON.stringify(inspector.view()), /SECRET-KEY/);
    });

    it('reports token= in an EXT-X-KEY URI', async () => {
      const text = media({ sequence: 1, count: 5, pdtStart: PDT }).replace('#EXT-X-MEDIA-SEQUENCE:1\n', '#EXT-X-MEDIA-SEQUENCE:1\n#EXT-X-KEY:METHOD=AES-128,URI="key.bin?token=SECRET-KEY"\n');
      assert.equal(findings(await snapshotOf(text), 'live-token-in-uri').length, 1);
    });

    it('reports token= in the master playlist\'s variant URIs', async () => {
      const setup = rig(MASTER, {}, (origin) => {
        origin.serve(MASTER, master([{ uri: 'playlist_720p30.m3u8?token=SECRET-KEY&role=origin', bandwidth: 2_000_000 }]));
        origin.serve(`${V720}?token=SECRET-KEY&role=origin`, media({ sequence: 1, count: 5, pdtStart: PDT }));
      });
      await setup.inspector.snapshot();
      assert.deepEqual(codes(setup.inspector), ['live-token-in-uri']);
      assert.doesNotMatch(JSON.stringify(setup.inspector.view()), /SECRET-KEY/);
    });

    it('accepts parameters that only look like it', async () => {
      const inspector = await snapshotOf(media({ sequence: 1, count: 5, pdtStart: PDT, query: '?mytoken=abc&token=&ttl_seconds=3600' }));
      assert.deepEqual(codes(inspector), []);
    });
  });

  describe('live-playlist-invalid', () => {
    it('reports an answer that is not a playlist, or a media playlist without a target duration', async () => {
      assert.deepEqual(codes(await snapshotOf('<html><body>Service Unavailable</body></html>')), ['live-playlist-invalid']);
      assert.deepEqual(codes(await snapshotOf(media({ sequence: 1, count: 3, pdtStart: PDT }).replace('#EXT-X-TARGETDURATION:2\n', ''))), ['live-playlist-invalid']);
    });

    it('reports a playlist over the size limit without reading it', async () => {
      const setup = rig(V720, { limits: { maxPlaylistBytes: 1000 } }, (origin) => origin.serve(V720, media({ sequence: 1, count: 50, pdtStart: PDT })));
      await setup.inspector.snapshot();
      assert.match(findings(setup.inspector, 'live-playlist-invalid')[0].message, /over the inspector's limit of 1000/);
    });
  });

  describe('live-fetch-failed', () => {
    const cases: [number, RegExp][] = [
      [401, /401: the key was refused .* read-only player key/],
      [403, /403: the key is not allowed to read this namespace/],
      [404, /404: .*the channel is not running .*or the path is wrong/],
      [503, /503: the origin or the edge failed/],
    ];
    for (const [status, meaning] of cases) {
      it(`explains HTTP ${status}`, async () => {
        const setup = rig(V720, {}, (origin) => origin.serve(V720, { status, body: 'nope' }));
        await setup.inspector.snapshot();
        const [finding] = findings(setup.inspector, 'live-fetch-failed');
        assert.match(finding.message, meaning);
        assert.equal(finding.playlist, V720);
      });
    }

    it('reports a network error and a variant that fails while the master answers', async () => {
      const setup = rig(MASTER, {}, (origin) => {
        origin.serve(MASTER, master([{ uri: 'playlist_720p30.m3u8', bandwidth: 2_000_000 }, { uri: 'playlist_240p30.m3u8', bandwidth: 500_000 }]));
        origin.serve(V720, media({ sequence: 1, count: 5, pdtStart: PDT }));
        origin.serve(V240, { error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { cause: { code: 'ECONNREFUSED' } }) });
      });
      await setup.inspector.snapshot();
      const failed = findings(setup.inspector, 'live-fetch-failed');
      assert.equal(failed.length, 1);
      assert.equal(failed[0].playlist, V240);
      assert.match(failed[0].message, /ECONNREFUSED/);
    });

    it('reports a failing playlist once while it keeps failing, and again after it recovered', async () => {
      const healthy = media({ sequence: 1, count: 5, pdtStart: PDT });
      const setup = rig(V720, {}, (origin) => origin.sequence(V720, [healthy, { status: 404 }, { status: 404 }, { status: 404 }, media({ sequence: 2, count: 5, pdtStart: PDT + 2000 }), { status: 404 }]));
      await watch(setup, 7500);
      assert.equal(setup.origin.requestsFor(V720).length, 6);
      assert.equal(findings(setup.inspector, 'live-fetch-failed').length, 2);
    });
  });
});
