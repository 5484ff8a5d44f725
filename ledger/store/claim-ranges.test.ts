// Ranges of whole lines: every line in exactly one range, whatever the range size, and a torn tail seen once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimRanges, claimRangesFromEnd, mergeRanges, planRanges } from './claim-ranges.js';
import { findLineStart, readChunks } from './read-chunks.js';

const dir = mkdtempSync(join(tmpdir(), 'claim-ranges-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One read buffer for every range, as a range scan keeps one per thread: a fresh 1 MiB per range was most of the time. */
const chunkBuffer = Buffer.allocUnsafe(1 << 20);

/** The lines of bytes [start, end) of the file, read as the range scans read them. */
function readRange(path: string, start: number, end: number): { lines: string[]; tail: unknown } {
  const lines: string[] = [];
  const { tail } = readChunks(path, ({ text }) => lines.push(...text.slice(0, -1).split('\n')), {
    from: start,
    to: end,
    buffer: chunkBuffer,
  });
  return { lines, tail };
}

describe('ranges of whole lines', () => {
  const lines = Array.from({ length: 300 }, (_, i) => (i % 17 === 0 ? '' : `row ${i} ${'x'.repeat(i % 23)}`));
  const path = join(dir, 'file.jsonl');
  writeFileSync(path, `${lines.join('\n')}\ntorn tail`);

  it('finds line starts: just after a newline at or after offset - 1', () => {
    const size = Buffer.byteLength(`${lines.join('\n')}\ntorn tail`);
    expect(findLineStart(path, 0, size)).toBe(0);
    expect(findLineStart(path, 1, size)).toBe(1);
    // Line 0 is empty (a newline at byte 0); line 1 is 'row 1 x' (bytes 1-7, its newline at 8).
    expect(findLineStart(path, 2, size)).toBe(9);
    expect(findLineStart(path, 9, size)).toBe(9);
    expect(findLineStart(path, size - 3, size)).toBe(size);
  });

  it('covers every line once, in order, and one range sees the torn tail, whatever the range size', () => {
    for (const rangeBytes of [1, 7, 64, 1_000, 1 << 20]) {
      const plan = planRanges(path, rangeBytes);
      const first = claimRanges(plan, (range) => ({ ...readRange(path, range.start, range.end), range }));
      const parts = mergeRanges(
        first,
        claimRanges(plan, () => undefined as never),
      );
      expect(parts.flatMap((part) => part.lines)).toEqual(lines);
      expect(parts.map((part) => part.tail).filter((tail) => tail !== null)).toEqual([
        { offset: plan.size - 'torn tail'.length, length: 'torn tail'.length },
      ]);
    }
  });

  it('gives the two ends of a file to two claimers, each range once, the first end in order', () => {
    const plan = planRanges(path, 100);
    const count = Math.ceil(plan.size / 100);
    let fromFirst: { index: number; result: string[] }[] = [];
    // The last end's claimer takes three ranges; on its third, the first end's claimer takes all the rest.
    const fromLast = claimRangesFromEnd(plan, 'last', (range) => {
      if (range.index === count - 3)
        fromFirst = claimRangesFromEnd(plan, 'first', (first) => readRange(path, first.start, first.end).lines);
      return readRange(path, range.start, range.end).lines;
    });
    expect(fromLast.map(({ index }) => index)).toEqual([count - 1, count - 2, count - 3]);
    expect(fromFirst.map(({ index }) => index)).toEqual(Array.from({ length: fromFirst.length }, (_, i) => i));
    expect(mergeRanges(fromFirst, fromLast).flat()).toEqual(lines);
  });
});
