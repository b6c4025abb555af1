import assert from 'node:assert/strict';
import { HLS_CODES } from '../../../src/hls/codes';
import { lintPlaylist } from '../../../src/hls/lintPlaylist';
import { MAX_ATTRIBUTES, MAX_LINE_LENGTH } from '../../../src/hls/playlistLines';
import { applyFix, assertWellFormed, textOf, withCode } from './helpers';

interface CodeCase {
  code: string;
  /** A playlist with exactly one finding of `code`. */
  trigger: string;
  /** The text the finding's range must cover. */
  range: string;
  /** A close variant without the finding. */
  clean: string;
  fixable: boolean;
}

const MEDIA = '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.000,\na.ts\n';
const MASTER = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\nlow.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=2000000,RESOLUTION=1280x720\nhigh.m3u8\n';
const manyAttributes = (count: number) => Array.from({ length: count }, (_, i) => `X-A${i}="v"`).join(',');

const CASES: CodeCase[] = [
  {
    code: 'hls-missing-extm3u',
    trigger: MEDIA.replace('#EXTM3U\n', ''),
    range: '#EXT-X-VERSION:3',
    clean: MEDIA,
    fixable: true,
  },
  {
    code: 'hls-target-duration-missing',
    trigger: '#EXTM3U\n#EXT-X-VERSION:3\n#EXTINF:2.4,\na.ts\n#EXTINF:2.6,\nb.ts\n',
    range: '#EXTM3U',
    clean: MASTER,
    fixable: true,
  },
  {
    code: 'hls-target-duration-invalid',
    trigger: MEDIA.replace('TARGETDURATION:2', 'TARGETDURATION:2.5'),
    range: '2.5',
    clean: MEDIA,
    fixable: true,
  },
  {
    code: 'hls-extinf-invalid',
    trigger: `${MEDIA}#EXTINF:two,\nb.ts\n`,
    range: 'two',
    clean: `${MEDIA}#EXTINF:2,\nb.ts\n`,
    fixable: false,
  },
  {
    code: 'hls-extinf-exceeds-target',
    trigger: MEDIA.replace('#EXTINF:2.000,', '#EXTINF:2.500,'),
    range: '2.500',
    clean: MEDIA.replace('#EXTINF:2.000,', '#EXTINF:2.499,'),
    fixable: true,
  },
  {
    code: 'hls-tag-wrong-playlist',
    trigger: `${MASTER}#EXT-X-ENDLIST\n`,
    range: '#EXT-X-ENDLIST',
    clean: MASTER,
    fixable: true,
  },
  {
    code: 'hls-version-too-low',
    trigger: `${MEDIA}#EXTINF:2.000,\n#EXT-X-BYTERANGE:1000@0\nb.ts\n`,
    range: '3',
    clean: `${MEDIA.replace('VERSION:3', 'VERSION:4')}#EXTINF:2.000,\n#EXT-X-BYTERANGE:1000@0\nb.ts\n`,
    fixable: true,
  },
  {
    code: 'hls-token-in-uri',
    trigger: MEDIA.replace('a.ts', 'a.ts?ttl_seconds=60&token=k3y-VALUE&role=origin'),
    range: 'k3y-VALUE',
    clean: MEDIA.replace('a.ts', 'a.ts?ttl_seconds=60&role=origin'),
    fixable: false,
  },
  {
    code: 'hls-attribute-list-malformed',
    trigger: `${MEDIA}#EXT-X-KEY:METHOD=NONE,\n`,
    range: ',',
    clean: `${MEDIA}#EXT-X-KEY:METHOD=NONE\n`,
    fixable: true,
  },
  {
    code: 'hls-line-too-long',
    trigger: `${MEDIA}${'s'.repeat(MAX_LINE_LENGTH + 1)}\n`,
    range: 's'.repeat(MAX_LINE_LENGTH + 1),
    clean: `${MEDIA}${'s'.repeat(MAX_LINE_LENGTH)}\n`,
    fixable: false,
  },
  {
    code: 'hls-too-many-attributes',
    trigger: `${MASTER}#EXT-X-SESSION-DATA:${manyAttributes(MAX_ATTRIBUTES + 1)}\n`,
    range: manyAttributes(MAX_ATTRIBUTES + 1),
    clean: `${MASTER}#EXT-X-SESSION-DATA:${manyAttributes(MAX_ATTRIBUTES)}\n`,
    fixable: false,
  },
];

describe('playlist lint codes', () => {
  it('has a trigger case for every documented code, and documents every case', () => {
    assert.deepEqual(CASES.map((c) => c.code).sort(), Object.keys(HLS_CODES).sort());
  });

  for (const c of CASES) {
    describe(c.code, () => {
      it('is reported on the offending text', () => {
        const findings = lintPlaylist(c.trigger);
        assertWellFormed(c.trigger, findings);
        const found = withCode(findings, c.code);
        assert.equal(found.length, 1, JSON.stringify(findings, null, 1));
        assert.equal(textOf(c.trigger, found[0]), c.range);
        assert.match(found[0].message, /\.$/, 'messages are full sentences');
      });

      it('is not reported on the corrected variant', () => {
        assert.deepEqual(withCode(lintPlaylist(c.clean), c.code), []);
      });

      if (c.fixable) {
        it('goes away once its fix is applied', () => {
          const [finding] = withCode(lintPlaylist(c.trigger), c.code);
          const fixed = applyFix(c.trigger, finding);
          assert.notEqual(fixed, c.trigger);
          assert.deepEqual(withCode(lintPlaylist(fixed), c.code), []);
        });
      } else {
        it('offers no automatic fix', () => {
          const [finding] = withCode(lintPlaylist(c.trigger), c.code);
          assert.equal(finding.fix, undefined);
        });
      }
    });
  }
});
