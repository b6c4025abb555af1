// The reload cadence of RFC 8216 6.3.4 (one target duration after a change, half of one after an
// unchanged reload), one request in flight per playlist, timeouts, and cancellation.
import assert from 'node:assert/strict';
import { LIVE_LIMITS } from '../../../src/live/limits';
import { START } from './fakes';
import { codes, findings, MASTER, rig, V240, V720, watch } from './harness';
import { master, media } from './playlists';

/** An encoder that adds a segment every `periodMs`, as seen at `now`. */
function encoderAt(now: number, periodMs: number, target: number): string {
  return media({ sequence: 100 + Math.floor((now - START) / periodMs), count: 10, target, pdtStart: START });
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((time, i) => time - times[i]);
}

describe('live inspector: reload cadence', () => {
  for (const [target, periodMs] of [[2, 3000], [6, 8000], [1, 1700]] as const) {
    it(`reloads a ${target} s variant one target duration after a change and half of one after no change (segments every ${periodMs} ms)`, async () => {
      const setup = rig(V720, {}, (origin) => origin.serve(V720, (_, clock) => encoderAt(clock.now(), periodMs, target)));
      await watch(setup, 60_000);
      const times = setup.origin.requestsFor(V720).map((request) => request.time);
      const seen = times.map((time) => encoderAt(time, periodMs, target));
      const expected = seen.slice(0, -1).map((text, i) => (i === 0 || text !== seen[i - 1] ? target * 1000 : target * 500));
      assert.deepEqual(gaps(times), expected);
      assert.ok(expected.includes(target * 500) && expected.includes(target * 1000), 'both cadences were exercised');
    });
  }

  it('polls the master and every variant, the master at its own slower cadence', async () => {
    const setup = rig(MASTER, {}, (origin) => {
      origin.serve(MASTER, master([{ uri: 'playlist_720p30.m3u8', bandwidth: 2_000_000 }, { uri: 'playlist_240p30.m3u8', bandwidth: 500_000 }]));
      origin.serve(V720, (_, clock) => encoderAt(clock.now(), 2000, 2));
      origin.serve(V240, (_, clock) => encoderAt(clock.now(), 2000, 2).replaceAll('720p30', '240p30'));
    });
    await watch(setup, 61_000);
    assert.deepEqual(setup.origin.requestsFor(MASTER).map((request) => request.time - START), [0, 30_000, 60_000]);
    assert.equal(setup.origin.requestsFor(V720).length, 31);
    assert.equal(setup.origin.requestsFor(V240).length, 31);
    assert.deepEqual(codes(setup.inspector), []);
  });

  it('keeps one request in flight per playlist, and gives up on it after the request timeout', async () => {
    let hung = true;
    const setup = rig(V720, {}, (origin) => origin.serve(V720, (request, clock) => (request === 1 && hung ? { hang: true } : encoderAt(clock.now(), 2000, 2))));
    await watch(setup, 2000 + LIVE_LIMITS.requestTimeoutMs - 1);
    assert.equal(setup.origin.requestsFor(V720).length, 2, 'no second request while the first hangs');
    hung = false;
    const times = setup.origin.requestsFor(V720).map((request) => request.time - START);
    assert.deepEqual(times, [0, 2000]);

    const again = rig(V720, {}, (origin) => origin.serve(V720, (request, clock) => (request === 1 ? { hang: true } : encoderAt(clock.now(), 2000, 2))));
    await watch(again, 2000 + LIVE_LIMITS.requestTimeoutMs + 1000);
    assert.deepEqual(again.origin.requestsFor(V720).map((request) => request.time - START), [0, 2000, 2000 + LIVE_LIMITS.requestTimeoutMs + 1000]);
    assert.match(findings(again.inspector, 'live-fetch-failed')[0].message, /no answer within 10 s/);
  });

  it('stops at once when cancelled, even with a request that never answers and ignores its signal', async () => {
    const setup = rig(V720, {}, (origin) => origin.serve(V720, (request, clock) => (request === 0 ? encoderAt(clock.now(), 2000, 2) : { hang: true })));
    const controller = new AbortController();
    const done = setup.inspector.watch(controller.signal);
    await setup.clock.advance(2500);
    controller.abort();
    let finished = false;
    void done.then(() => { finished = true; });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(finished, 'watch() resolved after the abort');
    assert.equal(setup.clock.pending(), 0, 'no timer is left behind');
  });

  it('follows the master: polls a variant it adds and stops polling one it drops', async () => {
    const setup = rig(MASTER, {}, (origin) => {
      origin.sequence(MASTER, [
        master([{ uri: 'playlist_720p30.m3u8', bandwidth: 2_000_000 }]),
        master([{ uri: 'playlist_240p30.m3u8', bandwidth: 500_000 }]),
      ]);
      origin.serve(V720, (_, clock) => encoderAt(clock.now(), 2000, 2));
      origin.serve(V240, (_, clock) => encoderAt(clock.now(), 2000, 2).replaceAll('720p30', '240p30'));
    });
    await watch(setup, 40_000);
    assert.ok(setup.origin.requestsFor(V720).every((request) => request.time - START < 30_000));
    assert.ok(setup.origin.requestsFor(V240).every((request) => request.time - START >= 30_000));
    assert.deepEqual(setup.inspector.view().renditions.map((view) => view.url), [V240]);
  });

  it('retries a master that fails, without a target duration to go by', async () => {
    const setup = rig(MASTER, {}, (origin) => origin.serve(MASTER, { status: 404 }));
    await watch(setup, 10_000);
    assert.deepEqual(setup.origin.requestsFor(MASTER).map((request) => request.time - START), [0, 2000, 4000, 6000, 8000, 10_000]);
    assert.equal(findings(setup.inspector, 'live-fetch-failed').length, 1);
  });
});
