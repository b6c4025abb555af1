// The explorer against the local sandbox, in the real extension host: each view lists what the
// sandbox holds through the real SDKs, links resources, audits them with the editor's codes,
// starts and stops a channel, pages, and turns a failing service into an error node with Retry.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CreateDistributionCommand, CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CreateChannelCommand, CreateInputCommand, MediaLiveClient } from '@aws-sdk/client-medialive';
import * as vscode from 'vscode';
import type { LiveOriginConfig } from '../../../src/config/model';
import { createChannelRequest } from '../../../src/deploy/channelRequest';
import { distributionConfig } from '../../../src/deploy/distributionConfig';
import type { ExtensionApi } from '../../../src/extension/extension';
import type { ExplorerNode } from '../../../src/extension/tree/nodes';
import type { PagedView } from '../../../src/extension/tree/pagedView';
import { adminTargets, clearFaults, injectFault } from '../../../src/sandbox/aws/adminClient';
import { startMomentoSandbox } from '../../../src/sandbox/momento';
import { waitFor } from './wait';

interface Info {
  momento: { namespace: string; playerKey: string; apiKey: string };
  medialive: { endpoint: string; region: string };
  cloudfront: { endpoint: string; edge: string };
  ssm: { endpoint: string };
  aws: { accessKeyId: string; secretAccessKey: string };
  liveOriginJson: string;
  stream?: { channelId: string; distributionId: string };
}

interface Row { node: ExplorerNode; label: string; description: string; contextValue?: string }

function row(node: ExplorerNode): Row {
  const item = node.treeItem();
  return { node, label: typeof item.label === 'string' ? item.label : item.label?.label ?? '', description: String(item.description ?? ''), contextValue: item.contextValue };
}

async function rows(view: PagedView<unknown>, parent?: ExplorerNode): Promise<Row[]> {
  return (await view.getChildren(parent)).map(row);
}

