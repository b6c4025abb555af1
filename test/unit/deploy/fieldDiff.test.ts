import * as assert from 'node:assert/strict';
import { diffFields, HIDDEN, HIDDEN_OTHER, overlay } from '../../../src/deploy/fieldDiff';

describe('deploy field diff', () => {
  it('compares only the fields asked for, so service defaults are not drift', () => {
    assert.deepEqual(diffFields({ a: 1, b: { c: 'x' } }, { a: 1, b: { c: 'x', d: 'default' }, e: true }), []);
  });

  it('names each changed leaf by its path, array items by index', () => {
    assert.deepEqual(diffFields({ a: [{ b: 1 }, { b: 2 }], c: 'y' }, { a: [{ b: 1 }, { b: 3 }], c: 'x' }), [
      { path: 'a[1].b', from: 3, to: 2 },
      { path: 'c', from: 'x', to: 'y' },
    ]);
  });

  it('reports a list of another length as one change of the whole list', () => {
    assert.deepEqual(diffFields({ items: ['a', 'b'] }, { items: ['a'] }), [{ path: 'items', from: ['a'], to: ['a', 'b'] }]);
  });

  it('treats an empty list and a missing one alike', () => {
    assert.deepEqual(diffFields({ items: [] }, {}), []);
  });

  it('hides secret values while still comparing them', () => {
    const secretPaths = /\.HeaderValue$/;
    assert.deepEqual(diffFields({ h: { HeaderValue: 'new' } }, { h: { HeaderValue: 'old' } }, { secretPaths }), [{ path: 'h.HeaderValue', from: HIDDEN_OTHER, to: HIDDEN }]);
    assert.deepEqual(diffFields({ h: { HeaderValue: 'same' } }, { h: { HeaderValue: 'same' } }, { secretPaths }), []);
  });

  it('overlays the asked-for fields on what the service holds, keeping the rest', () => {
    assert.deepEqual(overlay({ a: 1, b: { c: 1, d: 2 }, e: [1, 2] }, { b: { c: 5 }, e: [3] }), { a: 1, b: { c: 5, d: 2 }, e: [3] });
  });
});
