// Plan and apply in the real extension host against the local sandbox, through the real SDKs:
// plan lists every resource, apply creates them and the explorer links them, a second apply makes
// zero mutating requests, faults then a second apply end with no duplicates, and a running channel
// is not stopped without confirmation.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DescribeChannelCommand, ListChannelsCommand, ListInputsCommand, MediaLiveClient } from '@aws-sdk/client-medialive';
import * as vscode from 'vscode';
import type { LiveOriginConfig } from '../../../src/config/model';
import type { ExtensionApi } from '../../../src/extension/extension';
import type { ExplorerNode } from '../../../src/extension/tree/nodes';
import { adminTargets, clearFaults, injectFault, requestCounts, resetRequestCounts } from '../../../src/sandbox/aws/adminClient';
import { waitFor } from './wait';

interface Info {
  momento: { namespace: string };
  medialive: { endpoint: string; region: string };
  cloudfront: { endpoint: string; edge: string };
  ssm: { endpoint: string };
  aws: { accessKeyId: string; secretAccessKey: string };
  liveOriginJson: string;
  stream?: { channelId: string };
}

interface PlanResult { changes: { service: string; resource: string; name: string; action: string; fields: { path: string }[] }[] }
interface ApplyResult { plan: PlanResult; report: { steps: { resource: string; status: string; id?: string; message?: string }[] } }