describe('explorer views against the local sandbox', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let info: Info;
  let config: LiveOriginConfig;
  let medialive: MediaLiveClient;
  let cloudfront: CloudFrontClient;

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>('momento-live-origin.momento-live-origin')!.activate();
    info = (await vscode.commands.executeCommand<Info>('momentoLive.sandbox.start'))!;
    assert.ok(info?.stream, 'the sandbox started with its demo stream');
    config = JSON.parse(readFileSync(info.liveOriginJson, 'utf8')) as LiveOriginConfig;
    medialive = new MediaLiveClient({ region: info.medialive.region, endpoint: info.medialive.endpoint, credentials: { ...info.aws } });
    cloudfront = new CloudFrontClient({ region: 'us-east-1', endpoint: info.cloudfront.endpoint, credentials: { ...info.aws } });
  });

  after(async () => {
    medialive?.destroy();
    cloudfront?.destroy();
    await vscode.workspace.getConfiguration('momentoLive.explorer').update('pageSize', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('momentoLive.sandbox.stop');
    await vscode.workspace.getConfiguration('momentoLive').update('target', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists the namespace with its live stream, the running channel and the deployed distribution', async () => {
    api.explorer.namespaces.refresh();
    const namespaces = await rows(api.explorer.namespaces);
    const namespace = namespaces.find((r) => r.label === info.momento.namespace);
    assert.ok(namespace, `namespaces: ${JSON.stringify(namespaces.map((r) => r.label))}`);
    assert.match(namespace.description, /^live/);

    const channels = await rows(api.explorer.channels);
    const demo = channels.find((r) => r.node.id.endsWith(`/${info.stream!.channelId}`));
    assert.ok(demo, `channels: ${JSON.stringify(channels.map((r) => r.label))}`);
    assert.match(demo.description, /^RUNNING/);
    const under = await rows(api.explorer.channels, demo.node);
    assert.deepEqual(under.map((r) => r.label), [`publishes to namespace ${info.momento.namespace}`], 'a healthy channel has no finding');

    const distributions = await rows(api.explorer.distributions);
    const distribution = distributions.find((r) => r.label === info.stream!.distributionId);
    assert.ok(distribution, `distributions: ${JSON.stringify(distributions.map((r) => r.label))}`);
    assert.match(distribution.description, /Deployed/);
    assert.deepEqual((await rows(api.explorer.distributions, distribution.node)).map((r) => r.label), [`fronts namespace ${info.momento.namespace}`]);
  });

  it("marks the namespace named by the live-origin.json at a workspace folder's root, ahead of any further down", async () => {
    const namedAtRoot = 'named-at-root';
    const atRoot = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'live-origin.json');
    const isMarked = (r: Row | undefined) => String(r?.node.treeItem().description).endsWith(' · live-origin.json');
    await vscode.commands.executeCommand('momentoLive.namespace.create', namedAtRoot);
    try {
      await vscode.workspace.fs.writeFile(atRoot, new TextEncoder().encode(JSON.stringify({ ...config, momento: { ...config.momento, namespace: namedAtRoot } })));
      // The mark may follow the list (finding live-origin.json may search the workspace); rows update in place.
      const listed = await waitFor('the namespace named at the root to be marked', async () => {
        api.explorer.namespaces.refresh();
        const now = await rows(api.explorer.namespaces);
        return isMarked(now.find((r) => r.label === namedAtRoot)) ? now : undefined;
      });
      assert.ok(!isMarked(listed.find((r) => r.label === info.momento.namespace)), 'the sandbox folder\'s live-origin.json is further down');
    } finally {
      await vscode.workspace.fs.delete(atRoot);
      const created = (await rows(api.explorer.namespaces)).find((r) => r.label === namedAtRoot);
      if (created) await vscode.commands.executeCommand('momentoLive.namespace.delete', created.node, true);
    }
  });

  it('shows the finding of a channel created with a broken destination, and of a distribution without the Authorization header', async () => {
    const input = await medialive.send(new CreateInputCommand({ Name: 'explorer-test', Type: 'RTMP_PUSH', Destinations: [{ StreamName: 'explorer/test' }] }));
    const broken = { ...config, medialive: { ...config.medialive, destination: { ...config.medialive.destination, url: config.medialive.destination.url.replace('ttl_seconds', 'tts_seconds') } } };
    const request = createChannelRequest(broken, { inputId: input.Input!.Id!, requestId: 'explorer-broken' });
    const channel = await medialive.send(new CreateChannelCommand({ ...request, Name: 'broken-destination' }));
    const withoutHeader = distributionConfig(config, 'explorer-no-auth', info.momento.playerKey);
    withoutHeader.Origins!.Items![0].CustomHeaders = { Quantity: 0, Items: [] };
    const created = await cloudfront.send(new CreateDistributionCommand({ DistributionConfig: withoutHeader }));

    api.explorer.channels.refresh();
    const brokenRow = (await rows(api.explorer.channels)).find((r) => r.node.id.endsWith(`/${channel.Channel!.Id}`));
    assert.ok(brokenRow);
    const channelFindings = (await rows(api.explorer.channels, brokenRow.node)).map((r) => r.label);
    assert.ok(channelFindings.includes('destination-url-ttl-missing'), JSON.stringify(channelFindings));

    api.explorer.distributions.refresh();
    const distributionRow = (await rows(api.explorer.distributions)).find((r) => r.label === created.Distribution!.Id);
    assert.ok(distributionRow);
    const distributionFindings = (await rows(api.explorer.distributions, distributionRow.node)).map((r) => r.label);
    assert.ok(distributionFindings.includes('cloudfront-authorization-missing'), JSON.stringify(distributionFindings));
  });

  it('stops and starts a channel from the tree, following it through STOPPING and STARTING until it settles', async () => {
    const find = async () => (await rows(api.explorer.channels)).find((r) => r.node.id.endsWith(`/${info.stream!.channelId}`))!;
    const seen = new Set<string>();
    const state = async () => {
      const description = (await find()).description.split(' · ')[0];
      seen.add(description);
      return description;
    };
    await vscode.commands.executeCommand('momentoLive.channel.stop', (await find()).node, true);
    await waitFor('the channel to be IDLE', async () => ((await state()) === 'IDLE' ? true : undefined), 30_000);
    await vscode.commands.executeCommand('momentoLive.channel.start', (await find()).node);
    await waitFor('the channel to be RUNNING', async () => ((await state()) === 'RUNNING' ? true : undefined), 30_000);
    assert.ok(seen.has('STOPPING') && seen.has('STARTING'), `states seen: ${[...seen].join(', ')}`);
  });

  it('pages past the page size with a "Load more" node', async () => {
    await vscode.workspace.getConfiguration('momentoLive.explorer').update('pageSize', 1, vscode.ConfigurationTarget.Workspace);
    api.explorer.channels.refresh();
    const first = await rows(api.explorer.channels);
    assert.equal(first.length, 2, JSON.stringify(first.map((r) => r.label)));
    assert.equal(first[1].contextValue, 'momentoLive.loadMore');
    await vscode.commands.executeCommand('momentoLive.explorer.loadMore', 'momentoLive.channels');
    const second = await rows(api.explorer.channels);
    assert.deepEqual(second.filter((r) => r.contextValue !== 'momentoLive.loadMore').length, 2);
  });

  it('shows MediaLive failing (injected server errors) as an error node with Retry and Show Log, and Retry lists again', async () => {
    const medialivePlane = adminTargets(info).medialive;
    await injectFault(medialivePlane, { kind: 'server-error', operations: ['ListChannels'] });
    try {
      api.explorer.channels.refresh();
      const failed = await rows(api.explorer.channels);
      assert.deepEqual(failed.map((r) => r.contextValue), ['momentoLive.error'], JSON.stringify(failed.map((r) => r.label)));
      assert.match(failed[0].label, /InternalServerError|500|server/i);
      assert.doesNotMatch(failed[0].label, /\n\s+at /, 'no stack trace');
      const retry = failed[0].node.treeItem().command!;
      assert.equal(retry.command, 'momentoLive.explorer.refresh');
      const menus = vscode.extensions.getExtension('momento-live-origin.momento-live-origin')!.packageJSON.contributes.menus['view/item/context'] as { command: string; when: string }[];
      const inline = menus.filter((menu) => menu.when === `viewItem == ${failed[0].contextValue}`).map((menu) => menu.command);
      assert.deepEqual(inline.sort(), ['momentoLive.explorer.refresh', 'momentoLive.explorer.showLog']);

      await clearFaults(medialivePlane);
      await vscode.commands.executeCommand(retry.command, ...(retry.arguments ?? []));
      const listed = await rows(api.explorer.channels);
      assert.ok(listed.some((r) => r.node.id.endsWith(`/${info.stream!.channelId}`)), JSON.stringify(listed.map((r) => r.label)));
    } finally {
      await clearFaults(medialivePlane);
    }
  });

  it('shows a refused account key as an error node, Retry recovers, a missing key offers Set Account Key, and the log holds no key', async () => {
    // A well-formed key from another sandbox run: this sandbox refuses it (AUTHENTICATION_ERROR).
    const elsewhere = await startMomentoSandbox();
    const foreignKey = elsewhere.adminKey;
    await elsewhere.close();
    try {
      await vscode.commands.executeCommand('momentoLive.keys.setAccount', { key: foreignKey });
      api.explorer.namespaces.refresh();
      const refused = await rows(api.explorer.namespaces);
      assert.equal(refused.length, 1, JSON.stringify(refused.map((r) => r.label)));
      assert.equal(refused[0].contextValue, 'momentoLive.error');
      assert.match(refused[0].label, /refused the account key/);

      await vscode.commands.executeCommand('momentoLive.keys.setAccount', { key: info.momento.apiKey });
      const retry = refused[0].node.treeItem().command!;
      await vscode.commands.executeCommand(retry.command, ...(retry.arguments ?? []));
      assert.ok((await rows(api.explorer.namespaces)).some((r) => r.label === info.momento.namespace));

      await vscode.commands.executeCommand('momentoLive.keys.forgetAccount', { confirmed: true });
      api.explorer.namespaces.refresh();
      const missing = await rows(api.explorer.namespaces);
      assert.deepEqual(missing.map((r) => [r.contextValue, r.node.treeItem().command?.command]), [['momentoLive.missingKey', 'momentoLive.keys.setAccount']]);
    } finally {
      await vscode.commands.executeCommand('momentoLive.keys.setAccount', { key: info.momento.apiKey });
    }
    const logs = readdirSync(api.logUri.fsPath).filter((name) => name.endsWith('.log')).map((name) => readFileSync(path.join(api.logUri.fsPath, name), 'utf8')).join('\n');
    assert.match(logs, /refused the account key/, 'the failure was logged');
    for (const key of [foreignKey, info.momento.apiKey, info.momento.playerKey, info.aws.secretAccessKey]) assert.ok(!logs.includes(key), 'a key reached the log');
  });

  it('offers to start the sandbox when none runs, and lists again once it does', async () => {
    await vscode.workspace.getConfiguration('momentoLive.explorer').update('pageSize', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('momentoLive.sandbox.stop');
    const stopped = await rows(api.explorer.channels);
    assert.equal(stopped.length, 1, JSON.stringify(stopped.map((r) => r.label)));
    assert.match(stopped[0].label, /No local sandbox is running/);
    const action = stopped[0].node.treeItem().command!;
    assert.equal(action.command, 'momentoLive.sandbox.start');
    info = (await vscode.commands.executeCommand<Info>(action.command))!;
    const listed = await rows(api.explorer.channels);
    assert.ok(listed.some((r) => r.node.id.endsWith(`/${info.stream!.channelId}`)), JSON.stringify(listed.map((r) => r.label)));
  });
});

