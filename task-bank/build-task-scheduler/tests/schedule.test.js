import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TaskRegistry } from '../src/registry.js';

// Loaded leniently: a missing module or export fails only the tests that use it, not the whole file.
const load = (path) => import(path).catch(() => ({}));
const { GraphError } = await load('../src/errors.js');
const { formatSchedule } = await load('../src/format.js');
const { affected, checkGraph, topoOrder } = await load('../src/graph.js');
const index = await load('../src/index.js');
const { criticalPath, schedule } = await load('../src/schedule.js');

const PROJECT = `
fetch: 2
codegen: 1 fetch
lint: 1
compile: 3 fetch codegen
test: 4 compile
docs: 2 fetch
package: 1 test docs lint
`;
const project = () => TaskRegistry.fromText(PROJECT);
const graphError = (code, check) => (e) => e instanceof GraphError && e.name === 'GraphError' && e.code === code && check(e);

test('topoOrder puts dependencies first, alphabetical among ready tasks', () => {
  assert.deepEqual(topoOrder(project()), ['fetch', 'codegen', 'compile', 'docs', 'lint', 'test', 'package']);
  assert.deepEqual(topoOrder(TaskRegistry.fromText('c: 1\nb: 1\na: 1')), ['a', 'b', 'c']);
});
test('a missing dependency is a MISSING GraphError naming both tasks', () => {
  const r = TaskRegistry.fromText('setup: 1\nbuild: 2 setup config');
  assert.throws(() => checkGraph(r), graphError('MISSING', (e) => e.message.includes('build') && e.message.includes('config')));
  assert.throws(() => topoOrder(r), (e) => e instanceof GraphError);
});
test('a cycle is a CYCLE GraphError starting at its smallest name', () => {
  const r = TaskRegistry.fromText('b: 1 a\nc: 1 b\na: 1 c\nz: 1');
  assert.throws(
    () => checkGraph(r),
    graphError('CYCLE', (e) => JSON.stringify(e.cycle) === JSON.stringify(['a', 'c', 'b', 'a']) && e.message.includes('a -> c -> b -> a')),
  );
});
test('a cycle reached from outside reports only the cycle', () => {
  const r = TaskRegistry.fromText('app: 1 mid\nmid: 1 low\nlow: 1 top\ntop: 1 mid');
  assert.throws(() => topoOrder(r), graphError('CYCLE', (e) => JSON.stringify(e.cycle) === JSON.stringify(['low', 'top', 'mid', 'low'])));
});
test('a self-dependency added directly is a cycle', () => {
  const r = new TaskRegistry().add({ name: 'loop', duration: 1, deps: ['loop'] });
  assert.throws(() => checkGraph(r), graphError('CYCLE', (e) => JSON.stringify(e.cycle) === JSON.stringify(['loop', 'loop'])));
});
test('affected follows dependents transitively, in topological order', () => {
  assert.deepEqual(affected(project(), ['codegen']), ['codegen', 'compile', 'test', 'package']);
  assert.deepEqual(affected(project(), ['lint', 'docs']), ['docs', 'lint', 'package']);
  assert.throws(() => affected(project(), ['nope']), graphError('MISSING', (e) => e.message.includes('nope')));
});
test('criticalPath follows the highest ranks', () => {
  assert.deepEqual(criticalPath(project()), { length: 11, path: ['fetch', 'codegen', 'compile', 'test', 'package'] });
  assert.deepEqual(criticalPath(new TaskRegistry()), { length: 0, path: [] });
});
test('schedule on two workers', () => {
  assert.deepEqual(schedule(project(), { workers: 2 }), {
    makespan: 11,
    slots: [
      { name: 'fetch', worker: 0, start: 0, end: 2 },
      { name: 'lint', worker: 1, start: 0, end: 1 },
      { name: 'codegen', worker: 0, start: 2, end: 3 },
      { name: 'docs', worker: 1, start: 2, end: 4 },
      { name: 'compile', worker: 0, start: 3, end: 6 },
      { name: 'test', worker: 0, start: 6, end: 10 },
      { name: 'package', worker: 0, start: 10, end: 11 },
    ],
  });
});
test('schedule on one worker runs by rank', () => {
  const result = schedule(project());
  assert.equal(result.makespan, 14);
  assert.deepEqual(result.slots.map((s) => s.name), ['fetch', 'codegen', 'compile', 'test', 'docs', 'lint', 'package']);
});
test('ties in rank start alphabetically on the lowest free worker', () => {
  const r = TaskRegistry.fromText('b: 2\na: 2\nc: 2');
  assert.deepEqual(schedule(r, { workers: 2 }).slots, [
    { name: 'a', worker: 0, start: 0, end: 2 },
    { name: 'b', worker: 1, start: 0, end: 2 },
    { name: 'c', worker: 0, start: 2, end: 4 },
  ]);
  assert.deepEqual(schedule(new TaskRegistry()), { makespan: 0, slots: [] });
});
test('schedule validates workers and the graph', () => {
  assert.throws(() => schedule(project(), { workers: 0 }), (e) => e instanceof RangeError && /workers/.test(e.message));
  assert.throws(() => schedule(project(), { workers: 1.5 }), RangeError);
  assert.throws(() => schedule(TaskRegistry.fromText('a: 1 b\nb: 1 a')), graphError('CYCLE', () => true));
});
test('formatSchedule and the index exports', () => {
  const text = formatSchedule(schedule(TaskRegistry.fromText('a: 2\nb: 1 a'), { workers: 2 }));
  assert.equal(text, 'w0 0-2 a\nw0 2-3 b\nmakespan 3');
  for (const name of ['GraphError', 'checkGraph', 'topoOrder', 'affected', 'schedule', 'criticalPath', 'formatSchedule']) {
    assert.equal(typeof index[name], 'function', name);
  }
});
