import assert from 'node:assert/strict';
import { decideCapability, masterCodecs, stripAudioCodecs } from '../../../webview/player/capability';
import { BitrateMeter, bufferAhead, format, glassToGlassSeconds, StallTracker } from '../../../webview/player/stats';

const MASTER = [
  '#EXTM3U',
  '#EXT-X-VERSION:6',
  '#EXT-X-STREAM-INF:BANDWIDTH=2855600,RESOLUTION=1280x720,CODECS="avc1.42c01f,mp4a.40.2"',
  'playlist_720p30.m3u8',
  '#EXT-X-STREAM-INF:BANDWIDTH=960000,CODECS="avc1.42c01e,mp4a.40.2",RESOLUTION=640x360',
  'playlist_360p30.m3u8',
  '',
].join('\n');

/** A browser that decodes what `supported` matches (by codec string in the MIME type). */
const probe = (supported: RegExp, hlsSupported = true) => ({ hlsSupported, isTypeSupported: (mime: string) => supported.test(mime) });

describe('player page: capability check', () => {
  it('reads every codec of the master playlist once', () => {
    assert.deepEqual(masterCodecs(MASTER), ['avc1.42c01f', 'mp4a.40.2', 'avc1.42c01e']);
    assert.deepEqual(masterCodecs('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n'), []);
  });

  it('plays where everything decodes, and asks about audio with an audio MIME type', () => {
    const asked: string[] = [];
    assert.deepEqual(decideCapability({ hlsSupported: true, isTypeSupported: (mime) => asked.push(mime) > 0 }, masterCodecs(MASTER)), { play: true });
    assert.deepEqual(asked, ['video/mp4; codecs="avc1.42c01f"', 'audio/mp4; codecs="mp4a.40.2"', 'video/mp4; codecs="avc1.42c01e"']);
  });

  it('without Media Source Extensions that hls.js accepts, cannot play at all', () => {
    assert.deepEqual(decideCapability(probe(/.*/, false), masterCodecs(MASTER)), { play: false, reason: 'no-mse' });
  });

  it('without AAC (VS Code desktop webviews), names the codec and offers the video alone', () => {
    assert.deepEqual(decideCapability(probe(/avc1/), masterCodecs(MASTER)), { play: false, reason: 'codecs', missing: ['mp4a.40.2'], videoOnly: true });
  });

  it('does not offer the video alone when the video cannot be decoded either', () => {
    assert.deepEqual(decideCapability(probe(/mp4a/), masterCodecs(MASTER)),
      { play: false, reason: 'codecs', missing: ['avc1.42c01f', 'avc1.42c01e'], videoOnly: false });
    assert.deepEqual(decideCapability(probe(/nothing/), ['mp4a.40.2']), { play: false, reason: 'codecs', missing: ['mp4a.40.2'], videoOnly: false });
  });

  it('takes the audio codecs out of CODECS for the video alone, touching nothing else', () => {
    const stripped = stripAudioCodecs(MASTER);
    assert.deepEqual(masterCodecs(stripped), ['avc1.42c01f', 'avc1.42c01e']);
    assert.equal(stripped.split('\n').length, MASTER.split('\n').length);
    assert.match(stripped, /BANDWIDTH=960000,CODECS="avc1.42c01e",RESOLUTION=640x360\nplaylist_360p30.m3u8/);
    assert.deepEqual(decideCapability(probe(/avc1/), masterCodecs(stripped)), { play: true });
  });
});

describe('player page: stats', () => {
  it('glass-to-glass latency is now minus the program date time on screen', () => {
    assert.equal(glassToGlassSeconds(10_000, 4_500), 5.5);
    assert.equal(glassToGlassSeconds(10_000, undefined), undefined);
    assert.equal(glassToGlassSeconds(10_000, Number.NaN), undefined);
    assert.equal(glassToGlassSeconds(10_000, 0), undefined, 'hls.js without program date time');
  });

  it('buffer ahead is what the range holding the playhead has left', () => {
    assert.equal(bufferAhead([[0, 4], [10, 16]], 12), 4);
    assert.ok(Math.abs(bufferAhead([[0, 4], [10, 16]], 9.95) - 6.05) < 1e-9, "a gap of less than 0.1 s before a range is jumped");
    assert.equal(bufferAhead([[0, 4]], 6), 0);
    assert.equal(bufferAhead([], 0), 0);
  });

  it('counts a stall only after playback started and outside seeks, with its duration', () => {
    const stalls = new StallTracker();
    stalls.waiting(0, false);
    assert.equal(stalls.stalls, 0, 'waiting before the first frame is start-up, not a stall');
    stalls.playing(1000);
    stalls.waiting(2000, true);
    stalls.playing(2500);
    assert.equal(stalls.stalls, 0, 'waiting during a seek is not a stall');
    stalls.waiting(5000, false);
    stalls.waiting(5500, false);
    assert.equal(stalls.stalls, 1);
    assert.equal(stalls.currentSeconds(6000), 1);
    stalls.playing(6500);
    assert.equal(stalls.currentSeconds(7000), undefined);
    stalls.waiting(8000, false);
    assert.equal(stalls.totalSeconds(8250), 1.75);
    assert.equal(stalls.stalls, 2);
  });

  it('measures the media bitrate of the last segments', () => {
    const meter = new BitrateMeter(2);
    assert.equal(meter.value(), undefined);
    meter.add(250_000, 2);
    assert.equal(meter.value(), 1_000_000);
    meter.add(500_000, 2);
    meter.add(500_000, 2);
    assert.equal(meter.value(), 2_000_000, 'only the last two count');
    meter.add(0, 2);
    meter.add(100, 0);
    assert.equal(meter.value(), 2_000_000, 'empty or zero-length segments are ignored');
  });

  it('fills placeholders', () => {
    assert.equal(format('{0} ({1} s in total)', 2, '1.5'), '2 (1.5 s in total)');
    assert.equal(format('{0} and {1}', 'a'), 'a and {1}');
  });
});
