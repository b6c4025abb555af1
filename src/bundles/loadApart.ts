// Loads a bundle kept apart from the one that needs it (dist/cloud.js, dist/ssm.js,
// dist/features.js, dist/sandbox.js; see esbuild.mjs) as require() would, but with a V8 code cache
// kept per user. Most of the first load of dist/cloud.js (2.4 MB of SDKs) is V8 compiling it; with the cache
// written after its first use, the next session's load and first requests skip that compilation.
//
// Written by hand: v8-compile-cache and Node's module.enableCompileCache (Node 22.1 and later)
// both cache every module the process loads, which in an extension host means other extensions'
// modules too; this cache covers our own bundles only.
import { mkdirSync, readFileSync, renameSync, rmSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** How long after a load its cache is written: long enough for the first requests to compile what they run. */
const WRITE_AFTER_MS = 5000;

interface PendingCache {
  script: Script;
  bundle: string;
  timer: ReturnType<typeof setTimeout>;
}

const pending = new Map<string, PendingCache>();
let flushOnExit = false;

/** How each bundle this copy of the loader loaded was compiled: V8's answer about the cache. */
export type CodeCacheUse = 'used' | 'rejected' | 'none';
const uses = new Map<string, CodeCacheUse>();

export function codeCacheUse(file: string): CodeCacheUse | undefined {
  return uses.get(file);
}

/** `$XDG_CACHE_HOME/live-origin/code-cache` (`~/.cache/...` by default). */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'live-origin', 'code-cache');
}

/**
 * The exports of the CommonJS bundle `file`, loaded once per process (bundles share Node's module
 * cache, so dist/features.js and dist/extension.js get the same dist/cloud.js).
 */
export function loadApart<T>(file: string, cacheDir = codeCacheDir()): T {
  const loaded = require.cache[file];
  if (loaded) return loaded.exports as T;
  const source = readFileSync(file, 'utf8');
  const cacheFile = join(cacheDir, cacheName(file));
  const cachedData = readCache(cacheFile);
  // Node's own CommonJS wrapper, on the first line so line numbers in stack traces stay right.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const localRequire = createRequire(file);
  const module = new Module(file);
  module.filename = file;
  localRequire.cache[file] = module;
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, localRequire, module, file, dirname(file));
  } catch (error) {
    delete localRequire.cache[file];
    throw error;
  }
  module.loaded = true;
  const use: CodeCacheUse = script.cachedDataRejected === false ? 'used' : script.cachedDataRejected ? 'rejected' : 'none';
  uses.set(file, use);
  if (use !== 'used') scheduleWrite(cacheFile, basename(file), script);
  return module.exports as T;
}

/** Writes the caches of the bundles loaded without one now (the process is exiting or the extension deactivating). */
export function writePendingCodeCaches(): void {
  for (const [cacheFile, { script, bundle, timer }] of pending) {
    clearTimeout(timer);
    pending.delete(cacheFile);
    writeCache(cacheFile, bundle, script);
  }
}

/** One name per bundle build and V8 version: a rebuilt bundle or an updated editor starts a new cache. */
function cacheName(file: string): string {
  const { size, mtimeMs } = statSync(file);
  return `${basename(file)}.${size}-${Math.round(mtimeMs)}.${process.versions.v8}-${process.arch}.cache`;
}

function readCache(cacheFile: string): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

function scheduleWrite(cacheFile: string, bundle: string, script: Script): void {
  const timer = setTimeout(() => {
    pending.delete(cacheFile);
    writeCache(cacheFile, bundle, script);
  }, WRITE_AFTER_MS);
  timer.unref();
  if (!flushOnExit) process.once('exit', writePendingCodeCaches);
  flushOnExit = true;
  pending.set(cacheFile, { script, bundle, timer });
}

/** Replaces the caches of earlier builds of the same bundle; a cache that cannot be written is skipped. */
function writeCache(cacheFile: string, bundle: string, script: Script): void {
  const dir = dirname(cacheFile);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const old of readdirSync(dir)) {
      if (old.startsWith(`${bundle}.`) && old !== basename(cacheFile)) rmSync(join(dir, old), { force: true });
    }
    const partial = `${cacheFile}.${process.pid}`;
    writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
    renameSync(partial, cacheFile);
  } catch {
    // Without a cache the next load compiles the bundle, as require() would.
  }
}
