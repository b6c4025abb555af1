import assert from 'node:assert/strict';
import type { Finding } from '../../../src/findings/finding';
import { lintPlaylist } from '../../../src/hls/lintPlaylist';
import { MAX_LINE_LENGTH } from '../../../src/hls/playlistLines';
import { GUIDE_MASTER, GUIDE_VARIANT_480P } from './fixtures';
import { applyFix, assertWellFormed, codes, seededRandom, textOf, withCode } from './helpers';

const FIVE_MB = 5 * 1024 * 1024;

/** A sliding-window variant with a program date time per segment, as MediaLive writes for DVR. */
function bigMediaPlaylist(bytes: number, extinf = '2.00000'): string {
  const parts = ['#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:1\n'];
  let size = parts[0].length;
  const start = Date.UTC(2024, 4, 1, 12);
  for (let n = 1; size < bytes; n++) {
    const segment = `#EXT-X-PROGRAM-DATE-TIME:${new Date(start + n * 2000).toISOString()}\n#EXTINF:${extinf},\nplaylist_480p30_${String(n).padStart(8, '0')}.ts\n`;
    parts.push(segment);
    size += segment.length;
  }
  return parts.join('');
}

function lintChecked(text: string): Finding[] {
  const findings = lintPlaylist(text);
  assertWellFormed(text, findings);
  return findings;
}

describe('malformed and large playlists', function () {
  this.timeout(10_000);

  it('reports an empty file', () => {
    assert.deepEqual(codes(lintChecked('')), ['hls-missing-extm3u']);
  });

  it('reports binary garbage without throwing', () => {
    const random = seededRandom(7);
    const garbage = Array.from({ length: 200_000 }, () => String.fromCharCode(Math.floor(random() * 0x10000))).join('');
    assert.ok(codes(lintChecked(garbage)).includes('hls-missing-extm3u'));
  });

  it('reads a 5 MB live playlist and finds it clean', () => {
    const text = bigMediaPlaylist(FIVE_MB);
    assert.ok(text.length >= FIVE_MB);
    assert.deepEqual(lintChecked(text), []);
  });

  it('reports every segment of a 5 MB playlist whose segments all exceed the target', () => {
    const text = bigMediaPlaylist(FIVE_MB, '2.70000');
    const found = lintChecked(text);
    assert.equal(found.length, text.split('#EXTINF:').length - 1);
    assert.ok(found.every((f) => f.code === 'hls-extinf-exceeds-target' && textOf(text, f) === '2.70000'));
  });

  it('reports a 1 MB line of commas as too long instead of parsing it', () => {
    const line = `#EXT-X-KEY:${','.repeat(1024 * 1024)}`;
    const text = `#EXTM3U\n${line}\n`;
    const [tooLong] = withCode(lintChecked(text), 'hls-line-too-long');
    assert.equal(textOf(text, tooLong), line);
  });

  it('stops at the attribute cap on a line of commas just under the length cap', () => {
    const text = `#EXTM3U\n#EXT-X-SESSION-DATA:${','.repeat(MAX_LINE_LENGTH - 30)}\n`;
    assert.deepEqual(codes(lintChecked(text)), ['hls-too-many-attributes']);
  });

  it('reports the attribute list m3u8-parser throws on', () => {
    const text = '#EXT-X-KEY:METHOD=NONE,';
    assert.deepEqual(codes(lintChecked(text)), ['hls-missing-extm3u', 'hls-target-duration-missing', 'hls-attribute-list-malformed']);
  });

  it('survives 5 MB of line breaks, of carriage returns, and a 5 MB single line', () => {
    assert.deepEqual(codes(lintChecked('\n'.repeat(FIVE_MB))), ['hls-missing-extm3u']);
    assert.deepEqual(codes(lintChecked('\r'.repeat(FIVE_MB))), ['hls-missing-extm3u']);
    assert.deepEqual(codes(lintChecked(`#EXTM3U${'a'.repeat(FIVE_MB)}`)), ['hls-missing-extm3u', 'hls-line-too-long']);
  });
});

