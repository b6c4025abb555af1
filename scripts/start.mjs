// `npm start`: the product demo. Builds the extension, starts the local sandbox (which streams a
// test pattern through its Momento, MediaLive and CloudFront emulators), serves VS Code
// (code-server) on 127.0.0.1 with the extension installed from this checkout, and opens a
// workspace made of demo/ plus the sandbox's live-origin.json.
//   PORT=8080      port to serve on (a free one is picked when it is busy)
//   --smoke        start, check the workbench answers and shows the extension, stop; exit 0/1
/* global AbortSignal, Buffer, clearTimeout, console, fetch, process, setTimeout -- Node globals; the lint config only knows TypeScript files' environment */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const smoke = process.argv.includes('--smoke');
const SMOKE_TIMEOUT_MS = 3 * 60_000;

/** Stop functions of what has been started, run in reverse order on exit. */
const running = [];

async function stopAll() {
  while (running.length > 0) {
    const stop = running.pop();
    await stop().catch((error) => console.error(`start: stopping failed: ${error.message}`));
  }
}

/** The code-server helpers the test runner uses, compiled from their TypeScript source. */
async function loadHelpers() {
  const outfile = path.join(root, '.cache', 'start', 'codeServer.cjs');
  await esbuild.build({
    entryPoints: [path.join(root, 'test', 'runners', 'codeServer.ts')],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', timeout: 10 * 60_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
}

/** System packages, code-server, and a fresh build of the extension. */
function prepare(helpers) {
  helpers.ensureCodeServer(root);
  run('npm', ['run', '--silent', 'build']);
}

/** An extensions folder holding only a link to this checkout, which code-server loads as installed. */
function linkExtension(extensionsDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  fs.mkdirSync(extensionsDir, { recursive: true });
  for (const entry of fs.readdirSync(extensionsDir)) {
    // extensions.json is rebuilt from the folder's content when missing.
    if (entry.startsWith(`${id}-`) || entry === 'extensions.json') fs.rmSync(path.join(extensionsDir, entry), { recursive: true, force: true });
  }
  fs.symlinkSync(root, path.join(extensionsDir, `${id}-${manifest.version}`), 'dir');
  return id;
}

/** The demo workspace: a fresh copy of demo/, where the sandbox then writes its live-origin.json. */
function prepareWorkspace(baseDir) {
  const workspace = path.join(baseDir, 'workspace');
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'demo'), workspace, { recursive: true });
  // The demo acts on the sandbox it starts, not on whatever AWS account the machine can reach.
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), `${JSON.stringify({ 'momentoLive.target': 'sandbox' }, null, 2)}\n`);
  return workspace;
}

const SANDBOX_START_TIMEOUT_MS = 90_000;

