import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LruCache } from '../src/lru-cache.js';

test('rejects a bad max', () => {
  assert.throws(() => new LruCache({ max: 0 }), RangeError);
});
test('evicts the least recently used entry', () => {
  const c = new LruCache({ max: 2 });
  c.set('a', 1).set('b', 2);
  assert.equal(c.get('a'), 1);
  c.set('c', 3);
  assert.equal(c.get('b'), undefined);
  assert.deepEqual(c.keys(), ['a', 'c']);
});
test('has does not change recency', () => {
  const c = new LruCache({ max: 2 });
  c.set('a', 1).set('b', 2);
  assert.equal(c.has('a'), true);
  c.set('c', 3);
  assert.equal(c.has('a'), false);
});
test('entries expire after ttlMs', () => {
  let t = 1000;
  const c = new LruCache({ max: 5, ttlMs: 100, now: () => t });
  c.set('a', 1);
  t = 1099;
  assert.equal(c.get('a'), 1);
  t = 1100;
  assert.equal(c.get('a'), undefined);
  assert.equal(c.size, 0);
});
test('set resets the expiry', () => {
  let t = 0;
  const c = new LruCache({ max: 5, ttlMs: 100, now: () => t });
  c.set('a', 1);
  t = 90;
  c.set('a', 2);
  t = 150;
  assert.equal(c.get('a'), 2);
  assert.equal(c.size, 1);
});
test('delete reports whether it removed', () => {
  const c = new LruCache({ max: 2 });
  c.set('a', 1);
  assert.equal(c.delete('a'), true);
  assert.equal(c.delete('a'), false);
});
