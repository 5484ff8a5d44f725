// Cuts a file into stretches of whole lines that threads claim one at a time, so two threads share one scan evenly.
import { existsSync, statSync } from 'node:fs';
import { findLineStart } from './read-chunks.js';

/** A file cut into ranges of about `rangeBytes`; `next` (shared between threads) counts the ranges claimed. */
export interface RangePlan {
  path: string;
  size: number;
  rangeBytes: number;
  next: Int32Array;
}

/** Range `index`: the lines that start in its nominal stretch, as bytes [start, end) of the file. */
export interface LineRange {
  index: number;
  start: number;
  end: number;
}

/** The size is taken now: rows appended during the scan are left to the next one. */
export function planRanges(path: string, rangeBytes: number): RangePlan {
  const size = existsSync(path) ? statSync(path).size : 0;
  return { path, size, rangeBytes: Math.max(1, rangeBytes), next: new Int32Array(new SharedArrayBuffer(4)) };
}

export function countRanges(plan: RangePlan): number {
  return Math.ceil(plan.size / plan.rangeBytes);
}

/**
 * Claims ranges until none is left and scans each. Each range holds the lines that start in
 * [index * rangeBytes, (index + 1) * rangeBytes), so ranges meet at line starts whichever thread cuts them.
 * The results come back with their index; merge them in index order for file order.
 */
export function claimRanges<T>(plan: RangePlan, scan: (range: LineRange) => T): { index: number; result: T }[] {
  const results: { index: number; result: T }[] = [];
  const count = countRanges(plan);
  for (let index = Atomics.add(plan.next, 0, 1); index < count; index = Atomics.add(plan.next, 0, 1)) {
    results.push({ index, result: scan(cutRange(plan, index, count)) });
  }
  return results;
}

/**
 * Claims ranges from one end of the file until the two claimers meet: the one at the first end takes
 * ranges 0, 1, 2, ... in order (so it can fold them into one result as it goes), the one at the last end
 * takes the last, the one before, ... At most one claimer per end. Each claim counts in `next`, so they
 * never take the same range, and whichever is faster takes more.
 */
export function claimRangesFromEnd<T>(
  plan: RangePlan,
  end: 'first' | 'last',
  scan: (range: LineRange) => T,
): { index: number; result: T }[] {
  const results: { index: number; result: T }[] = [];
  const count = countRanges(plan);
  for (let taken = 0; Atomics.add(plan.next, 0, 1) < count; taken += 1) {
    const index = end === 'first' ? taken : count - 1 - taken;
    results.push({ index, result: scan(cutRange(plan, index, count)) });
  }
  return results;
}

function cutRange(plan: RangePlan, index: number, count: number): LineRange {
  const start = findLineStart(plan.path, index * plan.rangeBytes, plan.size);
  const end = index === count - 1 ? plan.size : findLineStart(plan.path, (index + 1) * plan.rangeBytes, plan.size);
  return { index, start, end };
}

/** Both threads' results as one list in file order. */
export function mergeRanges<T>(...parts: { index: number; result: T }[][]): T[] {
  return parts
    .flat()
    .sort((a, b) => a.index - b.index)
    .map((part) => part.result);
}