/** `live-origin sandbox --json`, stopped with the demo; resolves with the JSON line it prints. */
function startSandbox(workspace) {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'cli.js'), 'sandbox', '--json', '--dir', workspace, '--exit-on-stdin-close'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  running.push(() => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  }));
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the sandbox did not start within ${SANDBOX_START_TIMEOUT_MS / 1000} s`)), SANDBOX_START_TIMEOUT_MS);
    child.once('exit', (code) => reject(new Error(`the sandbox exited with code ${code} before it was ready`)));
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data').resume();
      resolve({ line: stdout.slice(0, newline), info: JSON.parse(stdout.slice(0, newline)) });
    });
  });
}

/**
 * The sandbox's JSON line (keys included) for the extension, in a file only this user can read,
 * removed when the demo stops: environment variables would reach every terminal and task.
 */
function handOffSandbox(line) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'live-origin-sandbox-'));
  running.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'sandbox.json');
  fs.writeFileSync(file, line, { mode: 0o600 });
  return file;
}

/** Every process's command line and environment, where this user may read them. */
function processTable() {
  const table = [];
  for (const pid of fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      table.push({
        pid,
        comm: fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim(),
        cmdline: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'),
        environ: fs.readFileSync(`/proc/${pid}/environ`, 'utf8'),
      });
    } catch {
      // Gone, or another user's: neither can leak our keys to us.
    }
  }
  return table;
}

/** No key of the sandbox on any command line or in any environment (what `ps e` would show). */
function checkKeysHidden(info) {
  const keys = [info.momento.apiKey, info.momento.encoderKey, info.momento.playerKey, info.aws?.secretAccessKey].filter(Boolean);
  // ffmpeg's Basic credentials would carry the encoder key base64-encoded.
  keys.push(Buffer.from(`momento:${info.momento.encoderKey}`).toString('base64'));
  const table = processTable();
  for (const required of ['ffmpeg', 'node']) {
    if (!table.some((entry) => entry.comm === required)) throw new Error(`no ${required} process to check for keys`);
  }
  for (const { pid, comm, cmdline, environ } of table) {
    if (keys.some((key) => cmdline.includes(key))) throw new Error(`a sandbox key is on the command line of ${comm} (pid ${pid})`);
    if (keys.some((key) => environ.includes(key))) throw new Error(`a sandbox key is in the environment of ${comm} (pid ${pid})`);
  }
  console.log(`start --smoke: no sandbox key in the command line or environment of ${table.length} processes (ffmpeg and code-server included)`);
}

/** code-server with the extension installed, serving the workspace; `env` reaches the extension host. */
async function startEditor(helpers, baseDir, workspace, env) {
  const requested = Number(process.env.PORT) || 8080;
  let port = requested;
  if (!(await helpers.isPortFree(port))) {
    port = await helpers.freePort();
    console.log(`start: port ${requested} is busy, using ${port}`);
  }
  const extensionsDir = path.join(baseDir, 'extensions');
  linkExtension(extensionsDir);
  const server = await helpers.startCodeServer({ root, baseDir, port, extensionsDir, env });
  running.push(() => server.stop());
  return { server, baseDir, url: `${server.url}/?folder=${encodeURIComponent(workspace)}` };
}

/** Loads the workbench in headless Chromium and looks for the extension's activity-bar entry. */
async function smokeCheck(helpers, editor) {
  const response = await fetch(editor.url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`the workbench answered HTTP ${response.status}`);
  const browser = await helpers.launchChromium(editor.baseDir);
  running.push(() => browser.close());
  const page = browser.pages()[0] ?? await browser.newPage();
  await page.goto(editor.url, { timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const entry = page.locator('.part.activitybar [aria-label^="Momento Live"]').first();
  await entry.waitFor({ timeout: 60_000 });
  // Opening the container shows the extension's views, which proves its contributions loaded.
  await entry.click();
  await page.locator('.part.sidebar .pane-header', { hasText: /namespaces/i }).first().waitFor({ timeout: 30_000 });
  console.log('start --smoke: workbench answers and shows the Momento Live views');
  // The extension attached to the running sandbox (it was handed the sandbox's JSON line).
  await page.locator('.part.statusbar', { hasText: 'Sandbox' }).first().waitFor({ timeout: 30_000 });
  console.log('start --smoke: the extension shows the running sandbox in the status bar');
  // The explorer lists the sandbox's channel, running, through the real SDKs.
  await page.locator('.part.sidebar .monaco-list-row', { hasText: /RUNNING/ }).first().waitFor({ timeout: 60_000 });
  console.log('start --smoke: the explorer lists the sandbox channel as RUNNING');
  // Kept as an artifact of the run (test-results/ is ignored by git).
  fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(root, 'test-results', 'smoke-explorer.png') });
  // The sandbox status item opens the stream in the player panel, which plays it.
  // By its id: the target item next to it reads "sandbox (…)" too.
  await page.locator('.part.statusbar [id$="momentoLive.sandbox"]').first().click();
  await page.locator('.tabs-container .tab', { hasText: /Player/ }).first().waitFor({ timeout: 30_000 });
  const first = await playerTime(page, 60_000);
  const second = await playerTime(page, 30_000, first + 2);
  console.log(`start --smoke: the status item opened the player, which plays (${first.toFixed(1)} s -> ${second.toFixed(1)} s)`);
  await page.screenshot({ path: path.join(root, 'test-results', 'smoke-player.png') });
}

/** The player webview's video currentTime once it is above `above`; the webview is a nested frame. */
async function playerTime(page, timeoutMs, above = 0) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const time = await frame.evaluate(() => document.querySelector('video')?.currentTime ?? null).catch(() => null);
      if (typeof time === 'number' && time > above) return time;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the player's video did not play past ${above} s within ${timeoutMs / 1000} s`);
}

