// Explorer load time in the real extension host against the local sandbox: the first level of all
// three views, cold (the cloud bundle and its SDKs loaded on the way) and on a warm refresh.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension/extension';
import { boundedGet } from '../../../src/net/boundedGet';
import { waitFor } from '../suite/wait';

const WARM_RUNS = 7;

describe('explorer benchmark', function () {
  this.timeout(120_000);

  it('lists the first level of the three views, cold then warm', async () => {
    const api = await vscode.extensions.getExtension<ExtensionApi>('momento-live-origin.momento-live-origin')!.activate();
    const started = await vscode.commands.executeCommand<{ stream?: { playbackUrl: string } }>('momentoLive.sandbox.start');
    assert.ok(started?.stream, 'the sandbox runs its demo stream');
    try {
      // As when the explorer is opened on a sandbox already running (npm start): its stream is live.
      const playback = new URL(started.stream.playbackUrl);
      await waitFor('the demo stream to be live at the edge', async () => {
        const master = await boundedGet(playback, {}, 65_536, AbortSignal.timeout(2000)).catch(() => undefined);
        return master?.status === 200 && Buffer.from(master.body).toString('utf8').includes('#EXT-X-STREAM-INF') ? true : undefined;
      }, 30_000);
      const views = [api.explorer.namespaces, api.explorer.channels, api.explorer.distributions];
      const firstLevel = async () => {
        views.forEach((view) => view.refresh());
        const begin = performance.now();
        const levels = await Promise.all(views.map((view) => view.getChildren()));
        const elapsed = performance.now() - begin;
        for (const level of levels) assert.ok(level.length > 0 && !level.some((node) => node.treeItem().contextValue === 'momentoLive.error'));
        return elapsed;
      };
      const coldMs = await firstLevel();
      const warm: number[] = [];
      for (let i = 0; i < WARM_RUNS; i++) warm.push(await firstLevel());
      const out = process.env.LIVE_ORIGIN_BENCH_OUT;
      assert.ok(out, 'LIVE_ORIGIN_BENCH_OUT names the result file');
      writeFileSync(out, JSON.stringify({ coldMs, warmMs: warm }));
    } finally {
      await vscode.commands.executeCommand('momentoLive.sandbox.stop');
    }
  });
});

