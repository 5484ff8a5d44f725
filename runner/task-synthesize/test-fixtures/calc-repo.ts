// A tiny node:test repository (clamp and total in src/calc.js) for the synthesis's slow test and its Gherkin spec.
import type { NativeCommit } from '../../task-import/test-fixtures/native-repos.js';

export const CALC = `export function clamp(value, low, high) {
  if (value < low) return low;
  if (value > high) return high;
  return value;
}

export function total(items) {
  let sum = 0;
  for (const item of items) sum += item.price * item.count;
  return sum;
}
`;

const CALC_TESTS = `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clamp, total } from '../src/calc.js';

test('clamps below the range', () => assert.equal(clamp(-5, 0, 10), 0));
test('clamps above the range', () => assert.equal(clamp(50, 0, 10), 10));
test('keeps a value inside the range', () => assert.equal(clamp(5, 0, 10), 5));
test('totals price times count', () => assert.equal(total([{ price: 2, count: 3 }, { price: 5, count: 1 }]), 11));
test('totals nothing as 0', () => assert.equal(total([]), 0));
`;

/** One commit: package.json (node --test), src/calc.js and test/calc.test.js. */
export function calcHistory(): NativeCommit[] {
  return [
    {
      message: 'Start',
      write: {
        'package.json': '{ "type": "module", "scripts": { "test": "node --test" } }\n',
        'src/calc.js': CALC,
        'test/calc.test.js': CALC_TESTS,
      },
    },
  ];
}
