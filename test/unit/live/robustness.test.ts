// Whatever the origin sends, the inspector neither throws nor hangs, and keeps within its limits:
// thousands of mutated playlists, reload sequences and broken answers, from a replayable seed.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { LIVE_CODES } from '../../../src/live/codes';
import { LIVE_LIMITS } from '../../../src/live/limits';
import { readMaster } from '../../../src/live/masterPlaylist';
import { readMediaWindow } from '../../../src/live/readWindow';
import { compareReloads } from '../../../src/live/sequenceChecks';
import { windowConditions } from '../../../src/live/windowChecks';
import { transportStream, type Answer } from './fakes';
import { MASTER, rig, V240, V720, watch } from './harness';
import { master, media, sliding } from './playlists';
import { integer, pick, prng, type Random } from '../../support/random';

const FRAGMENTS = [
  '\n', '\r\n', '\r', ',', '"', '=', '#', '#EXTINF:', '#EXTINF:-1,', '#EXTINF:1e400,', '#EXTINF:NaN,', '#EXT-X-TARGETDURATION:',
  '#EXT-X-TARGETDURATION:0', '#EXT-X-TARGETDURATION:99999999999999999999', '#EXT-X-MEDIA-SEQUENCE:', '#EXT-X-MEDIA-SEQUENCE:-5',
  '#EXT-X-MEDIA-SEQUENCE:9007199254740993', '#EXT-X-DISCONTINUITY', '#EXT-X-DISCONTINUITY-SEQUENCE:x', '#EXT-X-PROGRAM-DATE-TIME:',
  '#EXT-X-PROGRAM-DATE-TIME:not a date', '#EXT-X-PROGRAM-DATE-TIME:+275760-09-13T00:00:00.001Z', '#EXT-X-ENDLIST', '#EXT-X-MAP:URI=',
  '#EXT-X-KEY:METHOD=NONE,', '#EXT-X-KEY:URI="a?token=K', '#EXT-X-STREAM-INF:', '#EXT-X-STREAM-INF:BANDWIDTH=-1,RESOLUTION=x',
  '#EXT-X-MEDIA:TYPE=AUDIO,URI="', '?token=SECRET', '&token=', '\uFEFF', '\u0000', '\uD800', ' ', '\t', 'seg.ts', '../../', '//', 'http://[::1', '%',
  ','.repeat(5000), 'A'.repeat(70_000),
];

function mutate(text: string, random: Random): string {
  let result = text;
  for (let i = 0, edits = integer(random, 1, 5); i < edits; i++) {
    const at = integer(random, 0, result.length);
    const choice = random();
    if (choice < 0.3) result = result.slice(0, at) + result.slice(at + integer(random, 1, 30));
    else if (choice < 0.85) result = result.slice(0, at) + pick(random, FRAGMENTS) + result.slice(at);
    else result = result.slice(0, at);
  }
  return result;
}

function seedPlaylist(random: Random): string {
  const pdtStart = random() < 0.5 ? Date.UTC(2026, 10, 21) : undefined;
  return random() < 0.25
    ? master([{ uri: 'playlist_720p30.m3u8', bandwidth: 2_000_000, averageBandwidth: 1_500_000 }, { uri: 'playlist_240p30.m3u8', bandwidth: 500_000 }])
    : media({ sequence: integer(random, 0, 1000), count: integer(random, 0, 30), pdtStart, discontinuities: [integer(random, 0, 1030)] });
}

function randomAnswer(random: Random, text: string): Answer | string {
  const choice = random();
  if (choice < 0.05) return { status: pick(random, [301, 401, 403, 404, 429, 500, 503]) };
  if (choice < 0.08) return { error: new Error('socket hang up') };
  if (choice < 0.1) return { hang: true };
  if (choice < 0.13) return { body: transportStream(integer(random, 0, 2000)) };
  if (choice < 0.16) return { body: new Uint8Array(Array.from({ length: 300 }, () => integer(random, 0, 255))) };
  return { body: mutate(text, random), headers: random() < 0.2 ? { date: 'Sat, 21 Nov 2026 12:00:10 GMT', 'last-modified': pick(random, ['garbage', 'Sat, 21 Nov 2026 11:00:00 GMT']), 'content-length': pick(random, ['-1', 'x', '1e999', '10']) } : {} };
}

