// `live-origin list --target sandbox` finds the running sandbox by itself, from any folder, through
// the state file the sandbox writes while it runs and removes when it stops.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sandboxStateFile } from '../../src/cloud/sandboxState';
import { until } from './until';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

interface Line {
  momento: { apiKey: string; encoderKey: string; playerKey: string; namespace: string };
  stream: { channelId: string; distributionId: string };
}

describe('live-origin list --target sandbox', function () {
  this.timeout(90_000);
  let home: string;
  let elsewhere: string;
  let env: NodeJS.ProcessEnv;
  let sandbox: ReturnType<typeof spawn>;
  let line: Line;

  const list = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [CLI, 'list', ...args], { cwd: elsewhere, env: { ...env, ...extra }, encoding: 'utf8', timeout: 30_000 });

  before(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'live-origin-list-'));
    elsewhere = await mkdtemp(path.join(os.tmpdir(), 'live-origin-elsewhere-'));
    env = { ...process.env, HOME: home, XDG_STATE_HOME: path.join(home, 'state') };
    delete env.MOMENTO_API_KEY;
    sandbox = spawn(process.execPath, [CLI, 'sandbox', '--json', '--dir', path.join(home, 'workspace')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    sandbox.stdout!.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    await until('the sandbox JSON line', () => (stdout.includes('\n') ? true : undefined), 60_000);
    line = JSON.parse(stdout.slice(0, stdout.indexOf('\n'))) as Line;
  });

  after(async () => {
    if (sandbox && sandbox.exitCode === null) {
      sandbox.kill('SIGTERM');
      await until('the sandbox to exit', () => (sandbox.exitCode !== null || sandbox.signalCode !== null ? true : undefined), 15_000);
    }
    await rm(home, { recursive: true, force: true });
    await rm(elsewhere, { recursive: true, force: true });
  });

  it('writes a state file only the user can read, with endpoints and no Momento key', () => {
    const file = sandboxStateFile(env);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const text = readFileSync(file, 'utf8');
    for (const key of [line.momento.apiKey, line.momento.encoderKey, line.momento.playerKey]) assert.ok(!text.includes(key), 'a Momento key is in the state file');
    assert.match(JSON.parse(text).medialive, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('lists the sandbox channel and distribution from another folder', () => {
    const channels = list(['channels', '--target', 'sandbox', '--format', 'json']);
    assert.equal(channels.status, 0, channels.stderr);
    const channel = (JSON.parse(channels.stdout) as { id: string; state: string; namespace: string }[]).find((c) => c.id === line.stream.channelId);
    assert.deepEqual({ state: channel?.state, namespace: channel?.namespace }, { state: 'RUNNING', namespace: line.momento.namespace });
    const distributions = list(['distributions', '--target=sandbox']);
    assert.equal(distributions.status, 0, distributions.stderr);
    assert.match(distributions.stdout, new RegExp(`^${line.stream.distributionId}  `, 'm'));
  });

  it('takes the Momento account key from MOMENTO_API_KEY only, and says so when it is missing', () => {
    const without = list(['namespaces', '--target', 'sandbox']);
    assert.equal(without.status, 2);
    assert.equal(without.stderr.trim(), 'live-origin: Listing namespaces needs the Momento account key: set MOMENTO_API_KEY in the environment.');
    const withKey = list(['namespaces', '--target', 'sandbox', '--format', 'json'], { MOMENTO_API_KEY: line.momento.apiKey });
    assert.equal(withKey.status, 0, withKey.stderr);
    assert.deepEqual(JSON.parse(withKey.stdout), [{ name: line.momento.namespace }]);
    assert.ok(!withKey.stdout.includes(line.momento.apiKey));
  });

  it('removes the state file when the sandbox stops, and then names the command that starts one', async () => {
    sandbox.kill('SIGTERM');
    await until('the sandbox to exit', () => (sandbox.exitCode !== null ? true : undefined), 15_000);
    assert.equal(existsSync(sandboxStateFile(env)), false);
    const none = list(['channels', '--target', 'sandbox']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /^live-origin: No local sandbox is running: start one with `live-origin sandbox`/);
  });
});
