import * as assert from 'node:assert/strict';
import { applyPlan } from '../../../src/deploy/apply';
import { desiredState, type DeployKeys } from '../../../src/deploy/desired';
import { makePlan } from '../../../src/deploy/observe';
import { reportText } from '../../../src/deploy/planText';
import { fakeKey, guideConfig } from '../config/helpers';
import { MemoryServices } from './memoryServices';

const keys: DeployKeys = { encoderKey: `${fakeKey()}enc`, playerKey: `${fakeKey()}play` };

async function planOn(services: MemoryServices, config = guideConfig()) {
  return makePlan(desiredState(config, keys), services);
}

describe('deploy apply', () => {
  it('creates in dependency order and attaches the channel to the input it created', async () => {
    const services = new MemoryServices();
    await applyPlan(await planOn(services), services, { confirmStop: async () => false, pollMs: 1 });
    assert.deepEqual(services.calls, ['createNamespace', 'putParameter', 'createInput', 'createChannel', 'createDistribution']);
    const attachment = services.channelList[0].request.InputAttachments![0];
    assert.equal(attachment.InputId, services.inputList[0].id);
  });

  it('stops at a failed step, reports what exists and what does not, and a second apply completes without duplicates', async () => {
    const services = new MemoryServices();
    services.fail.push('createChannel');
    const first = await applyPlan(await planOn(services), services, { confirmStop: async () => false, pollMs: 1 });
    assert.deepEqual(first.steps.map((step) => step.status), ['done', 'done', 'done', 'failed', 'not-attempted']);
    const text = reportText(first);
    assert.match(text, /Exists now: namespace live-origin, parameter \/live-origin\/momento-encoder-key, input live-origin-input\./);
    assert.match(text, /Does not exist yet: channel live-origin-channel, distribution .*\./);
    const second = await applyPlan(await planOn(services), services, { confirmStop: async () => false, pollMs: 1 });
    assert.deepEqual(second.steps.map((step) => step.status), ['unchanged', 'unchanged', 'unchanged', 'done', 'done']);
    assert.equal(services.inputList.length, 1);
    assert.equal(services.channelList.length, 1);
    assert.equal(services.distributionList.length, 1);
  });

  it('does not stop a running channel without confirmation, and stops, updates and restarts it with one', async () => {
    const services = new MemoryServices();
    await applyPlan(await planOn(services), services, { confirmStop: async () => false, pollMs: 1 });
    services.channelList[0].state = 'RUNNING';
    const changed = guideConfig();
    changed.stream.segmentLengthSeconds = 4;
    services.calls.length = 0;
    const asked: string[] = [];
    const declined = await applyPlan(await planOn(services, changed), services, {
      confirmStop: async (name, state) => { asked.push(`${name} ${state}`); return false; },
      pollMs: 1,
    });
    assert.deepEqual(asked, ['live-origin-channel RUNNING']);
    assert.equal(declined.steps.find((step) => step.change.resource === 'channel')!.status, 'pending');
    assert.ok(!services.calls.includes('stopChannel') && !services.calls.includes('updateChannel'));

    const confirmed = await applyPlan(await planOn(services, changed), services, { confirmStop: async () => true, pollMs: 1 });
    assert.equal(confirmed.steps.find((step) => step.change.resource === 'channel')!.status, 'done');
    assert.deepEqual(services.calls.filter((call) => call.endsWith('Channel')), ['stopChannel', 'updateChannel', 'startChannel']);
    assert.equal(services.channelList[0].state, 'RUNNING');
    assert.equal(services.hlsSettings().SegmentLength, 4);
  });

  it('stops between steps when cancelled', async () => {
    const services = new MemoryServices();
    let steps = 0;
    const report = await applyPlan(await planOn(services), services, {
      confirmStop: async () => false, pollMs: 1, onStep: () => { steps++; }, isCancelled: () => steps >= 2,
    });
    assert.deepEqual(report.steps.map((step) => step.status), ['done', 'done', 'cancelled', 'cancelled', 'cancelled']);
    assert.deepEqual(services.calls, ['createNamespace', 'putParameter']);
  });

  it('updates a distribution whose ETag went stale after the plan read it, from a fresh read', async () => {
    const services = new MemoryServices();
    await applyPlan(await planOn(services), services, { confirmStop: async () => false, pollMs: 1 });
    services.distributionList[0].config.DefaultCacheBehavior!.ViewerProtocolPolicy = 'allow-all';
    const plan = await planOn(services);
    // Someone else updates it between plan and apply: the ETag the plan holds is stale.
    services.distributionList[0].etag++;
    services.distributionList[0].config.Comment = 'edited elsewhere';
    services.calls.length = 0;
    const report = await applyPlan(plan, services, { confirmStop: async () => false, pollMs: 1 });
    assert.equal(report.steps.find((step) => step.change.resource === 'distribution')!.status, 'done');
    assert.deepEqual(services.calls, ['updateDistribution', 'updateDistribution']);
    assert.equal(services.distributionList[0].config.DefaultCacheBehavior!.ViewerProtocolPolicy, 'redirect-to-https');
  });

  it('keeps keys out of a failed step\'s message', async () => {
    const services = new MemoryServices();
    services.createNamespace = async () => { throw new Error(`refused key ${keys.encoderKey}`); };
    const report = await applyPlan(await planOn(services), services, { confirmStop: async () => false, pollMs: 1 });
    assert.equal(report.steps[0].status, 'failed');
    assert.ok(!reportText(report).includes(keys.encoderKey));
  });
});
