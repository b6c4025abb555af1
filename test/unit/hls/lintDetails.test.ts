import assert from 'node:assert/strict';
import { lintPlaylist } from '../../../src/hls/lintPlaylist';
import { applyFix, codes, textOf, withCode } from './helpers';

function single(text: string, code: string) {
  const found = withCode(lintPlaylist(text), code);
  assert.equal(found.length, 1, `${code}: ${JSON.stringify(lintPlaylist(text), null, 1)}`);
  return found[0];
}

describe('hls-missing-extm3u', () => {
  it('reports empty input at offset 0 and inserts the header there', () => {
    const finding = single('', 'hls-missing-extm3u');
    assert.equal(finding.severity, 'error');
    assert.deepEqual([finding.offset, finding.length], [0, 0]);
    assert.deepEqual(finding.fix?.edits, [{ offset: 0, length: 0, newText: '#EXTM3U\n' }]);
  });

  it('accepts a byte order mark before #EXTM3U, and inserts after it when the header is missing', () => {
    assert.deepEqual(codes(lintPlaylist('\uFEFF#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n')), []);
    const text = '\uFEFF#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n';
    const finding = single(text, 'hls-missing-extm3u');
    assert.equal(textOf(text, finding), '#EXT-X-STREAM-INF:BANDWIDTH=1');
    assert.equal(applyFix(text, finding), '\uFEFF#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n');
  });

  it('writes the header with the file\'s own line breaks', () => {
    const text = '#EXT-X-STREAM-INF:BANDWIDTH=1\r\na.m3u8\r\n';
    assert.equal(applyFix(text, single(text, 'hls-missing-extm3u')), `#EXTM3U\r\n${text}`);
  });

  it('moves a #EXTM3U that blank lines or comments push down, keeping them', () => {
    const text = '\n# made by hand\n#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n';
    const finding = single(text, 'hls-missing-extm3u');
    assert.equal(finding.fix?.title, 'Move #EXTM3U to the first line');
    assert.equal(applyFix(text, finding), '#EXTM3U\n\n# made by hand\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n');
  });

  it('inserts rather than moves when a #EXTM3U comes after real content', () => {
    const text = '#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n#EXTM3U\n';
    assert.equal(single(text, 'hls-missing-extm3u').fix?.title, 'Insert #EXTM3U as the first line');
  });

  it('names the fix in its message', () => {
    assert.match(single('x.ts', 'hls-missing-extm3u').message, /Make #EXTM3U the first line\./);
  });
});

describe('target duration', () => {
  it('inserts the longest rounded EXTINF after #EXTM3U when the tag is missing', () => {
    const text = '#EXTM3U\n#EXT-X-VERSION:3\n#EXTINF:2.4,\na.ts\n#EXTINF:2.6,\nb.ts\n';
    const finding = single(text, 'hls-target-duration-missing');
    assert.equal(finding.severity, 'error');
    assert.equal(applyFix(text, finding), '#EXTM3U\n#EXT-X-TARGETDURATION:3\n#EXT-X-VERSION:3\n#EXTINF:2.4,\na.ts\n#EXTINF:2.6,\nb.ts\n');
    assert.match(finding.message, /Add #EXT-X-TARGETDURATION:3 after #EXTM3U\./);
  });

  it('asks for a target duration before the first segment is listed, without proposing a value', () => {
    const finding = single('#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n', 'hls-target-duration-missing');
    assert.equal(finding.fix, undefined);
    assert.match(finding.message, /longest segment duration, rounded to the nearest second/);
  });

  it('says nothing about a header-only file, whose kind is unknown', () => {
    assert.deepEqual(lintPlaylist('#EXTM3U'), []);
  });

  it('treats a playlist of bare URIs as a media playlist', () => {
    assert.ok(codes(lintPlaylist('#EXTM3U\na.ts\nb.ts\n')).includes('hls-target-duration-missing'));
  });

  it('does not ask a master playlist for a target duration', () => {
    assert.deepEqual(codes(lintPlaylist('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n')), []);
  });

  it('proposes the longest segment for a non-numeric target duration, and nothing without segments', () => {
    const text = '#EXTM3U\n#EXT-X-TARGETDURATION:two\n#EXTINF:1.6,\na.ts\n#EXTINF:2,\nb.ts\n';
    const finding = single(text, 'hls-target-duration-invalid');
    assert.equal(textOf(text, finding), 'two');
    assert.match(applyFix(text, finding), /#EXT-X-TARGETDURATION:2\n/);
    assert.equal(single('#EXTM3U\n#EXT-X-TARGETDURATION:-4\n', 'hls-target-duration-invalid').fix, undefined);
  });

  it('reports a target duration without a value on the tag name, and adds the value', () => {
    const text = '#EXTM3U\n#EXT-X-TARGETDURATION\n#EXTINF:4,\na.ts\n';
    const finding = single(text, 'hls-target-duration-invalid');
    assert.equal(textOf(text, finding), '#EXT-X-TARGETDURATION');
    assert.match(applyFix(text, finding), /#EXT-X-TARGETDURATION:4\n/);
  });

  it('rounds a fractional target duration to cover the longest segment', () => {
    const text = '#EXTM3U\n#EXT-X-TARGETDURATION:2.5\n#EXTINF:2.0,\na.ts\n';
    assert.equal(single(text, 'hls-target-duration-invalid').fix?.title, 'Set EXT-X-TARGETDURATION to 3');
  });

  it('reports every segment over the target, each with the fix to the longest one', () => {
    const text = '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.49,\na.ts\n#EXTINF:3.2,\nb.ts\n#EXTINF:4.51,\nc.ts\n';
    const found = withCode(lintPlaylist(text), 'hls-extinf-exceeds-target');
    assert.deepEqual(found.map((f) => textOf(text, f)), ['3.2', '4.51']);
    for (const finding of found) {
      assert.equal(finding.fix?.title, 'Set EXT-X-TARGETDURATION to 5');
      assert.match(finding.message, /Raise EXT-X-TARGETDURATION to 5/);
    }
    assert.deepEqual(codes(lintPlaylist(applyFix(text, found[0]))), []);
  });

  it('does not compare with a target duration it could not read', () => {
    const found = codes(lintPlaylist('#EXTM3U\n#EXT-X-TARGETDURATION:x\n#EXTINF:9,\na.ts\n'));
    assert.deepEqual(found, ['hls-target-duration-invalid']);
  });

  it('reports a missing or non-numeric EXTINF duration on the duration', () => {
    const text = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:,\na.ts\n#EXTINF:-1,\nb.ts\n';
    const found = withCode(lintPlaylist(text), 'hls-extinf-invalid');
    assert.deepEqual(found.map((f) => [f.offset, textOf(text, f)]), [[text.indexOf(':,') + 1, ''], [text.indexOf('-1'), '-1']]);
  });
});

describe('hls-tag-wrong-playlist', () => {
  it('reports media tags in a master playlist, with a removal fix where no URI depends on the tag', () => {
    const text = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n#EXTINF:2,\nb.ts\n#EXT-X-STREAM-INF:BANDWIDTH=2\nc.m3u8\n';
    const found = withCode(lintPlaylist(text), 'hls-tag-wrong-playlist');
    assert.deepEqual(found.map((f) => textOf(text, f)), ['#EXT-X-TARGETDURATION', '#EXTINF']);
    assert.match(found[0].message, /master playlist \(2 master tags against 2 media tags\)/);
    assert.equal(applyFix(text, found[0]), text.replace('#EXT-X-TARGETDURATION:2\n', ''));
    assert.equal(found[1].fix, undefined);
  });

  it('reports master tags in a media playlist; STREAM-INF gets no fix because its URI follows', () => {
    const text = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n#EXTINF:2,\nb.ts\n#EXTINF:2,\nc.ts\n#EXT-X-SESSION-KEY:METHOD=NONE';
    const found = withCode(lintPlaylist(text), 'hls-tag-wrong-playlist');
    assert.deepEqual(found.map((f) => textOf(text, f)), ['#EXT-X-STREAM-INF', '#EXT-X-SESSION-KEY']);
    assert.equal(found[0].fix, undefined);
    assert.equal(applyFix(text, found[1]), text.replace('\n#EXT-X-SESSION-KEY:METHOD=NONE', ''));
  });

  it('removes a stray last line together with the CRLF before it', () => {
    const text = '#EXTM3U\r\n#EXT-X-STREAM-INF:BANDWIDTH=1\r\na.m3u8\r\n#EXT-X-ENDLIST';
    const finding = single(text, 'hls-tag-wrong-playlist');
    assert.equal(applyFix(text, finding), '#EXTM3U\r\n#EXT-X-STREAM-INF:BANDWIDTH=1\r\na.m3u8');
  });

  it('is silent about tags valid in both kinds', () => {
    const text = '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-START:TIME-OFFSET=-6\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n';
    assert.deepEqual(codes(lintPlaylist(text)), []);
  });
});

describe('hls-version-too-low', () => {
  const needs: Array<[string, string, number]> = [
    ['IV of EXT-X-KEY', '#EXT-X-KEY:METHOD=AES-128,URI="k",IV=0x00000000000000000000000000000001\n#EXTINF:2,\na.ts', 2],
    ['decimal EXTINF', '#EXTINF:2.0,\na.ts', 3],
    ['EXT-X-BYTERANGE', '#EXTINF:2,\n#EXT-X-BYTERANGE:100@0\na.ts', 4],
    ['EXT-X-I-FRAMES-ONLY', '#EXT-X-I-FRAMES-ONLY\n#EXTINF:2,\na.ts', 4],
    ['KEYFORMAT', '#EXT-X-KEY:METHOD=SAMPLE-AES,URI="k",KEYFORMAT="identity"\n#EXTINF:2,\na.ts', 5],
    ['EXT-X-MAP with I-frames', '#EXT-X-I-FRAMES-ONLY\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:2,\na.ts', 5],
    ['EXT-X-MAP', '#EXT-X-MAP:URI="init.mp4"\n#EXTINF:2,\na.ts', 6],
    ['EXT-X-DEFINE', '#EXT-X-DEFINE:NAME="p",VALUE="x"\n#EXTINF:2,\na.ts', 8],
  ];
  for (const [feature, body, version] of needs) {
    it(`asks version ${version} for ${feature}`, () => {
      const text = `#EXTM3U\n#EXT-X-VERSION:1\n#EXT-X-TARGETDURATION:2\n${body}\n`;
      const finding = single(text, 'hls-version-too-low');
      assert.equal(finding.severity, 'warning');
      assert.equal(textOf(text, finding), '1');
      assert.equal(finding.fix?.edits[0].newText, String(version));
      const enough = text.replace('VERSION:1', `VERSION:${version}`);
      assert.deepEqual(withCode(lintPlaylist(enough), 'hls-version-too-low'), []);
      const oneLess = text.replace('VERSION:1', `VERSION:${version - 1}`);
      assert.equal(withCode(lintPlaylist(oneLess), 'hls-version-too-low').length, 1);
    });
  }

  it('asks version 7 for a SERVICE value of INSTREAM-ID, not for a CC value', () => {
    const master = (id: string) => `#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID="cc",NAME="a",INSTREAM-ID="${id}"\n#EXT-X-STREAM-INF:BANDWIDTH=1,CLOSED-CAPTIONS="cc"\na.m3u8\n`;
    const text = master('SERVICE1');
    assert.equal(single(text, 'hls-version-too-low').fix?.edits[0].newText, '7');
    assert.deepEqual(codes(lintPlaylist(master('CC1'))), []);
  });

  it('without EXT-X-VERSION, points at the feature and inserts the tag', () => {
    const text = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\na.ts\n#EXTINF:2.002,\nb.ts\n';
    const finding = single(text, 'hls-version-too-low');
    assert.equal(textOf(text, finding), '2.002');
    assert.match(finding.message, /no EXT-X-VERSION tag, so it claims version 1, but a decimal EXTINF duration needs version 3 or higher\. Add #EXT-X-VERSION:3 after #EXTM3U\./);
    assert.equal(applyFix(text, finding), text.replace('#EXTM3U\n', '#EXTM3U\n#EXT-X-VERSION:3\n'));
  });

  it('names the highest need when several features need more', () => {
    const text = '#EXTM3U\n#EXT-X-VERSION:2\n#EXT-X-TARGETDURATION:2\n#EXT-X-MAP:URI="i.mp4"\n#EXTINF:2.0,\n#EXT-X-BYTERANGE:1@0\na.ts\n';
    assert.match(single(text, 'hls-version-too-low').message, /EXT-X-VERSION is 2, but EXT-X-MAP without EXT-X-I-FRAMES-ONLY needs version 6 or higher/);
  });
});

describe('hls-token-in-uri', () => {
  it('finds the token in URI attributes too, case-insensitively, and names the credentials-mode fix', () => {
    const text = '#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="en",URI="audio.m3u8?TOKEN=abc"\n#EXT-X-STREAM-INF:BANDWIDTH=1,AUDIO="a"\nv.m3u8\n';
    const finding = single(text, 'hls-token-in-uri');
    assert.equal(textOf(text, finding), 'abc');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /credentials mode/);
    assert.match(finding.message, /PasswordParam/);
    assert.doesNotMatch(finding.message, /abc/, 'the key itself is not repeated in the message');
  });

  it('ignores empty tokens, other parameters ending in token, and fragments', () => {
    const text = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\na.ts?token=&mytoken=x\n#EXTINF:2,\nb.ts#token=x\n#EXTINF:2,\nc.ts?x=1#&token=y\n';
    assert.deepEqual(codes(lintPlaylist(text)), []);
  });
});

describe('hls-attribute-list-malformed', () => {
  it('reports each kind of syntax error on its exact text', () => {
    const text = '#EXTM3U\n#EXT-X-SESSION-KEY:METHOD\n#EXT-X-SESSION-DATA:DATA-ID="a",,VALUE="b"\n#EXT-X-SESSION-DATA:DATA-ID="a"x\n#EXT-X-SESSION-DATA:DATA-ID="open\n';
    const found = withCode(lintPlaylist(text), 'hls-attribute-list-malformed');
    assert.deepEqual(found.map((f) => textOf(text, f)), ['METHOD', ',', 'x', '"open']);
    assert.ok(found.every((f) => f.severity === 'error' && f.fix === undefined));
  });

  it('removes a trailing comma, which m3u8-parser throws on', () => {
    const text = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,\na.m3u8\n';
    const finding = single(text, 'hls-attribute-list-malformed');
    assert.match(finding.message, /Remove the comma\./);
    assert.equal(applyFix(text, finding), '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n');
  });
});