describe('explorer views against AWS with an expired SSO session', function () {
  this.timeout(60_000);
  const home = process.env.HOME!;

  before(async () => {
    // The extension host's HOME is the test run's own folder: a profile whose SSO login never happened.
    mkdirSync(path.join(home, '.aws'), { recursive: true });
    writeFileSync(path.join(home, '.aws', 'config'), [
      '[profile team-sso]', 'sso_session = corp', 'sso_account_id = 123456789012', 'sso_role_name = Admin', 'region = us-west-2',
      '[sso-session corp]', 'sso_start_url = https://corp.example/start', 'sso_region = us-east-1', '',
    ].join('\n'));
    const settings = vscode.workspace.getConfiguration('momentoLive');
    await settings.update('target', 'aws', vscode.ConfigurationTarget.Workspace);
    await settings.update('aws.profile', 'team-sso', vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    const settings = vscode.workspace.getConfiguration('momentoLive');
    await settings.update('aws.profile', undefined, vscode.ConfigurationTarget.Workspace);
    await settings.update('target', undefined, vscode.ConfigurationTarget.Workspace);
    rmSync(path.join(home, '.aws'), { recursive: true, force: true });
  });

  it('shows an error node that names aws sso login and runs it when clicked', async () => {
    const api = await vscode.extensions.getExtension<ExtensionApi>('momento-live-origin.momento-live-origin')!.activate();
    api.explorer.channels.refresh();
    const failed = await rows(api.explorer.channels);
    assert.equal(failed.length, 1, JSON.stringify(failed.map((r) => r.label)));
    assert.equal(failed[0].contextValue, 'momentoLive.error');
    assert.match(failed[0].label, /aws sso login --profile team-sso/);
    assert.deepEqual(failed[0].node.treeItem().command?.arguments, ['aws sso login --profile team-sso']);
    assert.equal(failed[0].node.treeItem().command?.command, 'momentoLive.aws.signIn');
  });
});
