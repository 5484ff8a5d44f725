// parseVitest on vitest 3 output captured here (colours and all), parseJest on jest's summary as it prints it.
import { describe, expect, it } from 'vitest';
import { parseJest } from './parse-jest.js';
import { parseVitest } from './parse-vitest.js';

const ESC = '\u001b';
// The closing lines of `vitest run` on a file with 2 passing, 1 failing and 1 skipped test, with their ANSI colours.
const VITEST = [
  `${ESC}[2m Test Files ${ESC}[22m ${ESC}[1m${ESC}[31m1 failed${ESC}[39m${ESC}[22m${ESC}[90m (1)${ESC}[39m`,
  `${ESC}[2m      Tests ${ESC}[22m ${ESC}[1m${ESC}[31m1 failed${ESC}[39m${ESC}[22m${ESC}[2m | ${ESC}[22m${ESC}[1m${ESC}[32m2 passed${ESC}[39m${ESC}[22m${ESC}[2m | ${ESC}[22m${ESC}[33m1 skipped${ESC}[39m${ESC}[90m (4)${ESC}[39m`,
  `${ESC}[2m   Start at ${ESC}[22m 23:40:33`,
].join('\n');

describe('parseVitest', () => {
  it('reads the coloured summary: total from the parentheses, skips neither passed nor failed', () => {
    expect(parseVitest(VITEST)).toEqual({ total: 4, passed: 2, failed: 1 });
  });

  it('scores files that failed to load, with no test run, as one failed test each', () => {
    expect(parseVitest(' Test Files  2 failed (2)\n      Tests  no tests\n')).toEqual({ total: 2, passed: 0, failed: 2 });
  });

  it('gives null without a summary', () => {
    expect(parseVitest('Error: Cannot find module vitest\n')).toBeNull();
  });
});

describe('parseJest', () => {
  it('reads the Tests: line', () => {
    const text = 'Test Suites: 1 failed, 1 passed, 2 total\nTests:       1 failed, 1 skipped, 4 passed, 6 total\nSnapshots:   0 total\n';
    expect(parseJest(text)).toEqual({ total: 6, passed: 4, failed: 1 });
  });

  it('scores suites that failed to load, with no Tests: line, as one failed test each', () => {
    expect(parseJest('Test Suites: 2 failed, 2 total\nTests:       0 total\n')).toEqual({ total: 2, passed: 0, failed: 2 });
    expect(parseJest('Test Suites: 2 failed, 2 total\n')).toEqual({ total: 2, passed: 0, failed: 2 });
  });

  it('gives null without a summary', () => {
    expect(parseJest('jest: command not found\n')).toBeNull();
  });
});
