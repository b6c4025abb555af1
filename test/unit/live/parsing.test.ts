// The live path reads playlists with the project's own tokenizer. On valid playlists it must agree
// with m3u8-parser, and its incremental read of a reload must agree with a full read.
import assert from 'node:assert/strict';
import { Parser } from 'm3u8-parser';
import { LIVE_LIMITS } from '../../../src/live/limits';
import { readMaster } from '../../../src/live/masterPlaylist';
import { DISCONTINUITY, type MediaWindow } from '../../../src/live/mediaWindow';
import { readMediaWindow } from '../../../src/live/readWindow';
import { integer, pick, prng, type Random } from '../../support/random';

interface ParsedSegment { uri: string; duration: number; discontinuity?: boolean; programDateTime?: number }
interface ParsedManifest {
  targetDuration?: number;
  mediaSequence?: number;
  discontinuitySequence?: number;
  segments: ParsedSegment[];
  playlists?: { uri: string; attributes: { BANDWIDTH?: number; 'AVERAGE-BANDWIDTH'?: string; RESOLUTION?: { width: number; height: number } } }[];
}

function m3u8Parse(text: string): ParsedManifest {
  const parser = new Parser();
  parser.push(text);
  parser.end();
  return parser.manifest as ParsedManifest;
}

function readFull(text: string): MediaWindow {
  const read = readMediaWindow(text, LIVE_LIMITS);
  assert.ok(read.ok, read.ok ? '' : read.problem);
  return read.window;
}

/** A valid live media playlist as encoders write them, with the variations the spec allows. */
function randomMedia(random: Random, sequence = integer(random, 0, 1_000_000)): string {
  const target = integer(random, 1, 10);
  const eol = pick(random, ['\n', '\r\n']);
  const lines = ['#EXTM3U', `#EXT-X-VERSION:${integer(random, 3, 7)}`, `#EXT-X-TARGETDURATION:${target}`, `#EXT-X-MEDIA-SEQUENCE:${sequence}`];
  if (random() < 0.5) lines.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${integer(random, 0, 50)}`);
  if (random() < 0.3) lines.push('#EXT-X-INDEPENDENT-SEGMENTS');
  const pdtMode = pick(random, ['every', 'first', 'none']);
  let pdt = Date.UTC(2026, integer(random, 0, 11), integer(random, 1, 28), integer(random, 0, 23), integer(random, 0, 59), integer(random, 0, 59), integer(random, 0, 999));
  const count = integer(random, 0, 120);
  for (let i = 0; i < count; i++) {
    const discontinuity = i > 0 && random() < 0.05;
    if (discontinuity) lines.push('#EXT-X-DISCONTINUITY');
    if (pdtMode === 'every' || (pdtMode === 'first' && (i === 0 || discontinuity))) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(pdt).toISOString()}`);
    // m3u8-parser turns a zero duration into 0.01: keep clear of that quirk.
    const written = (0.5 + random() * (target - 0.5)).toFixed(integer(random, 0, 6));
    lines.push(`#EXTINF:${written},${random() < 0.2 ? 'title' : ''}`);
    lines.push(`${pick(random, ['', 'media/', '../', 'https://cdn.test/path/'])}seg_${sequence + i}.${pick(random, ['ts', 'aac'])}${random() < 0.3 ? '?ttl_seconds=3600&role=origin' : ''}`);
    pdt += Number(written) * 1000;
  }
  if (random() < 0.1) lines.push('#EXT-X-ENDLIST');
  return lines.join(eol) + (random() < 0.8 ? eol : '');
}

