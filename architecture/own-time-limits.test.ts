// One hang guard per tier (vitest.config.ts): no test, suite or hook sets a time limit of its own.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findOwnTimeLimits, readTestFiles } from './find-own-time-limits.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('time limits', () => {
  it("are their tier's alone: no test file sets one of its own", () => {
    const files = readTestFiles(root);
    expect(files.length).toBeGreaterThan(250);
    expect(findOwnTimeLimits(files)).toEqual([]);
  });

  it("catches a limit after a test's or hook's function, in its options and in vi.setConfig, and nothing else", () => {
    const text = `
it('a', async () => {
  setTimeout(() => {}, 60_000);
  await execa('x', [], { timeout: 25_000 });
}, 20_000);
beforeAll(() => start(), LIMIT);
it.skipIf(noGo)('b', async () => {}, 120_000);
test('c', { timeout: 5_000 }, () => {});
describe.runIf(linux)('d', () => {
  it.each([1_000, 2_000])('e %i', (n) => expect(n).toBeGreaterThan(0));
  afterEach(function () {}, 1);
});
vi.setConfig({ testTimeout: 1 });
`;
    expect(findOwnTimeLimits([['x/planted.test.ts', text]])).toEqual([
      'x/planted.test.ts:2 it(...)',
      'x/planted.test.ts:6 beforeAll(...)',
      'x/planted.test.ts:7 it(...)',
      'x/planted.test.ts:8 test(...)',
      'x/planted.test.ts:11 afterEach(...)',
      'x/planted.test.ts:13 vi.setConfig(...)',
    ]);
  });
});
