import * as assert from 'node:assert/strict';
import { applyPlan } from '../../../src/deploy/apply';
import { desiredState, NAMESPACE_TAG, type DeployKeys } from '../../../src/deploy/desired';
import { HIDDEN, HIDDEN_OTHER } from '../../../src/deploy/fieldDiff';
import { makePlan } from '../../../src/deploy/observe';
import { hasChanges } from '../../../src/deploy/plan';
import { planJson, planText } from '../../../src/deploy/planText';
import { fakeKey, guideConfig } from '../config/helpers';
import { MemoryServices } from './memoryServices';

const keys: DeployKeys = { encoderKey: `${fakeKey()}enc`, playerKey: `${fakeKey()}play` };
const confirmNo = { confirmStop: async () => false, pollMs: 1 };

async function applied(config = guideConfig()) {
  const services = new MemoryServices();
  const plan = await makePlan(desiredState(config, keys), services);
  const report = await applyPlan(plan, services, confirmNo);
  assert.deepEqual(report.steps.map((step) => step.status), ['done', 'done', 'done', 'done', 'done']);
  services.calls.length = 0;
  return services;
}

describe('deploy plan', () => {
  it('plans every resource, in dependency order, as a create on an empty account', async () => {
    const plan = await makePlan(desiredState(guideConfig(), keys), new MemoryServices());
    assert.deepEqual(plan.changes.map((change) => `${change.service}/${change.resource}:${change.action}`), [
      'momento/namespace:create', 'ssm/parameter:create', 'medialive/input:create', 'medialive/channel:create', 'cloudfront/distribution:create',
    ]);
    assert.ok(hasChanges(plan));
  });

  it('has no changes right after an apply, and the second apply makes no mutating call', async () => {
    const services = await applied();
    const plan = await makePlan(desiredState(guideConfig(), keys), services);
    assert.deepEqual(plan.changes.map((change) => change.action), ['no-change', 'no-change', 'no-change', 'no-change', 'no-change']);
    const report = await applyPlan(plan, services, confirmNo);
    assert.ok(report.steps.every((step) => step.status === 'unchanged'));
    assert.deepEqual(services.calls, []);
  });

  it('shows a distribution changed behind its back as an update of exactly the changed fields', async () => {
    const services = await applied();
    const distribution = services.distributionList[0];
    distribution.config.Origins!.Items![0].OriginPath = '/cache/somewhere-else';
    distribution.config.DefaultCacheBehavior!.ViewerProtocolPolicy = 'allow-all';
    const change = (await makePlan(desiredState(guideConfig(), keys), services)).changes.find((candidate) => candidate.resource === 'distribution')!;
    assert.equal(change.action, 'update');
    assert.deepEqual(change.fields, [
      { path: 'Origins.Items[0].OriginPath', from: '/cache/somewhere-else', to: '/cache/live-origin' },
      { path: 'DefaultCacheBehavior.ViewerProtocolPolicy', from: 'allow-all', to: 'redirect-to-https' },
    ]);
  });
  it('shows a channel changed behind its back as an update of the changed fields, and tags it lost', async () => {
    const services = await applied();
    const channel = services.channelList[0];
    const hls = services.hlsSettings();
    hls.SegmentLength = 6;
    delete hls.ProgramDateTime;
    channel.tags = {};
    const change = (await makePlan(desiredState(guideConfig(), keys), services)).changes.find((candidate) => candidate.resource === 'channel')!;
    assert.equal(change.action, 'update');
    const prefix = 'EncoderSettings.OutputGroups[0].OutputGroupSettings.HlsGroupSettings';
    assert.deepEqual(change.fields, [
      { path: `${prefix}.SegmentLength`, from: 6, to: 2 },
      { path: `${prefix}.ProgramDateTime`, from: undefined, to: 'INCLUDE' },
      { path: `Tags.${NAMESPACE_TAG}`, from: undefined, to: 'live-origin' },
    ]);
  });

  it('compares the encoder key in SSM and the player key in the Authorization header without printing either', async () => {
    const services = await applied();
    const replaced = { encoderKey: `${fakeKey()}new-encoder`, playerKey: `${fakeKey()}new-player` };
    const plan = await makePlan(desiredState(guideConfig(), replaced), services);
    const parameter = plan.changes.find((change) => change.resource === 'parameter')!;
    assert.deepEqual(parameter.fields, [{ path: 'Value', from: HIDDEN_OTHER, to: HIDDEN }]);
    const distribution = plan.changes.find((change) => change.resource === 'distribution')!;
    assert.deepEqual(distribution.fields, [{ path: 'Origins.Items[0].CustomHeaders.Items[0].HeaderValue', from: HIDDEN_OTHER, to: HIDDEN }]);
    const printed = planText(plan.changes, 'test') + JSON.stringify(planJson(plan.changes));
    for (const key of [...Object.values(keys), ...Object.values(replaced)]) assert.ok(!printed.includes(key), 'a key reached the plan text');
  });

  it('hides the encoder key of a token-in-url destination', async () => {
    const config = guideConfig({ publishMode: 'token-in-url' });
    const plan = await makePlan(desiredState(config, keys), new MemoryServices());
    assert.equal(plan.changes.some((change) => change.resource === 'parameter'), false, 'no SSM parameter in token-in-url mode');
    const printed = planText(plan.changes, 'test') + JSON.stringify(planJson(plan.changes));
    assert.ok(!printed.includes(keys.encoderKey));
  });

  it('marks a channel class change as a replace that apply leaves to a person', async () => {
    const services = await applied();
    services.channelList[0].request.ChannelClass = 'STANDARD';
    const plan = await makePlan(desiredState(guideConfig(), keys), services);
    const change = plan.changes.find((candidate) => candidate.resource === 'channel')!;
    assert.equal(change.action, 'replace');
    const report = await applyPlan(plan, services, confirmNo);
    assert.equal(report.steps.find((step) => step.change.resource === 'channel')!.status, 'pending');
    assert.deepEqual(services.calls, []);
  });

  it('adopts a hand-made distribution that fronts the namespace, adding the tag, rather than creating a twin', async () => {
    const services = await applied();
    services.distributionList[0].tags = {};
    const plan = await makePlan(desiredState(guideConfig(), keys), services);
    const change = plan.changes.find((candidate) => candidate.resource === 'distribution')!;
    assert.equal(change.action, 'update');
    assert.deepEqual(change.fields, [{ path: `Tags.${NAMESPACE_TAG}`, from: undefined, to: 'live-origin' }]);
    await applyPlan(plan, services, confirmNo);
    assert.deepEqual(services.calls, ['tagDistribution']);
    assert.equal(services.distributionList.length, 1);
  });
});
