import assert from 'node:assert/strict';
import { lintPlaylist } from '../../../src/hls/lintPlaylist';
import { CREDENTIALS_MASTER, FAKE_KEY, GUIDE_MASTER, GUIDE_VARIANT_480P } from './fixtures';
import { assertWellFormed, codes, textOf } from './helpers';

describe('the guide\'s playlists', () => {
  it('flags the encoder key MediaLive copied into each variant URI of the master, and nothing else', () => {
    const findings = lintPlaylist(GUIDE_MASTER);
    assertWellFormed(GUIDE_MASTER, findings);
    assert.deepEqual(codes(findings), ['hls-token-in-uri', 'hls-token-in-uri', 'hls-token-in-uri']);
    for (const finding of findings) assert.equal(textOf(GUIDE_MASTER, finding), FAKE_KEY);
    const lines = findings.map((f) => GUIDE_MASTER.slice(0, f.offset).split('\n').length);
    assert.deepEqual(lines, [5, 7, 9]);
  });

  it('is clean once MediaLive publishes in credentials mode', () => {
    assert.deepEqual(lintPlaylist(CREDENTIALS_MASTER), []);
  });

  it('finds nothing wrong in the 480p variant', () => {
    assert.equal(GUIDE_VARIANT_480P.split('\n').filter((line) => line.startsWith('#EXTINF')).length, 50);
    assert.deepEqual(lintPlaylist(GUIDE_VARIANT_480P), []);
  });

  it('still reads them with CRLF line breaks', () => {
    assert.deepEqual(lintPlaylist(GUIDE_VARIANT_480P.replaceAll('\n', '\r\n')), []);
    const crlf = GUIDE_MASTER.replaceAll('\n', '\r\n');
    assert.deepEqual(lintPlaylist(crlf).map((f) => textOf(crlf, f)), [FAKE_KEY, FAKE_KEY, FAKE_KEY]);
  });

  it('catches the variant published with segments longer than its target duration', () => {
    const drifted = GUIDE_VARIANT_480P.replace('#EXTINF:2.00000,\nplaylist_480p30_00920.ts', '#EXTINF:2.60000,\nplaylist_480p30_00920.ts');
    const findings = lintPlaylist(drifted);
    assert.deepEqual(codes(findings), ['hls-extinf-exceeds-target']);
    assert.equal(textOf(drifted, findings[0]), '2.60000');
  });
});
