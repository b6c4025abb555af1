import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_CODES } from '../../src/config/codes';
import { HLS_CODES } from '../../src/hls/codes';
import { LIVE_CODES } from '../../src/live/codes';

/** Compiled to out/test/unit: the repository root is three levels up. */
const README = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  it('lists every diagnostic code with its meaning', () => {
    for (const [code, meaning] of Object.entries({ ...CONFIG_CODES, ...HLS_CODES, ...LIVE_CODES })) {
      assert.ok(README.includes(`| \`${code}\` | ${meaning} |`), `README row for ${code}`);
    }
  });

  it('shows the two quick-start commands that CI runs', () => {
    assert.match(README, /npm ci && npm start/);
    assert.match(README, /npm ci && npm test/);
    assert.match(readFileSync(join(__dirname, '..', '..', '..', '.ci', 'run'), 'utf8'), /^npm ci && npm test$/m);
  });
});
