import assert from 'node:assert/strict';
import { parseAttributeList } from '../../../src/hls/attributeList';
import { MAX_ATTRIBUTES, MAX_LINE_LENGTH, nextLineStart, splitPlaylist, type TagLine } from '../../../src/hls/playlistLines';

function span(text: string, offset: number, length: number): string {
  return text.slice(offset, offset + length);
}

describe('playlist line tokenizer', () => {
  it('classifies tags, comments and URIs with their offsets and line numbers, leaving blank lines out', () => {
    const text = '#EXTM3U\n# note\n\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,title\nseg.ts\n#EXT-X-ENDLIST';
    const { lines, hasBom, eol } = splitPlaylist(text);
    assert.deepEqual(lines.map((line) => [line.kind, span(text, line.offset, line.length)]), [
      ['tag', '#EXTM3U'],
      ['comment', '# note'],
      ['tag', '#EXT-X-TARGETDURATION:2'],
      ['tag', '#EXTINF:2.0,title'],
      ['uri', 'seg.ts'],
      ['tag', '#EXT-X-ENDLIST'],
    ]);
    assert.deepEqual(lines.map((line) => line.index), [0, 1, 3, 4, 5, 6]);
    assert.equal(hasBom, false);
    assert.equal(eol, '\n');
    const target = lines[2] as TagLine;
    assert.equal(target.name, 'EXT-X-TARGETDURATION');
    assert.equal(target.value, '2');
    assert.equal(span(text, target.valueOffset, 1), '2');
    const endlist = lines[5] as TagLine;
    assert.equal(endlist.value, undefined);
  });

  it('handles CRLF, lone CR, a BOM and trailing whitespace', () => {
    const text = '\uFEFF#EXTM3U\r\n#EXT-X-VERSION:3  \r#EXTINF:2,\r\nseg.ts \t\r\n';
    const parsed = splitPlaylist(text);
    assert.equal(parsed.hasBom, true);
    assert.equal(parsed.eol, '\r\n');
    assert.equal(parsed.lines[0].offset, 1);
    assert.deepEqual(parsed.lines.map((line) => span(text, line.offset, line.length)), ['#EXTM3U', '#EXT-X-VERSION:3  ', '#EXTINF:2,', 'seg.ts \t']);
    assert.deepEqual(parsed.lines.map((line) => nextLineStart(text, line)), [10, 29, 41, text.length]);
    assert.equal((parsed.lines[1] as TagLine).value, '3');
    const uri = parsed.lines[3];
    assert.ok(uri.kind === 'uri');
    assert.equal(uri.uri, 'seg.ts');
  });

  it('treats lowercase #ext lines as comments (tags are case-sensitive) and skips whitespace-only lines', () => {
    const { lines } = splitPlaylist('#ext-x-version:3\n \t\n#EXTM3U');
    assert.deepEqual(lines.map((line) => [line.kind, line.index]), [['comment', 0], ['tag', 2]]);
  });

  it('gives no lines for empty input, and the last line has no next line', () => {
    assert.deepEqual(splitPlaylist(''), { lines: [], hasBom: false, eol: '\n' });
    const text = '#EXTM3U\ra.ts';
    const { lines, eol } = splitPlaylist(text);
    assert.equal(eol, '\r');
    assert.equal(nextLineStart(text, lines[1]), text.length);
  });

  it('parses attribute lists with quoted commas, hex, resolution and their offsets', () => {
    const text = '#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="avc1.4d401f,mp4a.40.2",RESOLUTION=960x720\n#EXT-X-KEY:METHOD=AES-128,URI="k?token=a",IV=0x0A';
    const [inf, key] = splitPlaylist(text).lines as TagLine[];
    assert.ok(inf.attributes && key.attributes);
    assert.deepEqual(inf.attributes.attributes.map((a) => [a.name, a.value, a.quoted]), [
      ['BANDWIDTH', '1', false],
      ['CODECS', 'avc1.4d401f,mp4a.40.2', true],
      ['RESOLUTION', '960x720', false],
    ]);
    for (const attribute of [...inf.attributes.attributes, ...key.attributes.attributes]) {
      assert.equal(span(text, attribute.nameOffset, attribute.name.length), attribute.name);
      assert.equal(span(text, attribute.valueOffset, attribute.raw.length), attribute.raw);
    }
    assert.deepEqual(key.attributes.attributes.map((a) => a.raw), ['AES-128', '"k?token=a"', '0x0A']);
    assert.deepEqual(inf.attributes.problems, []);
  });

  it('does not parse the values of tags that are not attribute lists', () => {
    const [extinf, byterange] = splitPlaylist('#EXTINF:2.0,A=B\n#EXT-X-BYTERANGE:10@0').lines as TagLine[];
    assert.equal(extinf.attributes, undefined);
    assert.equal(byterange.attributes, undefined);
  });

  it('reports a line over the length cap without classifying it', () => {
    const long = `#EXT-X-KEY:${'A=1,'.repeat(MAX_LINE_LENGTH / 4)}`;
    const { lines } = splitPlaylist(`#EXTM3U\n${long}\nseg.ts`);
    assert.deepEqual(lines.map((line) => [line.kind, line.length]), [['tag', 7], ['oversized', long.length], ['uri', 6]]);
    assert.equal(splitPlaylist('x'.repeat(MAX_LINE_LENGTH)).lines[0].kind, 'uri');
  });
});

describe('attribute list parser', () => {
  function problems(text: string): Array<[string, string]> {
    return parseAttributeList(text, 0).problems.map((p) => [p.kind, span(text, p.offset, p.length)]);
  }

  it('reports a trailing comma and keeps the attribute before it', () => {
    const list = parseAttributeList('METHOD=NONE,', 0);
    assert.deepEqual(list.attributes.map((a) => [a.name, a.value]), [['METHOD', 'NONE']]);
    assert.deepEqual(problems('METHOD=NONE,'), [['trailing-comma', ',']]);
  });

  it('reports entries without "=", without a name, unclosed quotes and text after a quote', () => {
    assert.deepEqual(problems('METHOD'), [['missing-equals', 'METHOD']]);
    assert.deepEqual(problems('A=1,FLAG,B=2'), [['missing-equals', 'FLAG']]);
    assert.deepEqual(problems('A=1,,B=2'), [['empty-name', ',']]);
    assert.deepEqual(problems('=1'), [['empty-name', '=']]);
    assert.deepEqual(problems('URI="abc'), [['unterminated-quote', '"abc']]);
    assert.deepEqual(problems('URI="a"b,C=1'), [['text-after-quote', 'b']]);
  });

  it('shifts offsets by the list\'s position in the playlist', () => {
    const list = parseAttributeList('A=1', 100);
    assert.equal(list.attributes[0].nameOffset, 100);
    assert.equal(list.attributes[0].valueOffset, 102);
  });

  it('stops after the item cap, for attributes and for stray commas alike', () => {
    const atCap = Array.from({ length: MAX_ATTRIBUTES }, (_, i) => `A${i}=1`).join(',');
    assert.equal(parseAttributeList(atCap, 0).truncated, false);
    assert.equal(parseAttributeList(atCap, 0).attributes.length, MAX_ATTRIBUTES);
    const overCap = parseAttributeList(`${atCap},B=2`, 0);
    assert.equal(overCap.truncated, true);
    assert.equal(overCap.attributes.length, MAX_ATTRIBUTES);
    const commas = parseAttributeList(','.repeat(50_000), 0);
    assert.equal(commas.truncated, true);
    assert.equal(commas.problems.length, MAX_ATTRIBUTES);
  });
});
