import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deepMerge } from '../src/deep-merge.js';

test('merges nested objects without mutating inputs', () => {
  const a = { x: 1, n: { p: 1, q: 2 } };
  const b = { y: 2, n: { q: 3, r: 4 } };
  const out = deepMerge(a, b);
  assert.deepEqual(out, { x: 1, y: 2, n: { p: 1, q: 3, r: 4 } });
  assert.deepEqual(a, { x: 1, n: { p: 1, q: 2 } });
  out.n.p = 99;
  assert.equal(a.n.p, 1);
});
test('source wins for non-plain values; undefined keeps target', () => {
  const d = new Date(0);
  assert.deepEqual(deepMerge({ a: { b: 1 }, c: 1 }, { a: null, c: undefined }), { a: null, c: 1 });
  assert.equal(deepMerge({ a: 1 }, { a: d }).a, d);
});
test('arrays: replace (default) and concat', () => {
  assert.deepEqual(deepMerge({ a: [1, 2] }, { a: [3] }), { a: [3] });
  assert.deepEqual(deepMerge({ a: [1, 2] }, { a: [2, 3] }, { arrays: 'concat' }), { a: [1, 2, 2, 3] });
});
test('arrays: union and byIndex', () => {
  assert.deepEqual(deepMerge({ a: [1, 2] }, { a: [2, 3, 1] }, { arrays: 'union' }), { a: [1, 2, 3] });
  assert.deepEqual(deepMerge([{ x: 1 }, { y: 1 }, 5], [{ z: 2 }], { arrays: 'byIndex' }), [{ x: 1, z: 2 }, { y: 1 }, 5]);
});
test('unknown policy throws', () => {
  assert.throws(() => deepMerge({}, {}, { arrays: 'zip' }), TypeError);
});
test('ignores prototype-polluting keys', () => {
  const evil = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"bad": 1}}, "ok": 1}');
  const out = deepMerge({}, evil);
  assert.deepEqual(Object.keys(out), ['ok']);
  assert.equal({}.polluted, undefined);
  assert.equal(out.polluted, undefined);
});
