import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration, formatDuration } from '../src/duration.js';

test('parses single and combined units', () => {
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration(' 1w 1d '), 691_200_000);
  assert.equal(parseDuration('1d1h1m1s1ms'), 90_061_001);
});
test('decimals round to whole ms; leading minus negates', () => {
  assert.equal(parseDuration('1.5h'), 5_400_000);
  assert.equal(parseDuration('0.0005s'), 1);
  assert.equal(parseDuration('-1h30m'), -5_400_000);
});
test('refuses malformed input with the text quoted', () => {
  for (const bad of ['', '10', '1x', '.5h', '30m1h', '1h1h', 'h', '1h 2']) {
    assert.throws(() => parseDuration(bad), (e) => e instanceof SyntaxError && e.message.includes(JSON.stringify(bad)), bad);
  }
});
test('formats largest units first, skipping zeros', () => {
  assert.equal(formatDuration(5_400_000), '1h30m');
  assert.equal(formatDuration(90_061_001), '1d1h1m1s1ms');
  assert.equal(formatDuration(691_200_000), '8d');
  assert.equal(formatDuration(0), '0ms');
  assert.equal(formatDuration(-61_000), '-1m1s');
});
test('format rejects non-integers', () => {
  assert.throws(() => formatDuration(1.5), RangeError);
  assert.throws(() => formatDuration(Infinity), RangeError);
});
test('round trip', () => {
  for (const ms of [1, 999, 60_000, 3_723_004, 172_800_000]) assert.equal(parseDuration(formatDuration(ms)), ms);
});
