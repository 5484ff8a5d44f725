import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retry } from '../src/retry.js';

const failing = (times, value = 'ok') => {
  const calls = [];
  const fn = async (attempt) => {
    calls.push(attempt);
    if (calls.length <= times) throw new Error(`e${calls.length}`);
    return value;
  };
  return { fn, calls };
};

test('returns the first success and sleeps with exponential delays', async () => {
  const slept = [];
  const { fn, calls } = failing(3);
  const out = await retry(fn, { retries: 5, baseMs: 10, sleep: async (ms) => slept.push(ms) });
  assert.equal(out, 'ok');
  assert.deepEqual(calls, [1, 2, 3, 4]);
  assert.deepEqual(slept, [10, 20, 40]);
});
test('caps delays at maxMs and honours factor', async () => {
  const slept = [];
  await retry(failing(4).fn, { retries: 4, baseMs: 100, factor: 3, maxMs: 500, sleep: async (ms) => slept.push(ms) });
  assert.deepEqual(slept, [100, 300, 500, 500]);
});
test('jitter multiplies by random()', async () => {
  const slept = [];
  await retry(failing(2).fn, { baseMs: 100, jitter: true, random: () => 0.5, sleep: async (ms) => slept.push(ms) });
  assert.deepEqual(slept, [50, 100]);
});
test('gives up with an AggregateError of all errors, no sleep after the last', async () => {
  const slept = [];
  const { fn, calls } = failing(10);
  await assert.rejects(retry(fn, { retries: 2, sleep: async (ms) => slept.push(ms) }), (e) => {
    assert.ok(e instanceof AggregateError);
    assert.deepEqual(e.errors.map((x) => x.message), ['e1', 'e2', 'e3']);
    assert.match(e.message, /3/);
    return true;
  });
  assert.equal(calls.length, 3);
  assert.equal(slept.length, 2);
});
test('shouldRetry false stops with that error; onRetry is told', async () => {
  const seen = [];
  const { fn, calls } = failing(10);
  await assert.rejects(
    retry(fn, { sleep: async () => {}, shouldRetry: (_e, attempt) => attempt < 2, onRetry: (e, a, d) => seen.push([e.message, a, d]) }),
    { message: 'e2' },
  );
  assert.equal(calls.length, 2);
  assert.deepEqual(seen, [['e1', 1, 100]]);
});
test('bad retries rejects before calling fn; sync fn works', async () => {
  let called = false;
  await assert.rejects(retry(() => { called = true; }, { retries: -1 }), RangeError);
  assert.equal(called, false);
  assert.equal(await retry(() => 7), 7);
});
