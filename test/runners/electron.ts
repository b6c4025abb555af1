// `npm run test:electron`: the integration suites in desktop VS Code via @vscode/test-electron.
// It downloads VS Code, so it needs network access to the VS Code update service; where there is
// none, `npm run test:integration` runs the same suites in code-server.
//   LIVE_ORIGIN_VSCODE_VERSION=stable   the VS Code version to download (e.g. 1.100.3)
//   LIVE_ORIGIN_TEST_GREP=pattern       only suite files whose path below suite/ matches
//   LIVE_ORIGIN_TEST_TIMEOUT_S=600      hard limit for the test run (download excluded)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { copyDir, findRepoRoot, makeTempDir } from './codeServer';

const TIMEOUT_S = Number(process.env.LIVE_ORIGIN_TEST_TIMEOUT_S) || 600;

async function main(): Promise<number> {
  const root = findRepoRoot();
  const testsEntry = path.join(root, 'out', 'test', 'integration', 'index.js');
  for (const [file, hint] of [[path.join(root, 'dist', 'extension.js'), 'npm run build'], [testsEntry, 'npm run compile']]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`${hint}\` first`);
  }

  const version = process.env.LIVE_ORIGIN_VSCODE_VERSION || 'stable';
  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: path.join(root, '.cache', 'vscode-test'), timeout: 15_000 });
  } catch (error) {
    throw new Error(
      `could not download VS Code ${version} (${error instanceof Error ? error.message : String(error)}). ` +
      '@vscode/test-electron needs network access to the VS Code update service; without it, ' +
      'run the same suites in code-server with `npm run test:integration`.',
    );
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('No display found: desktop VS Code needs one on Linux (try `xvfb-run -a npm run test:electron`).');
  }

  const baseDir = makeTempDir('live-origin-electron');
  try {
    const workspace = path.join(baseDir, 'workspace');
    copyDir(path.join(root, 'test', 'integration', 'fixtures', 'workspace'), workspace);
    const timer = setTimeout(() => {
      console.error(`Integration tests did not finish within ${TIMEOUT_S} s (LIVE_ORIGIN_TEST_TIMEOUT_S); stopping VS Code.`);
      // runTests stops VS Code on SIGINT and then resolves.
      process.kill(process.pid, 'SIGINT');
      setTimeout(() => process.exit(1), 15_000).unref();
    }, TIMEOUT_S * 1000);
    try {
      return await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: root,
        extensionTestsPath: testsEntry,
        extensionTestsEnv: process.env.LIVE_ORIGIN_TEST_GREP ? { LIVE_ORIGIN_TEST_GREP: process.env.LIVE_ORIGIN_TEST_GREP } : undefined,
        launchArgs: [
          workspace,
          '--disable-extensions',
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          '--user-data-dir', path.join(baseDir, 'user-data'),
          '--extensions-dir', path.join(baseDir, 'extensions'),
        ],
      });
    } finally {
      clearTimeout(timer);
    }
  } finally {
    fs.rmSync(baseDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:electron failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
