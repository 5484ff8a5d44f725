import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CycleError } from '../src/errors.js';
import { TaskGraph } from '../src/graph.js';
import { readManifest } from '../src/manifest.js';

const app = () =>
  readManifest({
    tasks: {
      deploy: { needs: ['test', 'bundle'] },
      test: { needs: ['compile'] },
      bundle: { needs: ['compile', 'assets'] },
      compile: { needs: ['codegen'] },
      assets: {},
      codegen: {},
      docs: {},
    },
  });

test('every task after its dependencies, the earliest-added ready task first', () => {
  assert.deepEqual(app().buildOrder(), ['assets', 'codegen', 'compile', 'test', 'bundle', 'deploy', 'docs']);
});

test('targets narrow the order to what they need', () => {
  assert.deepEqual(app().buildOrder(['test']), ['codegen', 'compile', 'test']);
  assert.deepEqual(app().buildOrder(['bundle', 'docs']), ['assets', 'codegen', 'compile', 'bundle', 'docs']);
  assert.throws(() => app().buildOrder(['nope']), { message: 'unknown task: nope' });
});

test('findCycle returns the first cycle in search order, or null', () => {
  assert.equal(app().findCycle(), null);
  const graph = new TaskGraph().addTask('x').dependsOn('a', 'b').dependsOn('b', 'c').dependsOn('c', 'a').dependsOn('c', 'd');
  assert.deepEqual(graph.findCycle(), ['a', 'b', 'c', 'a']);
  const later = new TaskGraph().dependsOn('top', 'm').dependsOn('m', 'n').dependsOn('n', 'm');
  assert.deepEqual(later.findCycle(), ['m', 'n', 'm']);
  assert.deepEqual(new TaskGraph().dependsOn('s', 's').findCycle(), ['s', 's']);
});

test('buildOrder throws a CycleError naming the cycle', () => {
  const graph = app().dependsOn('codegen', 'deploy');
  assert.throws(
    () => graph.buildOrder(),
    (error: unknown) =>
      error instanceof CycleError &&
      error.name === 'CycleError' &&
      error.message === 'dependency cycle: deploy -> test -> compile -> codegen -> deploy' &&
      error.cycle.join(',') === 'deploy,test,compile,codegen,deploy',
  );
  assert.deepEqual(graph.buildOrder(['assets']), ['assets']);
});
