import assert from 'node:assert/strict';
import http from 'node:http';
import * as vscode from 'vscode';
import { waitFor } from './wait';

interface Info {
  momento: { httpEndpoint: string; namespace: string; playerKey: string };
  cloudfront: { edge: string };
  liveOriginJson: string;
  stream?: { domainName: string; playbackUrl: string };
}

/** GET through the sandbox edge, addressing the distribution by Host header as CloudFront does. */
function getThroughEdge(edge: string, host: string, path: string): Promise<{ status: number; body: string; cache?: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${edge}${path}`, { headers: { host }, timeout: 5000 }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; }).on('end', () =>
        resolve({ status: response.statusCode ?? 0, body, cache: response.headers['x-cache'] as string | undefined }));
    });
    request.on('error', reject).on('timeout', () => request.destroy(new Error('timeout')));
  });
}

describe('local sandbox commands', function () {
  this.timeout(120_000);
  let info: Info | undefined;

  after(async () => {
    await vscode.commands.executeCommand('momentoLive.sandbox.stop');
    await vscode.workspace.getConfiguration('momentoLive').update('target', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('starts the sandbox, streams through its distribution, and opens a clean live-origin.json', async () => {
    info = await vscode.commands.executeCommand<Info | undefined>('momentoLive.sandbox.start');
    assert.ok(info?.stream, 'the start command returns the running sandbox');
    assert.equal(vscode.workspace.getConfiguration('momentoLive').get('target'), 'sandbox');

    const config = vscode.Uri.file(info.liveOriginJson);
    await waitFor('live-origin.json to open', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.path === config.path));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual(vscode.languages.getDiagnostics(config).filter((d) => d.source === 'momento-live'), []);

    const master = await waitFor('the master playlist at the edge', async () => {
      const response = await getThroughEdge(info!.cloudfront.edge, info!.stream!.domainName, '/playlist.m3u8');
      return response.status === 200 ? response : undefined;
    }, 30_000);
    assert.match(master.body, /#EXT-X-STREAM-INF/);
    assert.equal(master.cache, 'Miss from cloudfront', 'manifests are never cached');
  });

  it('stops the sandbox and everything it started', async () => {
    assert.ok(info);
    await vscode.commands.executeCommand('momentoLive.sandbox.stop');
    await assert.rejects(fetch(`${info.momento.httpEndpoint}/cache/${info.momento.namespace}/playlist.m3u8`, { headers: { authorization: info.momento.playerKey } }));
  });
});