/** The stream plays through the sandbox's distribution: the master playlist lists the ladder. */
function checkStream(stream, edge) {
  // The distribution is addressed by Host header, as CloudFront's are (fetch cannot set Host).
  return new Promise((resolve, reject) => {
    const request = http.get(`${edge}/playlist.m3u8`, { headers: { host: stream.domainName }, timeout: 10_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk) => { body += chunk; }).on('end', () => {
        if (response.statusCode !== 200 || !body.includes('#EXT-X-STREAM-INF')) {
          reject(new Error(`the sandbox stream is not served (HTTP ${response.statusCode})`));
          return;
        }
        console.log('start --smoke: the sandbox streams through its distribution');
        resolve();
      });
    });
    request.on('error', reject).on('timeout', () => request.destroy(new Error('timed out')));
  });
}

async function main() {
  const helpers = await loadHelpers();
  prepare(helpers);
  // The demo keeps its editor state between runs; a smoke run starts clean and leaves nothing.
  const baseDir = smoke ? helpers.makeTempDir('live-origin-smoke') : path.join(root, '.cache', 'demo');
  if (smoke) running.push(async () => fs.rmSync(baseDir, { recursive: true, force: true }));
  fs.mkdirSync(baseDir, { recursive: true });
  const workspace = prepareWorkspace(baseDir);
  console.log('start: starting the local sandbox (Momento, MediaLive with ffmpeg, CloudFront)…');
  const sandbox = await startSandbox(workspace);
  const editor = await startEditor(helpers, baseDir, workspace, { LIVE_ORIGIN_SANDBOX_FILE: handOffSandbox(sandbox.line) });
  if (smoke) {
    await checkStream(sandbox.info.stream, sandbox.info.cloudfront.edge);
    await smokeCheck(helpers, editor);
    checkKeysHidden(sandbox.info);
    return 0;
  }
  const { stream } = sandbox.info;
  console.log([
    '',
    `Momento Live Origin demo: open ${editor.url}`,
    `  live stream (HLS):  ${stream.playbackUrl}`,
    stream.playerUrl ? `  player page:        ${stream.playerUrl}` : '',
    `(code-server log: ${editor.server.logFile}; Ctrl-C stops the editor, the sandbox and ffmpeg)`,
  ].filter(Boolean).join('\n'));
  return new Promise((resolve) => {
    const onExit = () => {
      console.error(`start: code-server stopped unexpectedly:\n${editor.server.logTail()}`);
      resolve(1);
    };
    editor.server.process.once('exit', onExit);
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.once(signal, () => {
        editor.server.process.off('exit', onExit);
        resolve(0);
      });
    }
  });
}

let finished = false;
async function finish(code, message) {
  if (finished) return;
  finished = true;
  if (message) console.error(message);
  setTimeout(() => process.exit(code || 1), 15_000).unref();
  await stopAll();
  process.exit(code);
}

if (smoke) {
  setTimeout(() => finish(1, `start --smoke: did not finish within ${SMOKE_TIMEOUT_MS / 1000} s`), SMOKE_TIMEOUT_MS).unref();
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => finish(1, `start --smoke: interrupted by ${signal}`));
}
main().then(
  (code) => finish(code),
  (error) => finish(1, `start${smoke ? ' --smoke' : ''} failed: ${error.message}`),
);
