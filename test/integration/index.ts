// The extensionTestsPath entry: VS Code loads this in the extension host and awaits run().
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

function findTests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(full);
    return entry.isFile() && entry.name.endsWith('.test.js') ? [full] : [];
  });
}

export async function run(): Promise<void> {
  // LIVE_ORIGIN_TEST_SUITE picks another folder of suites (the activation benchmark's `bench`).
  const suiteDir = path.join(__dirname, process.env.LIVE_ORIGIN_TEST_SUITE ?? 'suite');
  // LIVE_ORIGIN_TEST_GREP selects suite files by a pattern on their path below suite/.
  const grep = process.env.LIVE_ORIGIN_TEST_GREP ? new RegExp(process.env.LIVE_ORIGIN_TEST_GREP, 'i') : undefined;
  const files = findTests(suiteDir)
    .filter((file) => !grep || grep.test(path.relative(suiteDir, file)))
    .sort();
  if (files.length === 0) throw new Error(`No integration suite in ${suiteDir} matches ${grep ?? '*.test.js'}`);

  // In code-server the extension host's console reaches the runner mixed into the workbench's
  // own log; the runner passes a marker to tell the report apart. (VS Code's console forwarding
  // ignores assignments to console.log, so the reporter's logger is the place to add it.)
  const mark = process.env.LIVE_ORIGIN_TEST_LOG_MARK;
  if (mark) Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(mark + format(...args));
  // No colors: the report may travel through the workbench log, not a terminal.
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 20_000, forbidOnly: true });
  for (const file of files) mocha.addFile(file);
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed`);
}
