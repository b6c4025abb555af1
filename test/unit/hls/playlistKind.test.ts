import assert from 'node:assert/strict';
import { decidePlaylistKind } from '../../../src/hls/playlistKind';
import { splitPlaylist } from '../../../src/hls/playlistLines';
import { tokenValueSpans } from '../../../src/hls/tokenParams';

function kind(text: string) {
  return decidePlaylistKind(splitPlaylist(text)).kind;
}

describe('playlist kind', () => {
  it('goes by segments against variants first, so many stray header tags do not flip a master', () => {
    const master = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:1\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n#EXT-X-ENDLIST\n';
    assert.equal(kind(master), 'master');
    assert.equal(kind('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n#EXTINF:2,\nb.ts\n#EXTINF:2,\nc.ts\n'), 'media');
  });

  it('then by all kind-specific tags, then by the first one', () => {
    assert.equal(kind('#EXTM3U\n#EXT-X-SESSION-DATA:DATA-ID="a",VALUE="b"\n#EXT-X-ENDLIST\n#EXT-X-TARGETDURATION:2\n'), 'media');
    assert.equal(kind('#EXTM3U\n#EXT-X-SESSION-DATA:DATA-ID="a",VALUE="b"\n#EXT-X-ENDLIST\n'), 'master');
    assert.equal(kind('#EXTM3U\n#EXT-X-ENDLIST\n#EXT-X-SESSION-DATA:DATA-ID="a",VALUE="b"\n'), 'media');
  });

  it('calls a list of bare URIs media and an empty playlist unknown', () => {
    assert.equal(kind('#EXTM3U\na.ts\n'), 'media');
    assert.equal(kind('#EXTM3U\n#EXT-X-VERSION:3\n'), 'unknown');
    assert.equal(kind(''), 'unknown');
  });

  it('counts the tags of each side', () => {
    assert.deepEqual(decidePlaylistKind(splitPlaylist('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na\n#EXT-X-ENDLIST')), { kind: 'master', masterTags: 1, mediaTags: 1 });
  });
});

describe('token query parameters', () => {
  function values(uri: string): string[] {
    return tokenValueSpans(uri).map((s) => uri.slice(s.start, s.start + s.length));
  }

  it('finds every non-empty token value and nothing else', () => {
    assert.deepEqual(values('a.m3u8?token=abc&ttl_seconds=60&Token=def'), ['abc', 'def']);
    assert.deepEqual(values('https://h/token=abc/a.ts'), []);
    assert.deepEqual(values('a.ts?token=&tokens=x&xtoken=y&token'), []);
    assert.deepEqual(values('a.ts?x=1#token=abc'), []);
    assert.deepEqual(values('a.ts?token=a=b&'), ['a=b']);
  });
});
