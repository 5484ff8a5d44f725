// deriveTestLists: FAIL_TO_PASS and PASS_TO_PASS by test identity over reruns, flaky and failing tests left out.
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../acceptance/reports/tally-verdicts.js';
import { deriveTestLists, isSourceDocTest } from './derive-test-lists.js';

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
  it('makes an unchanged old test pass_to_pass when the new tests broke the build and the fixture own run passes it', () => {
    const lists = deriveTestLists({
      fixture: [undefined, undefined],
      solution: [run({ TestOld: 'pass', TestNew: 'pass' })],
      fixtureOwn: [run({ TestOld: 'pass' })],
      originOf: (name) => ({ kind: name === 'TestOld' ? 'unchanged' : 'new' }),
    });
    expect(lists).toEqual({ fail_to_pass: ['TestNew'], pass_to_pass: ['TestOld'], excluded: [] });
  });
  it('makes an extended test fail_to_pass although its old version passed in the fixture own run', () => {
    // Masterminds/semver's TestVersionSegments64 gained "Segments64 is mutable": it fails on the fixture with the new
    // tests, and its old body passes in the fixture's own run; SWE-bench judges it on the fixture with the new tests.
    const extended = deriveTestLists({
      fixture: [run({ 'pkg::TestVersionSegments64': 'fail' }), run({ 'pkg::TestVersionSegments64': 'fail' })],
      solution: [run({ 'pkg::TestVersionSegments64': 'pass' })],
      fixtureOwn: [run({ 'pkg::TestVersionSegments64': 'pass' })],
      originOf: () => ({ kind: 'changed' }),
    });
    expect(extended.fail_to_pass).toEqual(['pkg::TestVersionSegments64']);
    // The same when the fixture does not build with the new tests: a changed test is new work.
    const unbuilt = deriveTestLists({
      fixture: [undefined, undefined],
      solution: [run({ TestExtended: 'pass' })],
      fixtureOwn: [run({ TestExtended: 'pass' })],
      originOf: () => ({ kind: 'changed' }),
    });
    expect(unbuilt.fail_to_pass).toEqual(['TestExtended']);
  });
  it('never lets the fixture own run outvote runs of the fixture with the new tests that reported the test failing', () => {
    const lists = deriveTestLists({
      fixture: [run({ old: 'fail' }), run({ old: 'fail' })],
      solution: [run({ old: 'pass' })],
      fixtureOwn: [run({ old: 'pass' })],
      originOf: () => ({ kind: 'unchanged' }),
    });
    expect(lists.fail_to_pass).toEqual(['old']);
  });
  it('recognises a renamed test by its old name in the fixture own run, not as new work', () => {
    const lists = deriveTestLists({
      fixture: [undefined, undefined],
      solution: [run({ it_parses_legacy: 'pass', it_parses_v2: 'pass' })],
      fixtureOwn: [run({ it_parses: 'pass' })],
      originOf: (name) => (name === 'it_parses_legacy' ? { kind: 'renamed', from: 'it_parses' } : { kind: 'new' }),
      language: 'rust',
    });
    expect(lists).toEqual({ fail_to_pass: ['it_parses_v2'], pass_to_pass: ['it_parses_legacy'], excluded: [] });
  });
  it('counts a test that does not build on the fixture as failing there when it is new, and leaves out a flaky old one', () => {
    const lists = deriveTestLists({
      fixture: [undefined, undefined],
      solution: [run({ fresh: 'pass', wobbly: 'pass' }), run({ fresh: 'pass', wobbly: 'pass' })],
      fixtureOwn: [run({ wobbly: 'pass' }), run({ wobbly: 'fail' })],
      originOf: (name) => ({ kind: name === 'wobbly' ? 'unchanged' : 'new' }),
    });
    expect(lists).toEqual({ fail_to_pass: ['fresh'], pass_to_pass: [], excluded: [{ name: 'wobbly', reason: 'flaky' }] });
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
  it("leaves cargo's doc tests out of both lists: they are the agent's own source, named by line", () => {
    const lists = deriveTestLists({
      fixture: [run({ 'src/lib.rs - hamming (line 17)': 'pass' })],
      solution: [run({ 'src/lib.rs - hamming (line 17)': 'pass', 'tests::new_case': 'pass' })],
    });
    expect(lists).toEqual({ fail_to_pass: ['tests::new_case'], pass_to_pass: [], excluded: [] });
  });
  it('leaves crate-level doc tests out too: `//!` examples are named by file and line alone', () => {
    // tailhook/quick-error: `src/lib.rs - (line 118)` moved to line 121 on the solution and was scored fail_to_pass.
    const lists = deriveTestLists({
      fixture: [run({ 'src/lib.rs - (line 118)': 'pass', 'src/lib.rs - Item::method (line 40)': 'pass' })],
      solution: [run({ 'src/lib.rs - (line 121)': 'pass', 'src/lib.rs - Item::method (line 43)': 'pass', 'tests::x': 'pass' })],
    });
    expect(lists).toEqual({ fail_to_pass: ['tests::x'], pass_to_pass: [], excluded: [] });
    expect(isSourceDocTest('src/lib.rs - (line 118)')).toBe(true);
    expect(isSourceDocTest('tests::parses (line 3)')).toBe(false);
  });
});
