import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Compiled to out/test/unit: the repository root is three levels up. */
const ROOT = join(__dirname, '..', '..', '..');
const read = (...path: string[]) => JSON.parse(readFileSync(join(ROOT, ...path), 'utf8')) as Record<string, unknown>;
const placeholders = (text: string) => (text.match(/\{\d+\}/g) ?? []).sort();

describe('localization', () => {
  it('l10n/bundle.l10n.json holds exactly the strings the source passes to l10n.t', function () {
    this.timeout(60_000);
    const out = mkdtempSync(join(tmpdir(), 'live-origin-l10n-'));
    try {
      const cli = join(ROOT, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
      const run = spawnSync(process.execPath, [cli, 'export', '--outDir', out, join(ROOT, 'src')], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(Object.keys(read('l10n', 'bundle.l10n.json')).sort(), Object.keys(JSON.parse(readFileSync(join(out, 'bundle.l10n.json'), 'utf8'))).sort(),
        'run: npx @vscode/l10n-dev export --outDir l10n src');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('translates every message into Japanese, keeping its placeholders', () => {
    const english = read('l10n', 'bundle.l10n.json');
    const japanese = read('l10n', 'bundle.l10n.ja.json');
    assert.deepEqual(Object.keys(japanese).sort(), Object.keys(english).sort());
    for (const [key, value] of Object.entries(japanese)) {
      assert.equal(typeof value, 'string', key);
      assert.ok((value as string).trim().length > 0, key);
      assert.deepEqual(placeholders(value as string), placeholders(key), key);
    }
  });

  it('translates every manifest string into Japanese', () => {
    assert.deepEqual(Object.keys(read('package.nls.ja.json')).sort(), Object.keys(read('package.nls.json')).sort());
    const manifest = readFileSync(join(ROOT, 'package.json'), 'utf8');
    for (const key of manifest.match(/"%([^%"]+)%"/g) ?? []) assert.ok(key.slice(2, -2) in read('package.nls.json'), key);
  });

  it('speaks Japanese on the command line when LANG asks for it', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', join(ROOT, 'demo', 'examples', 'mistakes', 'live-origin.json')], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'ja_JP.UTF-8', LC_ALL: '' },
    });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /momento-region-unknown: .*[\u3040-\u30ff]/);
  });
});
