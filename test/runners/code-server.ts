// `npm run test:integration`: runs the integration suites inside a real VS Code extension host
// (code-server), driven by headless Chromium. Exits with the code the suites report.
//   LIVE_ORIGIN_TEST_GREP=pattern   only suite files whose path below suite/ matches
//   LIVE_ORIGIN_TEST_TIMEOUT_S=600  hard limit for the whole run
//   LIVE_ORIGIN_TEST_SUITE=bench LIVE_ORIGIN_TEST_WORKSPACE=empty-workspace
//                                   the activation benchmark: its own suites, in a workspace that
//                                   does not activate the extension by itself
//   LIVE_ORIGIN_KEEP_TMP=1          keep the temp folder (workspace, profiles, code-server.log)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { BrowserContext } from 'playwright-core';
import {
  copyDir, ensureCodeServer, findRepoRoot, freePort, launchChromium, makeTempDir, remoteUri, startCodeServer,
  type RunningCodeServer,
} from './codeServer';

const TIMEOUT_S = Number(process.env.LIVE_ORIGIN_TEST_TIMEOUT_S) || 600;

let server: RunningCodeServer | undefined;
let browser: BrowserContext | undefined;
let baseDir: string | undefined;
let finishing = false;

async function cleanup(): Promise<void> {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  if (baseDir && !process.env.LIVE_ORIGIN_KEEP_TMP) fs.rmSync(baseDir, { recursive: true, force: true });
}

async function finish(code: number, message?: string): Promise<void> {
  // Stopping Chromium makes the pending run fail too; the first reason wins.
  if (finishing) return;
  finishing = true;
  if (message) console.error(message);
  // Do not hang on a stuck stop; code-server's group is killed on exit in any case.
  setTimeout(() => process.exit(code || 1), 15_000).unref();
  await cleanup().catch((error) => console.error(`cleanup failed: ${error}`));
  process.exit(code);
}

function requireFile(file: string, hint: string): void {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: ${hint}`);
}

const LOG_MARK = '@@live-origin-test@@';

/** The workbench's log, which carries the extension host's console, arrives here. */
function printLog(type: string, args: unknown): void {
  const text = Array.isArray(args) ? format(...args) : String(args);
  if (text.startsWith(LOG_MARK)) {
    process.stdout.write(`${text.slice(LOG_MARK.length)}\n`);
  } else if (type === 'error' || type === 'warn') {
    process.stderr.write(`[workbench ${type}] ${text}\n`);
  }
}

async function main(): Promise<number> {
  const root = findRepoRoot();
  ensureCodeServer(root);
  const testsEntry = path.join(root, 'out', 'test', 'integration', 'index.js');
  requireFile(path.join(root, 'dist', 'extension.js'), 'run `npm run build` first');
  requireFile(testsEntry, 'run `npm run compile` first');

  baseDir = makeTempDir('live-origin-it');
  const workspace = path.join(baseDir, 'workspace');
  copyDir(path.join(root, 'test', 'integration', 'fixtures', process.env.LIVE_ORIGIN_TEST_WORKSPACE ?? 'workspace'), workspace);

  const started = Date.now();
  const port = await freePort();
  const extraEnv: NodeJS.ProcessEnv = {
    LIVE_ORIGIN_TEST_LOG_MARK: LOG_MARK,
    // No extension gallery: nothing to fetch, no network errors in the log.
    EXTENSIONS_GALLERY: '{}',
  };
  if (process.env.LIVE_ORIGIN_TEST_GREP) extraEnv.LIVE_ORIGIN_TEST_GREP = process.env.LIVE_ORIGIN_TEST_GREP;
  // Kept across runs by the explorer benchmark: a later session loads the SDK bundle with its code cache.
  if (process.env.LIVE_ORIGIN_TEST_CACHE_HOME) extraEnv.XDG_CACHE_HOME = process.env.LIVE_ORIGIN_TEST_CACHE_HOME;
  server = await startCodeServer({ root, baseDir, port, env: extraEnv });
  console.log(`code-server ready on ${server.url} in ${Date.now() - started} ms`);

  browser = await launchChromium(baseDir);
  const page = browser.pages()[0] ?? await browser.newPage();
  let reportExit!: (code: number) => void;
  let abort!: (error: Error) => void;
  const exitCode = new Promise<number>((resolve, reject) => {
    reportExit = resolve;
    abort = reject;
  });
  // Settles while page.goto may still be pending; it is awaited below.
  exitCode.catch(() => undefined);
  await page.exposeFunction('codeAutomationLog', printLog);
  await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
  page.on('crash', () => abort(new Error('the workbench page crashed')));
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  browser.on('close', () => abort(new Error('Chromium closed before the tests finished')));
  const payload = [
    ['extensionDevelopmentPath', remoteUri(port, root)],
    ['extensionTestsPath', remoteUri(port, testsEntry)],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url, { timeout: 60_000 });
  const code = await exitCode;
  console.log(`integration suites finished with exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return code;
}

const timer = setTimeout(() => {
  const tail = server ? `\nLast lines of code-server's log:\n${server.logTail()}` : '';
  void finish(1, `Integration tests did not finish within ${TIMEOUT_S} s (LIVE_ORIGIN_TEST_TIMEOUT_S); stopped.${tail}`);
}, TIMEOUT_S * 1000);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void finish(signal === 'SIGINT' ? 130 : 143, `Interrupted by ${signal}.`));
}

main().then(
  (code) => {
    clearTimeout(timer);
    return finish(code);
  },
  (error: unknown) => {
    clearTimeout(timer);
    return finish(1, `Integration test run failed: ${error instanceof Error ? error.message : String(error)}`);
  },
);