describe('live inspector robustness', function () {
  this.timeout(60_000);

  it('reads 3,000 mutated playlists, and compares and checks each against the last, without throwing', () => {
    const random = prng(9001);
    let previous: ReturnType<typeof readMediaWindow> | undefined;
    let slowest = 0;
    for (let run = 0; run < 3000; run++) {
      const text = mutate(seedPlaylist(random), random);
      const started = performance.now();
      readMaster(text, LIVE_LIMITS);
      const read = readMediaWindow(text, LIVE_LIMITS, previous?.ok ? previous.window : undefined);
      if (read.ok) {
        if (previous?.ok) compareReloads(previous.window, read.window, read.carried).forEach((finding) => assert.ok(finding.code in LIVE_CODES));
        for (const condition of windowConditions(read.window, random() < 0.5)) if (condition.holds) assert.equal(typeof condition.message(), 'string');
      }
      slowest = Math.max(slowest, performance.now() - started);
      previous = read;
    }
    assert.ok(slowest < 500, `the slowest playlist took ${slowest.toFixed(1)} ms`);
  });

  it('watches 400 fuzzed reload sequences of a master and two variants, with broken answers and segments, without an error', async () => {
    const random = prng(77);
    const errors: unknown[] = [];
    for (let run = 0; run < 400; run++) {
      const windows = sliding(integer(random, 2, 8), { count: integer(random, 1, 12), pdtStart: random() < 0.7 ? Date.UTC(2026, 10, 21) : undefined });
      const setup = rig(MASTER, { probeSegments: true, onError: (error) => errors.push(error), limits: { maxHistory: 20 } }, (origin) => {
        origin.serve(MASTER, (request) => (request === 0 || random() < 0.7 ? master([{ uri: 'playlist_720p30.m3u8', bandwidth: 2_000_000 }, { uri: 'playlist_240p30.m3u8', bandwidth: 500_000 }]) : randomAnswer(random, master([]))));
        for (const url of [V720, V240]) origin.serve(url, (request) => randomAnswer(random, windows[Math.min(request, windows.length - 1)]));
        origin.serve(MASTER.replace('playlist.m3u8', ''), { status: 404 });
      });
      for (let n = 0; n < 1100; n++) {
        const segment = `playlist_720p30_${String(n).padStart(5, '0')}.ts`;
        setup.origin.serve(`${MASTER.replace('playlist.m3u8', '')}${segment}`, () => randomAnswer(random, ''));
      }
      await watch(setup, integer(random, 1000, 40_000));
      const view = setup.inspector.view();
      assert.ok(view.history.length <= 20, 'history stays within its limit');
      assert.ok(view.renditions.every((rendition) => rendition.timeline.length <= LIVE_LIMITS.timelineLength));
      assert.doesNotMatch(JSON.stringify(view), /[?&]token=(?!<redacted>)[^&#\s"']/i, 'a token= value left unredacted');
      assert.equal(setup.clock.pending(), 0, `run ${run} left a timer behind`);
    }
    assert.deepEqual(errors, []);
  });

  it('snapshots 1,000 fuzzed masters and variants without throwing', async () => {
    const random = prng(31337);
    for (let run = 0; run < 1000; run++) {
      const setup = rig(MASTER, { probeSegments: random() < 0.5 }, (origin) => {
        origin.serve(MASTER, () => randomAnswer(random, seedPlaylist(random)));
        origin.serve(V720, () => randomAnswer(random, seedPlaylist(random)));
        origin.serve(V240, () => randomAnswer(random, seedPlaylist(random)));
      });
      const controller = new AbortController();
      const done = setup.inspector.snapshot(controller.signal);
      await setup.clock.advance(LIVE_LIMITS.requestTimeoutMs * 3);
      await done;
      for (const finding of setup.inspector.view().history) assert.ok(finding.code in LIVE_CODES);
    }
  });

  it('refuses a playlist of a million tiny lines or too many segments, and reads lines of commas, quickly', () => {
    const started = performance.now();
    const lines = `#EXTM3U\n#EXT-X-TARGETDURATION:2\n${'#\n'.repeat(1_000_000)}`;
    const tooMany = readMediaWindow(lines, LIVE_LIMITS);
    assert.ok(!tooMany.ok && /more than 400000 lines/.test(tooMany.problem));
    const megabyte = `#EXTM3U\n#EXT-X-STREAM-INF:${','.repeat(1024 * 1024)}\nv.m3u8\n`;
    assert.notEqual(readMaster(megabyte, LIVE_LIMITS).kind, 'master', 'a line over 64 KiB is not read as a tag');
    const commas = `#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1${','.repeat(60_000)}\nv.m3u8\n`;
    const read = readMaster(commas, LIVE_LIMITS);
    assert.ok(read.kind === 'master' && read.master.entries[0].bandwidth === 1);
    const segments = `#EXTM3U\n#EXT-X-TARGETDURATION:2\n${'x.ts\n'.repeat(LIVE_LIMITS.maxSegments + 1)}`;
    const tooLong = readMediaWindow(segments, LIVE_LIMITS);
    assert.ok(!tooLong.ok && /more than 100000 segments/.test(tooLong.problem));
    assert.ok(performance.now() - started < 2000, `${(performance.now() - started).toFixed(0)} ms`);
  });
});
