import assert from 'node:assert/strict';
import { checkText } from '../../../src/cli/checkText';
import { MOMENTO_REGIONS } from '../../../src/config/regions';
import { LADDER_PRESETS, renderConfig, scaffoldConfig } from '../../../src/config/scaffold';
import { codes, GUIDE_ANSWERS } from './helpers';

describe('scaffold', () => {
  for (const preset of LADDER_PRESETS) {
    for (const segmentLengthSeconds of [1, 2, 2.5]) {
      it(`writes a file with no findings: ${preset.id} ladder, ${segmentLengthSeconds} s segments, every Momento region`, () => {
        for (const region of MOMENTO_REGIONS) {
          const text = renderConfig(scaffoldConfig({ ...GUIDE_ANSWERS, ladderPreset: preset.id, segmentLengthSeconds, momentoRegion: region, awsRegion: region }));
          assert.deepEqual(checkText('live-origin.json', text), [], `${region}\n${text}`);
        }
      });
    }
  }

  it('writes a file for the local sandbox with no findings', () => {
    const text = renderConfig(scaffoldConfig({ ...GUIDE_ANSWERS, restEndpoint: '127.0.0.1:45123' }));
    assert.deepEqual(checkText('live-origin.json', text), []);
    assert.match(text, /"url": "http:\/\/127\.0\.0\.1:45123\/cache\/live-origin\/playlist\.m3u8\?ttl_seconds=3600&role=origin"/);
  });

  it('in token-in-url mode, writes no key and keeps only the security warning', () => {
    const text = renderConfig(scaffoldConfig({ ...GUIDE_ANSWERS, publishMode: 'token-in-url' }));
    assert.deepEqual(codes(checkText('live-origin.json', text)), ['destination-url-token-exposed']);
    assert.ok(!text.includes('token='));
  });

  it('refuses a region without a Momento cell', () => {
    assert.throws(() => scaffoldConfig({ ...GUIDE_ANSWERS, momentoRegion: 'us-west-1' }), /us-west-1/);
  });
});
