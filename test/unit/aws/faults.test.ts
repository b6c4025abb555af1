import assert from 'node:assert/strict';
import { AwsFaultEngine, FaultSpecError } from '../../../src/sandbox/aws/faults';
import { PlaneControls } from '../../../src/sandbox/aws/planeControls';

const SCOPE = { service: 'CloudFront', operations: ['GetDistribution', 'UpdateDistribution'], etagOperations: ['UpdateDistribution'] };

describe('AWS fault engine', () => {
  it('applies a rule to the matching operations only, as many times as its count', () => {
    const engine = new AwsFaultEngine(SCOPE);
    const rule = engine.inject({ kind: 'throttle', operations: ['UpdateDistribution'], count: 2 });
    assert.deepEqual(engine.decide('GetDistribution'), { error: undefined, delayMs: 0 });
    assert.equal(engine.decide('UpdateDistribution').error, 'throttle');
    assert.equal(engine.decide('UpdateDistribution').error, 'throttle');
    assert.equal(engine.decide('UpdateDistribution').error, undefined);
    assert.equal(rule.applied, 2);
    assert.deepEqual(engine.rules(), [rule], 'a used-up rule stays listed with its count');
  });

  it('answers the oldest matching error and leaves the next rule\'s count untouched; delays add to it', () => {
    const engine = new AwsFaultEngine(SCOPE);
    const first = engine.inject({ kind: 'server-error', count: 1 });
    const second = engine.inject({ kind: 'stale-etag', count: 1 });
    const slow = engine.inject({ kind: 'delay', delayMs: 30 });
    const slower = engine.inject({ kind: 'delay', delayMs: 50, operations: ['UpdateDistribution'] });
    assert.deepEqual(engine.decide('UpdateDistribution'), { error: 'server-error', delayMs: 50 });
    assert.deepEqual(engine.decide('UpdateDistribution'), { error: 'stale-etag', delayMs: 50 });
    assert.deepEqual(engine.decide('GetDistribution'), { error: undefined, delayMs: 30 });
    assert.deepEqual([first.applied, second.applied, slow.applied, slower.applied], [1, 1, 3, 2]);
  });

  it('stops applying a removed rule, and clear() removes them all', () => {
    const engine = new AwsFaultEngine(SCOPE);
    const removed = engine.inject({ kind: 'throttle' });
    const kept = engine.inject({ kind: 'server-error' });
    removed.remove();
    assert.equal(engine.decide('GetDistribution').error, 'server-error');
    assert.deepEqual(engine.rules(), [kept]);
    engine.clear();
    assert.deepEqual(engine.decide('GetDistribution'), { error: undefined, delayMs: 0 });
  });

  it('keeps a copy of the spec, with stale-etag aimed at the If-Match operations by default', () => {
    const engine = new AwsFaultEngine(SCOPE);
    const operations = ['GetDistribution'];
    const rule = engine.inject({ kind: 'throttle', operations });
    operations.push('UpdateDistribution');
    assert.equal(engine.decide('UpdateDistribution').error, undefined);
    assert.deepEqual(rule.spec.operations, ['GetDistribution']);
    assert.deepEqual(engine.inject({ kind: 'stale-etag' }).spec.operations, ['UpdateDistribution']);
    assert.throws(() => new AwsFaultEngine({ service: 'SSM', operations: ['GetParameter'] }).inject({ kind: 'stale-etag' }), FaultSpecError);
  });

  it('releases a sleeping request when disposed, and the plane answers it with an error instead of serving it', async () => {
    const controls = new PlaneControls('SSM', { GetParameter: 'read' });
    controls.faults.inject({ kind: 'delay', delayMs: 60_000 });
    const started = Date.now();
    const gate = controls.gate('GetParameter');
    controls.dispose();
    assert.equal(await gate, 'server-error');
    assert.ok(Date.now() - started < 1000);
    assert.deepEqual(controls.faults.rules(), []);
  });

  it('counts every gated request by kind, sorted by operation, until reset', async () => {
    const controls = new PlaneControls('MediaLive', { ListChannels: 'read', CreateChannel: 'mutating', DescribeChannel: 'read' });
    controls.faults.inject({ kind: 'throttle', operations: ['CreateChannel'] });
    for (const operation of ['ListChannels', 'CreateChannel', 'DescribeChannel', 'ListChannels']) await controls.gate(operation);
    const counts = controls.requests();
    assert.deepEqual(counts.mutating, { total: 1, byOperation: { CreateChannel: 1 } }, 'a faulted request still counts');
    assert.deepEqual(counts.read, { total: 3, byOperation: { DescribeChannel: 1, ListChannels: 2 } });
    assert.deepEqual(Object.keys(counts.read.byOperation), ['DescribeChannel', 'ListChannels']);
    controls.resetRequests();
    const reset = controls.requests();
    assert.deepEqual([reset.mutating.total, reset.read.total], [0, 0]);
    assert.ok(Date.parse(reset.since) >= Date.parse(counts.since));
  });
});