function label(node: ExplorerNode): string {
  const item = node.treeItem();
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

describe('plan and apply live-origin.json against the local sandbox', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  let info: Info;
  let sandboxConfig: LiveOriginConfig;
  let medialive: MediaLiveClient;
  let planes: ReturnType<typeof adminTargets>;
  const folder = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'deploy-it');

  /** The sandbox's live-origin.json moved to another namespace, written where the commands read it. */
  function writeConfig(name: string, edit: (config: LiveOriginConfig) => LiveOriginConfig): vscode.Uri {
    const config = edit(JSON.parse(JSON.stringify(sandboxConfig)) as LiveOriginConfig);
    const file = path.join(folder, name, 'live-origin.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(config, null, 2));
    return vscode.Uri.file(file);
  }

  function moved(namespace: string) {
    return (config: LiveOriginConfig): LiveOriginConfig => {
      const from = config.momento.namespace;
      const text = JSON.stringify(config).split(`/${from}/`).join(`/${namespace}/`).split(`/cache/${from}`).join(`/cache/${namespace}`);
      const result = JSON.parse(text) as LiveOriginConfig;
      result.momento.namespace = namespace;
      result.momento.keys = config.momento.keys;
      result.medialive.channelName = `${namespace}-channel`;
      result.medialive.input.name = `${namespace}-input`;
      return result;
    };
  }

  const plan = async (file: vscode.Uri) => (await vscode.commands.executeCommand<PlanResult>('momentoLive.plan', { file }))!;
  const apply = async (file: vscode.Uri, extra: Record<string, unknown> = {}) =>
    (await vscode.commands.executeCommand<ApplyResult>('momentoLive.apply', { file, yes: true, ...extra }))!;
  const mutatingTotal = async () => {
    const counts = await Promise.all(Object.values(planes).map((plane) => requestCounts(plane)));
    return { total: counts.reduce((sum, count) => sum + count.mutating.total, 0), byOperation: counts.map((count) => count.mutating.byOperation) };
  };

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>('momento-live-origin.momento-live-origin')!.activate();
    info = (await vscode.commands.executeCommand<Info>('momentoLive.sandbox.start'))!;
    assert.ok(info?.stream, 'the sandbox started with its demo stream');
    await vscode.workspace.getConfiguration('momentoLive').update('target', 'sandbox', vscode.ConfigurationTarget.Workspace);
    sandboxConfig = JSON.parse(readFileSync(info.liveOriginJson, 'utf8')) as LiveOriginConfig;
    medialive = new MediaLiveClient({ region: info.medialive.region, endpoint: info.medialive.endpoint, credentials: { ...info.aws } });
    planes = adminTargets(info);
  });

  after(async () => {
    medialive?.destroy();
    await vscode.commands.executeCommand('momentoLive.sandbox.stop');
    await vscode.workspace.getConfiguration('momentoLive').update('target', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder, { recursive: true, force: true });
  });

  it('finds the demo stream\'s resources as its own: the sandbox\'s live-origin.json plans no changes', async () => {
    const result = await plan(vscode.Uri.file(info.liveOriginJson));
    assert.deepEqual(result.changes.map((change) => `${change.resource}:${change.action}`),
      ['namespace:no-change', 'parameter:no-change', 'input:no-change', 'channel:no-change', 'distribution:no-change']);
  });

  it('plans every resource on an empty namespace, shown in a document before anything changes', async () => {
    const file = writeConfig('clean', moved('deploy-it-clean'));
    const result = await plan(file);
    assert.deepEqual(result.changes.map((change) => `${change.service}/${change.resource}:${change.action}`), [
      'momento/namespace:create', 'ssm/parameter:create', 'medialive/input:create', 'medialive/channel:create', 'cloudfront/distribution:create',
    ]);
    const shown = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.scheme === 'live-origin-plan');
    assert.ok(shown, 'the plan is open beside the editor');
    assert.match(shown.document.getText(), /\+ +medialive channel deploy-it-clean-channel: create/);
    const channels = (await medialive.send(new ListChannelsCommand({}))).Channels ?? [];
    assert.ok(!channels.some((channel) => channel.Name === 'deploy-it-clean-channel'), 'planning created nothing');
  });

  it('applies it, the explorer links what it made, and a second apply makes zero mutating requests', async () => {
    const file = writeConfig('clean', moved('deploy-it-clean'));
    const first = await apply(file);
    assert.deepEqual(first.report.steps.map((step) => step.status), ['done', 'done', 'done', 'done', 'done'], JSON.stringify(first.report));
    const channelId = first.report.steps[3].id!;
    const distributionId = first.report.steps[4].id!;

    api.explorer.channels.refresh();
    const channelNode = await waitFor('the new channel in the explorer', async () =>
      (await api.explorer.channels.getChildren()).find((node) => node.id.endsWith(`/${channelId}`)));
    assert.deepEqual((await api.explorer.channels.getChildren(channelNode)).map(label), ['publishes to namespace deploy-it-clean']);
    api.explorer.distributions.refresh();
    const distributionNode = await waitFor('the new distribution in the explorer', async () =>
      (await api.explorer.distributions.getChildren()).find((node) => label(node) === distributionId));
    assert.deepEqual((await api.explorer.distributions.getChildren(distributionNode)).map(label), ['fronts namespace deploy-it-clean']);
    api.explorer.namespaces.refresh();
    await waitFor('the new namespace in the explorer', async () =>
      (await api.explorer.namespaces.getChildren()).find((node) => label(node) === 'deploy-it-clean'));

    await Promise.all(Object.values(planes).map((plane) => resetRequestCounts(plane)));
    const second = await apply(file);
    assert.ok(second.plan.changes.every((change) => change.action === 'no-change'), JSON.stringify(second.plan));
    assert.deepEqual(second.report.steps, []);
    const counts = await mutatingTotal();
    assert.equal(counts.total, 0, `mutating requests: ${JSON.stringify(counts.byOperation)}`);
  });

  it('applies under injected faults, and a second apply ends like a clean one with no duplicates', async () => {
    const file = writeConfig('faults', moved('deploy-it-faults'));
    await injectFault(planes.medialive, { kind: 'server-error', operations: ['CreateChannel'], count: 5 });
    await injectFault(planes.cloudfront, { kind: 'throttle', operations: ['CreateDistributionWithTags'], count: 1 });
    try {
      const broken = await apply(file);
      assert.deepEqual(broken.report.steps.map((step) => step.status), ['done', 'done', 'done', 'failed', 'not-attempted'], JSON.stringify(broken.report));
      const healed = await apply(file);
      assert.deepEqual(healed.report.steps.map((step) => step.status), ['unchanged', 'unchanged', 'unchanged', 'done', 'done'], JSON.stringify(healed.report));
    } finally {
      await Promise.all(Object.values(planes).map((plane) => clearFaults(plane)));
    }
    const inputs = ((await medialive.send(new ListInputsCommand({}))).Inputs ?? []).filter((input) => input.Name === 'deploy-it-faults-input');
    const channels = ((await medialive.send(new ListChannelsCommand({}))).Channels ?? []).filter((channel) => channel.Name === 'deploy-it-faults-channel');
    assert.equal(inputs.length, 1);
    assert.equal(channels.length, 1);
    assert.ok((await plan(file)).changes.every((change) => change.action === 'no-change'));
  });

  it('does not stop the running channel for an update without confirmation', async () => {
    const file = writeConfig('running', (config) => {
      config.stream.ladder[config.stream.ladder.length - 1].bitrateKbps += 50;
      return config;
    });
    const planned = await plan(file);
    const channel = planned.changes.find((change) => change.resource === 'channel')!;
    assert.equal(channel.action, 'update');
    assert.ok(channel.fields.some((field) => /Bitrate/.test(field.path)), JSON.stringify(channel.fields));
    await Promise.all(Object.values(planes).map((plane) => resetRequestCounts(plane)));
    const declined = await apply(file, { stopRunning: false });
    assert.equal(declined.report.steps.find((step) => step.resource === 'channel')!.status, 'pending');
    const counts = await mutatingTotal();
    assert.equal(counts.total, 0, `mutating requests: ${JSON.stringify(counts.byOperation)}`);
    const state = (await medialive.send(new DescribeChannelCommand({ ChannelId: info.stream!.channelId }))).State;
    assert.equal(state, 'RUNNING');
  });

  it('declares apply unavailable in untrusted workspaces', () => {
    // VS Code trusts every workspace while extension tests run, so the manifest is what can be checked here.
    const manifest = vscode.extensions.getExtension('momento-live-origin.momento-live-origin')!.packageJSON as {
      contributes: { commands: { command: string; enablement?: string }[] }; capabilities: { untrustedWorkspaces: { supported: string | boolean } };
    };
    assert.equal(manifest.contributes.commands.find((command) => command.command === 'momentoLive.apply')?.enablement, 'isWorkspaceTrusted');
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });
});