const FEATURES = [
  '\uFEFF#EXTM3U',
  '#EXT-X-VERSION:7',
  '#EXT-X-TARGETDURATION:4',
  '#EXT-X-MEDIA-SEQUENCE:100',
  '#EXT-X-KEY:METHOD=AES-128,URI="https://k.example/key?token=abc",IV=0x0123456789ABCDEF0123456789ABCDEF,KEYFORMAT="identity"',
  '#EXT-X-MAP:URI="init.mp4",BYTERANGE="720@0"',
  '#EXT-X-PROGRAM-DATE-TIME:2024-05-01T12:00:00.000Z',
  '#EXT-X-DATERANGE:ID="ad",START-DATE="2024-05-01T12:00:00Z",DURATION=30.0',
  '#EXTINF:3.98,title',
  '#EXT-X-BYTERANGE:1000@720',
  'seg.mp4?token=def&x=1',
  '#EXT-X-DISCONTINUITY',
  '#EXTINF:4,',
  'seg2.mp4',
  '#EXT-X-ENDLIST',
].join('\r\n');

const FRAGMENTS = [
  '#', ':', ',', '=', '"', '\r', '\n', '\r\n', '.', '@', '?', '&', '0x', '-', '1e9', '\uFEFF', '\u0000', '\uD800',
  '#EXTM3U', '#EXT-X-', '#EXTINF:', 'token=', '?token=k', 'URI="', 'EXT-X-STREAM-INF:BANDWIDTH=1',
  '#EXT-X-VERSION:', '#EXT-X-TARGETDURATION:', '#EXT-X-I-FRAMES-ONLY\n', '#EXT-X-MEDIA:INSTREAM-ID="SERVICE3"\n', '9'.repeat(30),
];

function mutate(text: string, random: () => number): string {
  let result = text;
  const pick = (n: number) => Math.floor(random() * n);
  for (let edits = 1 + pick(4); edits > 0; edits--) {
    const at = pick(result.length + 1);
    const choice = random();
    if (choice < 0.3) {
      result = result.slice(0, at) + result.slice(at + 1 + pick(12));
    } else if (choice < 0.7) {
      result = result.slice(0, at) + FRAGMENTS[pick(FRAGMENTS.length)] + result.slice(at);
    } else if (choice < 0.8) {
      result = result.slice(0, at) + String.fromCharCode(pick(0x10000)) + result.slice(at + 1);
    } else if (choice < 0.95) {
      const lines = result.split('\n');
      const [a, b] = [pick(lines.length), pick(lines.length)];
      if (choice < 0.88) [lines[a], lines[b]] = [lines[b], lines[a]];
      else lines.splice(a, 0, lines[b]);
      result = lines.join('\n');
    } else {
      result = result.slice(0, at);
    }
  }
  return result;
}

describe('fuzzed playlists', function () {
  this.timeout(30_000);
  const bases = [GUIDE_MASTER, GUIDE_VARIANT_480P, FEATURES];

  it('never throw, always give well-formed findings, and every fix lowers its own count', () => {
    const random = seededRandom(20240501);
    let findingsSeen = 0;
    let fixesApplied = 0;
    for (let round = 0; round < 4000; round++) {
      const text = mutate(bases[round % bases.length], random);
      const findings = lintChecked(text);
      findingsSeen += findings.length;
      if (round % 10 === 0) assert.deepEqual(lintPlaylist(text), findings, 'deterministic');
      for (const finding of findings.filter((f) => f.fix).slice(0, 3)) {
        const fixed = applyFix(text, finding);
        const after = withCode(lintChecked(fixed), finding.code).length;
        assert.ok(after < withCode(findings, finding.code).length, `round ${round}: fix for ${finding.code} did not help:\n${JSON.stringify(text)}`);
        fixesApplied++;
      }
    }
    assert.ok(findingsSeen > 4000, 'the mutations do produce findings');
    assert.ok(fixesApplied > 300, 'and fixes');
  });
});
