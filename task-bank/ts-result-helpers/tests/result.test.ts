import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePort } from '../src/parse-port.js';
import { andThen, collect, err, map, ok, unwrapOr, type Result } from '../src/result.js';

test('map transforms ok and passes errors through untouched', () => {
  assert.deepEqual(map(ok(2), (n: number) => n * 10), { ok: true, value: 20 });
  const failure: Result<number, string> = err('bad');
  let called = false;
  assert.equal(map(failure, (n) => { called = true; return n; }), failure);
  assert.equal(called, false);
});

test('andThen chains results', () => {
  const double = (port: number): Result<number, string> => (port < 40000 ? ok(port * 2) : err('too big'));
  assert.deepEqual(andThen(parsePort('8080'), double), { ok: true, value: 16160 });
  assert.deepEqual(andThen(parsePort('50000'), double), { ok: false, error: 'too big' });
  const failure = parsePort('x');
  assert.equal(andThen(failure, double), failure);
});

test('unwrapOr gives the value or the fallback', () => {
  assert.equal(unwrapOr(parsePort('22'), 0), 22);
  assert.equal(unwrapOr(parsePort('0'), 80), 80);
});

test('collect gathers values or returns the first error', () => {
  assert.deepEqual(collect(['1', '2', '3'].map(parsePort)), { ok: true, value: [1, 2, 3] });
  const results = ['1', 'x', '70000'].map(parsePort);
  assert.equal(collect(results), results[1]);
  assert.deepEqual(collect([]), { ok: true, value: [] });
});
