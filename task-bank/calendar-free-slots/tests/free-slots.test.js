import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findFreeSlots } from '../src/free-slots.js';

const day = { start: 540, end: 1020 };
const iv = (start, end) => ({ start, end });

test('an empty calendar is free all day', () => {
  assert.deepEqual(findFreeSlots([], day), [iv(540, 1020)]);
});
test('gaps between busy intervals given out of order', () => {
  assert.deepEqual(findFreeSlots([iv(800, 900), iv(600, 660)], day), [iv(540, 600), iv(660, 800), iv(900, 1020)]);
});
test('overlapping and touching busy intervals leave no gap', () => {
  assert.deepEqual(findFreeSlots([iv(600, 660), iv(650, 700), iv(700, 720)], day), [iv(540, 600), iv(720, 1020)]);
  assert.deepEqual(findFreeSlots([iv(600, 700), iv(620, 640)], day), [iv(540, 600), iv(700, 1020)]);
});
test('busy time outside the day is ignored', () => {
  assert.deepEqual(findFreeSlots([iv(480, 570), iv(1000, 1100), iv(0, 60)], day), [iv(570, 1000)]);
  assert.deepEqual(findFreeSlots([iv(0, 1440)], day), []);
});
test('minLength drops short gaps', () => {
  const busy = [iv(600, 660), iv(670, 700)];
  assert.deepEqual(findFreeSlots(busy, day, { minLength: 30 }), [iv(540, 600), iv(700, 1020)]);
  assert.deepEqual(findFreeSlots(busy, day, { minLength: 10 }), [iv(540, 600), iv(660, 670), iv(700, 1020)]);
});
test('buffer widens busy intervals but not the day', () => {
  assert.deepEqual(findFreeSlots([iv(600, 660)], day, { buffer: 15 }), [iv(540, 585), iv(675, 1020)]);
  assert.deepEqual(findFreeSlots([iv(550, 600)], day, { buffer: 15 }), [iv(615, 1020)]);
});
test('invalid intervals throw RangeError naming the culprit', () => {
  assert.throws(() => findFreeSlots([iv(600, 660), iv(700, 700)], day), (e) => e instanceof RangeError && e.message.includes('busy[1]'));
  assert.throws(() => findFreeSlots([iv(600, Number.NaN)], day), (e) => e instanceof RangeError && e.message.includes('busy[0]'));
  assert.throws(() => findFreeSlots([], iv(900, 800)), (e) => e instanceof RangeError && e.message.includes('day'));
});
test('does not modify busy', () => {
  const busy = [iv(800, 900), iv(600, 660)];
  const copy = structuredClone(busy);
  findFreeSlots(busy, day, { buffer: 5 });
  assert.deepEqual(busy, copy);
});
