import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MinHeap } from '../src/heap.js';

test('pops in comparator order; peek and size', () => {
  const heap = new MinHeap<number>((a, b) => a - b);
  for (const n of [5, 3, 8, 1, 9, 1, 7]) heap.push(n);
  assert.equal(heap.size, 7);
  assert.equal(heap.peek(), 1);
  assert.deepEqual(heap.toArray(), [1, 1, 3, 5, 7, 8, 9]);
  assert.equal(heap.size, 7);
  const out: number[] = [];
  while (heap.size > 0) out.push(heap.pop() as number);
  assert.deepEqual(out, [1, 1, 3, 5, 7, 8, 9]);
  assert.equal(heap.pop(), undefined);
  assert.equal(heap.peek(), undefined);
});

test('push and pop take logarithmic comparisons', () => {
  let comparisons = 0;
  const heap = new MinHeap<number>((a, b) => {
    comparisons += 1;
    return a - b;
  });
  const n = 1024;
  for (let i = 0; i < n; i += 1) heap.push((i * 7919) % n);
  const afterPush = comparisons;
  assert.ok(afterPush <= n * 11, `push used ${afterPush} comparisons`);
  for (let i = 0; i < n; i += 1) assert.equal(heap.pop(), i);
  assert.ok(comparisons - afterPush <= n * 2 * 11, `pop used ${comparisons - afterPush} comparisons`);
});
