import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GradebookError } from '../src/errors.js';
import { exportCsv } from '../src/export-csv.js';
import { Gradebook } from '../src/gradebook.js';

// Loaded leniently: a missing module or export fails only the tests that use it, not the whole file.
const load = (path) => import(path).catch(() => ({}));
const { finalGrade, GradingPolicy } = await load('../src/grading.js');
const index = await load('../src/index.js');

function book() {
  return new Gradebook()
    .addStudent('s1', 'Ada')
    .addStudent('s2', 'Bo')
    .addAssignment({ id: 'hw1', category: 'homework', maxPoints: 10 })
    .addAssignment({ id: 'hw2', category: 'homework', maxPoints: 10 })
    .addAssignment({ id: 'hw3', category: 'homework', maxPoints: 20 })
    .addAssignment({ id: 'exam', category: 'exam', maxPoints: 100 })
    .record('s1', 'hw1', 10)
    .record('s1', 'hw2', 5)
    .record('s1', 'hw3', 20)
    .record('s1', 'exam', 80);
}
const weights = { homework: 0.4, exam: 0.6 };

test('weighted percent, letter and per-category percentages', () => {
  const g = finalGrade(book(), 's1', new GradingPolicy({ weights }));
  assert.deepEqual(g.categories, { homework: 87.5, exam: 80 });
  assert.equal(g.percent, 83);
  assert.equal(g.letter, 'B');
});
test('dropLowest drops the lowest ratio in its category', () => {
  const g = finalGrade(book(), 's1', new GradingPolicy({ weights, dropLowest: { homework: 1 } }));
  assert.equal(g.categories.homework, 100);
  assert.equal(g.percent, 88);
});
test('dropLowest always keeps at least one score', () => {
  const b = book().record('s2', 'hw1', 3);
  const g = finalGrade(b, 's2', new GradingPolicy({ weights, dropLowest: { homework: 5 } }));
  assert.deepEqual(g.categories, { homework: 30 });
});
test('categories with nothing recorded are left out and weights rescaled', () => {
  const b = book().record('s2', 'hw1', 9).record('s2', 'hw2', 7);
  const g = finalGrade(b, 's2', new GradingPolicy({ weights }));
  assert.deepEqual(g.categories, { homework: 80 });
  assert.equal(g.percent, 80);
  assert.equal(g.letter, 'B');
});
test('missing: zero counts unrecorded assignments', () => {
  const b = book().record('s2', 'hw1', 10);
  const g = finalGrade(b, 's2', new GradingPolicy({ weights, missing: 'zero' }));
  assert.deepEqual(g.categories, { homework: 25, exam: 0 });
  assert.equal(g.percent, 10);
  assert.equal(g.letter, 'F');
});
test('no recorded scores gives null grade', () => {
  assert.deepEqual(finalGrade(book(), 's2', new GradingPolicy({ weights })), { percent: null, letter: null, categories: {} });
});
test('custom cutoffs', () => {
  const policy = new GradingPolicy({ weights, cutoffs: [['PASS', 82.5], ['FAIL', 0]] });
  assert.equal(finalGrade(book(), 's1', policy).letter, 'PASS');
});
test('percent is rounded to 2 decimals', () => {
  const b = new Gradebook()
    .addStudent('s', 'S')
    .addAssignment({ id: 'q', category: 'quiz', maxPoints: 3 })
    .record('s', 'q', 2);
  const g = finalGrade(b, 's', new GradingPolicy({ weights: { quiz: 1 } }));
  assert.equal(g.percent, 66.67);
  assert.equal(g.letter, 'D');
});
test('policy validation', () => {
  assert.throws(() => new GradingPolicy({ weights: { a: 0.5, b: 0.4 } }), (e) => e instanceof GradebookError && /weights/.test(e.message));
  assert.throws(() => new GradingPolicy({ weights: { a: 1, b: 0 } }), (e) => e instanceof GradebookError && /weights/.test(e.message));
  assert.throws(() => new GradingPolicy({ weights: { a: 1 }, dropLowest: { a: -1 } }), (e) => e instanceof GradebookError && /a/.test(e.message));
  assert.throws(() => new GradingPolicy({ weights: { a: 1 }, missing: 'ignore' }), (e) => e instanceof GradebookError && /missing/.test(e.message));
});
test('a category without a weight or an unknown student throws', () => {
  assert.throws(() => finalGrade(book(), 's1', new GradingPolicy({ weights: { homework: 1 } })), (e) => e instanceof GradebookError && /exam/.test(e.message));
  assert.throws(() => finalGrade(book(), 'nobody', new GradingPolicy({ weights })), GradebookError);
});
test('exportCsv appends final and letter with a policy, unchanged without', () => {
  const b = book();
  assert.equal(exportCsv(b).split('\n')[0], 'id,name,hw1,hw2,hw3,exam,average');
  assert.deepEqual(exportCsv(b, new GradingPolicy({ weights })).split('\n'), [
    'id,name,hw1,hw2,hw3,exam,average,final,letter',
    's1,Ada,10,5,20,80,82.14,83,B',
    's2,Bo,,,,,,,',
  ]);
  assert.equal(typeof index.finalGrade, 'function');
  assert.equal(typeof index.GradingPolicy, 'function');
});