describe('live playlist reading', () => {
  it('agrees with m3u8-parser on 500 valid media playlists', () => {
    const random = prng(20261121);
    for (let run = 0; run < 500; run++) {
      const text = randomMedia(random);
      const ours = readFull(text);
      const theirs = m3u8Parse(text);
      const where = `playlist ${run}:\n${text.slice(0, 400)}`;
      assert.equal(ours.header.targetDuration, theirs.targetDuration, where);
      assert.equal(ours.header.mediaSequence, theirs.mediaSequence ?? 0, where);
      assert.equal(ours.header.discontinuitySequence, theirs.discontinuitySequence ?? 0, where);
      assert.equal(ours.segments.uris.length, theirs.segments.length, where);
      theirs.segments.forEach((segment, i) => {
        assert.equal(ours.segments.uris[i], segment.uri, where);
        assert.equal(ours.segments.durations[i], segment.duration, where);
        assert.equal((ours.segments.flags[i] & DISCONTINUITY) !== 0, segment.discontinuity === true, where);
        // These playlists date their first segment and every discontinuity, so every segment has a
        // date, written or extrapolated. (After a discontinuity without a date of its own
        // m3u8-parser extrapolates across it; the inspector does not guess.)
        if (text.includes('#EXT-X-PROGRAM-DATE-TIME')) assert.equal(ours.segments.pdts[i], segment.programDateTime, `${where}\nsegment ${i}`);
        else assert.ok(Number.isNaN(ours.segments.pdts[i]) && segment.programDateTime === undefined, where);
      });
    }
  });

  it('agrees with m3u8-parser on the variants of 300 valid master playlists', () => {
    const random = prng(7);
    for (let run = 0; run < 300; run++) {
      const count = integer(random, 1, 12);
      const lines = ['#EXTM3U', '#EXT-X-VERSION:3'];
      for (let i = 0; i < count; i++) {
        const attributes = [`BANDWIDTH=${integer(random, 64_000, 20_000_000)}`];
        if (random() < 0.6) attributes.push(`AVERAGE-BANDWIDTH=${integer(random, 64_000, 20_000_000)}`);
        if (random() < 0.7) attributes.push(`RESOLUTION=${integer(random, 160, 3840)}x${integer(random, 90, 2160)}`);
        if (random() < 0.5) attributes.push('CODECS="avc1.4d401f,mp4a.40.2"');
        if (random() < 0.3) attributes.push(`FRAME-RATE=${pick(random, ['25.000', '29.970', '30.000'])}`);
        lines.push(`#EXT-X-STREAM-INF:${attributes.sort(() => random() - 0.5).join(',')}`, `playlist_${i}.m3u8${random() < 0.5 ? '?ttl_seconds=3600&role=origin' : ''}`);
      }
      const text = `${lines.join('\n')}\n`;
      const ours = readMaster(text, LIVE_LIMITS);
      assert.equal(ours.kind, 'master', text);
      const theirs = m3u8Parse(text).playlists ?? [];
      assert.equal(ours.kind === 'master' && ours.master.entries.length, theirs.length, text);
      theirs.forEach((playlist, i) => {
        const entry = ours.kind === 'master' ? ours.master.entries[i] : undefined;
        assert.equal(entry?.uri, playlist.uri, text);
        assert.equal(entry?.bandwidth, playlist.attributes.BANDWIDTH, text);
        const average = playlist.attributes['AVERAGE-BANDWIDTH'];
        assert.equal(entry?.averageBandwidth, average === undefined ? undefined : Number(average), text);
        const resolution = playlist.attributes.RESOLUTION;
        assert.equal(entry?.resolution, resolution ? `${resolution.width}x${resolution.height}` : undefined, text);
      });
    }
  });

  it('reads a reload incrementally exactly as it would read it in full, over 2,000 reload pairs', () => {
    const random = prng(42);
    let carriedReloads = 0;
    for (let run = 0; run < 2000; run++) {
      const sequence = integer(random, 0, 100_000);
      const previousText = randomMedia(prng(run), sequence);
      const previous = readMediaWindow(previousText, LIVE_LIMITS);
      if (!previous.ok) continue;
      const nextText = reload(random, previousText);
      const incremental = readMediaWindow(nextText, LIVE_LIMITS, previous.window);
      const full = readMediaWindow(nextText, LIVE_LIMITS);
      const where = `run ${run}\n--- before\n${previousText}\n--- after\n${nextText}`;
      assert.equal(incremental.ok, full.ok, where);
      if (!incremental.ok || !full.ok) continue;
      if (incremental.carried > 0) carriedReloads++;
      assert.deepEqual(incremental.window.header, full.window.header, where);
      assert.deepEqual(incremental.window.segments, full.window.segments, where);
      assert.equal(incremental.window.segmentsEnd, full.window.segmentsEnd, where);
      assert.equal(incremental.window.endList, full.window.endList, where);
    }
    assert.ok(carriedReloads > 500, `only ${carriedReloads} reloads took the incremental path`);
  });
});

/** What the next reload of `text` may look like: slid, grown, edited, or rewritten. */
function reload(random: Random, text: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  const header = lines.findIndex((line) => line.startsWith('#EXT-X-MEDIA-SEQUENCE:'));
  const sequence = Number(lines[header].slice('#EXT-X-MEDIA-SEQUENCE:'.length));
  const firstSegment = lines.findIndex((line, i) => i > header && /^#EXT(?:INF|-X-PROGRAM-DATE-TIME|-X-DISCONTINUITY)/.test(line) && !line.startsWith('#EXT-X-DISCONTINUITY-SEQUENCE'));
  if (firstSegment < 0) return text;
  const blocks: string[][] = [];
  let block: string[] = [];
  for (const line of lines.slice(firstSegment)) {
    block.push(line);
    if (line !== '' && !line.startsWith('#')) {
      blocks.push(block);
      block = [];
    }
  }
  const trailer = block;
  const slide = Math.min(blocks.length, integer(random, 0, 3));
  const kept = blocks.slice(slide);
  for (let i = 0, added = integer(random, 0, 3); i < added; i++) kept.push([`#EXTINF:${(random() * 4).toFixed(3)},`, `new_${sequence + blocks.length + i}.ts`]);
  const choice = random();
  if (choice < 0.1 && kept.length > 2) kept[integer(random, 0, kept.length - 1)] = ['#EXTINF:1.000,', 'replaced.ts'];
  else if (choice < 0.15 && kept.length > 0) kept[0] = ['#EXT-X-PROGRAM-DATE-TIME:2030-01-01T00:00:00.000Z', ...kept[0]];
  else if (choice < 0.2) kept.splice(0, 0, ['#EXT-X-KEY:METHOD=AES-128,URI="k?token=abc"', '#EXTINF:2,', 'first.ts']);
  const headLines = lines.slice(0, firstSegment).map((line) => (line === lines[header] ? `#EXT-X-MEDIA-SEQUENCE:${sequence + slide}` : line));
  return [...headLines, ...kept.flat(), ...trailer].join(eol);
}
