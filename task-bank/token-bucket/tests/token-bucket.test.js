import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket } from '../src/token-bucket.js';

const clock = () => {
  const c = { t: 0 };
  c.now = () => c.t;
  return c;
};

test('validates options', () => {
  assert.throws(() => new TokenBucket({ capacity: 0, refillPerSecond: 1 }), RangeError);
  assert.throws(() => new TokenBucket({ capacity: 1, refillPerSecond: -1 }), RangeError);
});
test('starts full and runs dry', () => {
  const c = clock();
  const b = new TokenBucket({ capacity: 2, refillPerSecond: 1, now: c.now });
  assert.equal(b.tryTake(), true);
  assert.equal(b.tryTake(), true);
  assert.equal(b.tryTake(), false);
});
test('refills continuously up to capacity', () => {
  const c = clock();
  const b = new TokenBucket({ capacity: 4, refillPerSecond: 2, now: c.now });
  assert.equal(b.tryTake(4), true);
  c.t = 250;
  assert.equal(b.available(), 0.5);
  c.t = 10_000;
  assert.equal(b.available(), 4);
});
test('a failed take removes nothing', () => {
  const c = clock();
  const b = new TokenBucket({ capacity: 3, refillPerSecond: 1, now: c.now });
  b.tryTake(2);
  assert.equal(b.tryTake(2), false);
  assert.equal(b.available(), 1);
});
test('msUntil', () => {
  const c = clock();
  const b = new TokenBucket({ capacity: 2, refillPerSecond: 4, now: c.now });
  assert.equal(b.msUntil(1), 0);
  b.tryTake(2);
  assert.equal(b.msUntil(1), 250);
  const z = new TokenBucket({ capacity: 1, refillPerSecond: 0, now: c.now });
  z.tryTake();
  assert.equal(z.msUntil(), Infinity);
});
test('n out of range throws', () => {
  const b = new TokenBucket({ capacity: 2, refillPerSecond: 1 });
  assert.throws(() => b.tryTake(3), RangeError);
  assert.throws(() => b.tryTake(0), RangeError);
});
