// deriveTestLists: FAIL_TO_PASS and PASS_TO_PASS by test identity over reruns, flaky and failing tests left out.
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../acceptance/reports/tally-verdicts.js';
import { deriveTestLists } from './derive-test-lists.js';

const run = (entries: Record<string, Verdict>): Map<string, Verdict> => new Map(Object.entries(entries));

describe('deriveTestLists', () => {
  it('keeps only the new test of a file with many old passing tests (the do-nothing trap)', () => {
    const old = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`old ${i}`, 'pass' as const]));
    const lists = deriveTestLists({ fixture: [run({ ...old, new: 'fail' })], solution: [run({ ...old, new: 'pass' })] });
    expect(lists.fail_to_pass).toEqual(['new']);
    expect(lists.pass_to_pass).toHaveLength(40);
  });
  it('counts a test that did not exist on the fixture as failing there', () => {
    expect(deriveTestLists({ fixture: [run({ a: 'pass' })], solution: [run({ a: 'pass', b: 'pass' })] }).fail_to_pass).toEqual(['b']);
  });
  it('makes an old test pass_to_pass when it passes in the fixture own run although the new tests broke the build', () => {
    const lists = deriveTestLists({
      fixture: [undefined, undefined],
      solution: [run({ TestOld: 'pass', TestNew: 'pass' })],
      fixtureOwn: [run({ TestOld: 'pass' })],
    });
    expect(lists).toEqual({ fail_to_pass: ['TestNew'], pass_to_pass: ['TestOld'], excluded: [] });
  });
  it('leaves out and names tests that fail on the solution, are skipped there, or vary between runs', () => {
    const lists = deriveTestLists({
      fixture: [run({ wobbly: 'fail', flips: 'pass' }), run({ wobbly: 'fail', flips: 'fail' })],
      solution: [
        run({ bad: 'fail', skip: 'skip', wobbly: 'pass', flips: 'pass' }),
        run({ bad: 'fail', skip: 'skip', wobbly: 'fail', flips: 'pass' }),
      ],
    });
    expect(lists).toEqual({
      fail_to_pass: [],
      pass_to_pass: [],
      excluded: [
        { name: 'bad', reason: 'fails-on-solution' },
        { name: 'flips', reason: 'flaky' },
        { name: 'skip', reason: 'skipped-on-solution' },
        { name: 'wobbly', reason: 'flaky' },
      ],
    });
  });
});
