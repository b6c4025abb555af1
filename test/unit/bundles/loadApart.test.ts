import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCacheDir, codeCacheUse, loadApart, writePendingCodeCaches } from '../../../src/bundles/loadApart';

interface Bundle {
  dir: string;
  file: string;
  separator: string;
  loads: number;
  double(value: number): number;
}

const BUNDLE = `
globalThis.liveOriginBundleLoads = (globalThis.liveOriginBundleLoads ?? 0) + 1;
exports.dir = __dirname;
exports.file = __filename;
exports.separator = require('node:path').sep;
exports.loads = globalThis.liveOriginBundleLoads;
exports.double = (value) => value * 2;
`;

describe('loadApart: bundles loaded apart, with a V8 code cache', () => {
  let root: string;
  let cacheDir: string;
  let file: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'live-origin-load-apart-'));
    cacheDir = join(root, 'cache');
    file = join(root, `bundle-${Math.random().toString(36).slice(2)}.js`);
    writeFileSync(file, BUNDLE);
  });

  afterEach(() => {
    writePendingCodeCaches();
    delete require.cache[file];
    rmSync(root, { recursive: true, force: true });
  });

  /**
   * Loads the bundle in a new process (V8 keeps what it compiled in memory, so only a new process
   * shows whether the cache on disk was used), which writes its cache, if any is due, as it exits.
   */
  const loadInProcess = (): { use: string; doubled: number; rebuilt?: boolean } => {
    const program = `const l = require(${JSON.stringify(require.resolve('../../../src/bundles/loadApart'))});
      const b = l.loadApart(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)});
      console.log(JSON.stringify({ use: l.codeCacheUse(${JSON.stringify(file)}), doubled: b.double(21), rebuilt: b.rebuilt }));`;
    const run = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as { use: string; doubled: number };
  };

  it('runs a bundle once per process, as require() would, with its own __dirname and require', () => {
    const first = loadApart<Bundle>(file, cacheDir);
    assert.equal(first.dir, root);
    assert.equal(first.file, file);
    assert.equal(first.double(21), 42);
    assert.equal(typeof first.separator, 'string');
    assert.equal(loadApart<Bundle>(file, cacheDir), first, 'a second load returns the same exports');
    assert.equal(createRequire(__filename)(file), first, "Node's own require sees the same module");
    assert.equal(first.loads, (globalThis as { liveOriginBundleLoads?: number }).liveOriginBundleLoads, 'the bundle ran once');
  });

  it('writes the cache after use, and the next process compiles the same build from it', () => {
    loadApart<Bundle>(file, cacheDir);
    assert.equal(codeCacheUse(file), 'none');
    assert.ok(!readdirSync(root).includes('cache'), 'nothing written at load');
    writePendingCodeCaches();
    const written = readdirSync(cacheDir);
    assert.equal(written.length, 1);
    if (process.platform !== 'win32') {
      assert.equal(statSync(cacheDir).mode & 0o777, 0o700);
      assert.equal(statSync(join(cacheDir, written[0])).mode & 0o777, 0o600);
    }

    assert.deepEqual(loadInProcess(), { use: 'used', doubled: 42 });
    assert.deepEqual(readdirSync(cacheDir), written, 'a used cache is not written again');
  });

  it('writes the cache as the process exits when that comes first', () => {
    assert.deepEqual(loadInProcess(), { use: 'none', doubled: 42 });
    assert.equal(readdirSync(cacheDir).length, 1);
    assert.equal(loadInProcess().use, 'used');
  });

  it('loads a bundle whose cache is damaged, and writes a good one in its place', () => {
    loadInProcess();
    const [name] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, name), Buffer.alloc(statSync(join(cacheDir, name)).size, 7));

    assert.deepEqual(loadInProcess(), { use: 'rejected', doubled: 42 });
    assert.equal(loadInProcess().use, 'used');
  });

  it('starts a new cache for a rebuilt bundle and removes the old one', () => {
    loadInProcess();
    const [before] = readdirSync(cacheDir);
    writeFileSync(file, `${BUNDLE}\nexports.rebuilt = true;\n`);

    assert.deepEqual(loadInProcess(), { use: 'none', doubled: 42, rebuilt: true }, "the old build's cache is not offered to the new one");
    const after = readdirSync(cacheDir);
    assert.equal(after.length, 1);
    assert.notEqual(after[0], before);
    assert.equal(loadInProcess().use, 'used');
  });

  it('does not keep a bundle that throws while loading, so a later load runs it again', () => {
    writeFileSync(file, 'throw new Error("bundle failed to start");');
    assert.throws(() => loadApart(file, cacheDir), /bundle failed to start/);
    assert.equal(require.cache[file], undefined);
    writeFileSync(file, BUNDLE);
    assert.equal(loadApart<Bundle>(file, cacheDir).double(1), 2);
  });

  it('keeps the cache under XDG_CACHE_HOME, or ~/.cache', () => {
    assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' }), join('/x/cache', 'live-origin', 'code-cache'));
    assert.equal(codeCacheDir({ HOME: '/home/u' }), join('/home/u', '.cache', 'live-origin', 'code-cache'));
  });
});
