// Reloads recorded from the sandbox's ffmpeg channel: clean as recorded, and each reload-to-reload
// check triggered by replaying them out of order or edited the way failing origins serve them.
import assert from 'node:assert/strict';
import { BASE, codes, findings, MASTER, rig, V240, V720, watch, type Rig } from './harness';
import { RECORDED_MASTER, RECORDED_V240, RECORDED_V720 } from './recorded';

const V480 = `${BASE}/playlist_480p30.m3u8`;
const QUERY = '?ttl_seconds=3600&role=origin';

/** Serves the recorded master and each variant's reloads, one per request. */
function replay(v720: readonly string[], v240: readonly string[] = RECORDED_V240): Rig {
  return rig(MASTER, {}, (origin) => {
    origin.serve(MASTER, RECORDED_MASTER);
    origin.sequence(`${V720}${QUERY}`, v720);
    origin.sequence(`${V480}${QUERY}`, v720.map((text) => text.replaceAll('720p30', '480p30')));
    origin.sequence(`${V240}${QUERY}`, v240);
  });
}

async function replayed(v720: readonly string[], v240?: readonly string[]) {
  const setup = replay(v720, v240);
  await watch(setup, 2000 * (v720.length - 1) + 500);
  return setup.inspector;
}

describe('live inspector on recorded sandbox reloads', () => {
  it('finds no error in the recorded stream, only the program date time it does not write yet', async () => {
    const inspector = await replayed(RECORDED_V720.slice(0, 2), RECORDED_V240.slice(0, 2));
    assert.deepEqual(codes(inspector), ['live-pdt-missing']);
    const views = inspector.view().renditions;
    assert.deepEqual(views.map((view) => [view.resolution, view.bandwidth, view.mediaSequence, view.windowSegments]), [
      ['1280x720', 2855600, 4, 10], ['854x480', 1755600, 4, 10], ['426x240', 930600, 4, 10],
    ]);
  });

  it('live-stale-playlist: the recorded stop, where ffmpeg ended every playlist', async () => {
    const inspector = await replayed(RECORDED_V720);
    const stale = findings(inspector, 'live-stale-playlist');
    assert.equal(stale.length, 3);
    assert.ok(stale.every((finding) => /ended with EXT-X-ENDLIST/.test(finding.message)));
    assert.deepEqual(codes(inspector), ['live-pdt-missing', 'live-stale-playlist']);
  });

  it('live-media-sequence-regressed: the reloads replayed backwards', async () => {
    const inspector = await replayed([RECORDED_V720[1], RECORDED_V720[0]]);
    assert.match(findings(inspector, 'live-media-sequence-regressed')[0].message, /from 4 to 3/);
  });

  it('live-segment-uri-changed: a reload whose segment names come from another rendition', async () => {
    const inspector = await replayed([RECORDED_V720[0], RECORDED_V720[1].replaceAll('720p30_', '240p30_')]);
    const [changed] = findings(inspector, 'live-segment-uri-changed').filter((finding) => finding.playlist === `${V720}${QUERY}`);
    assert.match(changed.message, /Media sequence 4 was playlist_720p30_00004\.ts.* and is now playlist_240p30_00004\.ts.*\(9 segments changed in this reload\.\)/);
  });

  it('live-playlist-shrunk: the same media sequence served by a lagging copy', async () => {
    const lagging = RECORDED_V720[1].split('\n').slice(0, -5).join('\n');
    const inspector = await replayed([RECORDED_V720[1], `${lagging}\n`]);
    assert.match(findings(inspector, 'live-playlist-shrunk')[0].message, /lists 8 segments instead of 10/);
  });

  it('live-renditions-out-of-step: one rendition two segments behind the others, not one', async () => {
    const behind = `${RECORDED_V240[0].trimEnd().split('\n').slice(0, -4).join('\n')}\n`;
    const inspector = await replayed(RECORDED_V720.slice(0, 1), [behind]);
    const stuck = findings(inspector, 'live-renditions-out-of-step').filter((finding) => finding.playlist === `${V240}${QUERY}`);
    assert.ok(stuck.length > 0, JSON.stringify(inspector.view().history, null, 1));
    const oneBehind = `${RECORDED_V240[0].trimEnd().split('\n').slice(0, -2).join('\n')}\n`;
    assert.deepEqual(findings(await replayed(RECORDED_V720.slice(0, 1), [oneBehind]), 'live-renditions-out-of-step'), []);
  });
});
