import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MinHeap } from '../src/heap.js';
import { type Job, JobQueue } from '../src/jobs.js';

test('pending() lists jobs as a heap of the same order pops them', () => {
  const jobs: Job[] = Array.from({ length: 50 }, (_, i) => ({ id: `j${i}`, priority: (i * 7) % 5, runAt: (i * 13) % 4 }));
  const queue = new JobQueue();
  const heap = new MinHeap<Job>((a, b) => b.priority - a.priority || a.runAt - b.runAt || Number(a.id.slice(1)) - Number(b.id.slice(1)));
  for (const job of jobs) {
    queue.add(job);
    heap.push(job);
  }
  assert.deepEqual(queue.pending(), heap.toArray());
  assert.equal(queue.size, 50);
});

test('priority, then run time, then arrival', () => {
  const queue = new JobQueue();
  queue.add({ id: 'low', priority: 1, runAt: 0 });
  queue.add({ id: 'late', priority: 5, runAt: 200 });
  queue.add({ id: 'early', priority: 5, runAt: 100 });
  queue.add({ id: 'early-2', priority: 5, runAt: 100 });
  assert.deepEqual(queue.pending().map((job) => job.id), ['early', 'early-2', 'late', 'low']);
  assert.equal(queue.peek()?.id, 'early');
  assert.equal(queue.size, 4);
  assert.deepEqual([queue.take()?.id, queue.take()?.id, queue.take()?.id, queue.take()?.id, queue.take()], ['early', 'early-2', 'late', 'low', undefined]);
  assert.throws(() => queue.add({ id: 'x', priority: 1.5, runAt: 0 }), { name: 'RangeError', message: 'priority must be a whole number: 1.5' });
});
