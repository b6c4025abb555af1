import assert from 'node:assert/strict';
import { bytesToMiB, estimateHotStorageBytes, estimateSegmentBytes, maxBitrateKbpsFor, MOMENTO_MAX_OBJECT_BYTES } from '../../../src/config/estimates';
import { hoverAt } from '../../../src/config/hover';
import { guideConfig, render } from './helpers';

describe('sizing arithmetic', () => {
  it('gives the guide\'s 275 kB for 1000 kbps and 2 s segments', () => {
    assert.equal(Math.round(estimateSegmentBytes(1000, 2)), 275_000);
  });

  it('gives about 0.83 MB for 3000 kbps and 2 s (the seed\'s 6.6 MB forgot the / 8)', () => {
    assert.equal(Math.round(estimateSegmentBytes(3000, 2)), 825_000);
  });

  it('finds the highest bitrate that fits the object limit', () => {
    const kbps = maxBitrateKbpsFor(2);
    assert.ok(Math.abs(estimateSegmentBytes(kbps, 2) - MOMENTO_MAX_OBJECT_BYTES) < 1e-6);
  });

  it('estimates the guide\'s hot storage for 5 minutes of its ladder at 2.5 s segments (≈ 200 MiB)', () => {
    const mib = bytesToMiB(estimateHotStorageBytes([2500, 1500, 750], 2.5, 300));
    // (859.4 + 515.6 + 257.8) kB × 300 / 2.5 = 195.9 MB = 186.9 MiB; the guide rounds its
    // (850 + 500 + 250) KiB × 120 = 187.5 MiB up to "≈ 200 MiB".
    assert.equal(mib.toFixed(1), '186.9');
    assert.equal(Math.round(mib / 100) * 100, 200);
  });
});

describe('hovers', () => {
  const config = guideConfig({ segmentLengthSeconds: 2.5 });
  config.stream.gopSeconds = 2.5;
  const text = render(config);

  it('shows the hot-storage arithmetic on the window', () => {
    const hover = hoverAt(text, text.indexOf('"windowSeconds"') + 3);
    assert.ok(hover);
    assert.match(hover.markdown, /859\.4 kB \+ 515\.6 kB \+ 257\.8 kB\) × 300 s \/ 2\.5 s = \*\*186\.9 MiB\*\*/);
  });

  it('shows the segment size of a rendition', () => {
    const hover = hoverAt(text, text.indexOf('"bitrateKbps": 1500') + 5);
    assert.ok(hover);
    assert.match(hover.markdown, /1500 kbps \/ 8 × 2\.5 s × 1\.1 = \*\*515\.6 kB\*\* \(5\.2% of the 10 MB object limit\)/);
  });

  it('tabulates every rendition on the segment length', () => {
    const hover = hoverAt(text, text.indexOf('"segmentLengthSeconds"') + 3);
    assert.ok(hover);
    assert.equal(hover.markdown.split('\n').filter((line) => line.startsWith('| _')).length, 3);
  });

  it('takes the destination URL apart without showing a token', () => {
    const withToken = text.replace('playlist.m3u8?', 'playlist.m3u8?token=secret-value&');
    const hover = hoverAt(withToken, withToken.indexOf('"url"') + 10);
    assert.ok(hover);
    assert.match(hover.markdown, /Momento us-west-2/);
    assert.match(hover.markdown, /Namespace: `live-origin`/);
    assert.ok(!hover.markdown.includes('secret-value'));
  });

  it('has nothing to say outside the computed values', () => {
    assert.equal(hoverAt(text, text.indexOf('"channelName"') + 3), undefined);
    assert.equal(hoverAt('{', 0), undefined);
  });
});
