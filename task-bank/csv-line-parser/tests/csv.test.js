import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsvLine } from '../src/csv.js';

test('plain fields and empty fields', () => {
  assert.deepEqual(parseCsvLine('a,b,c'), ['a', 'b', 'c']);
  assert.deepEqual(parseCsvLine(''), ['']);
  assert.deepEqual(parseCsvLine('a,'), ['a', '']);
});
test('quoted fields keep delimiters and doubled quotes', () => {
  assert.deepEqual(parseCsvLine('"a,b","say ""hi""",c'), ['a,b', 'say "hi"', 'c']);
  assert.deepEqual(parseCsvLine('""'), ['']);
});
test('a quote inside an unquoted field is literal', () => {
  assert.deepEqual(parseCsvLine('ab"c,d'), ['ab"c', 'd']);
});
test('custom delimiter', () => {
  assert.deepEqual(parseCsvLine('a;"b;c";d', { delimiter: ';' }), ['a', 'b;c', 'd']);
});
test('trim applies to unquoted fields only', () => {
  assert.deepEqual(parseCsvLine(' a , " b " ,c ', { trim: true }), ['a', ' b ', 'c']);
});
test('errors', () => {
  assert.throws(() => parseCsvLine('"abc'), (e) => e instanceof SyntaxError && /unterminated/.test(e.message));
  assert.throws(() => parseCsvLine('"ab"x,c'), (e) => e instanceof SyntaxError && /4/.test(e.message));
});
