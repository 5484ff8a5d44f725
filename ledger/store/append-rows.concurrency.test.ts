// Invariant 8 under contention: 8 processes x 5,000 locked single-row appends lose, tear and duplicate nothing.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEDGER_FILES } from './data-dir.js';
import { makeTempDir, splitLines, startWorker } from './test-fixtures/spawn-worker.js';

const WRITERS = 8;
const ROWS_PER_WRITER = 5_000;

describe('appendRows across processes', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it(`keeps every one of ${WRITERS} x ${ROWS_PER_WRITER} concurrent appends, each exactly once`, async () => {
    const temp = makeTempDir('append-concurrency');
    cleanup = temp.cleanup;
    const workers = Array.from({ length: WRITERS }, (_, n) => startWorker(temp.dir, `w${n}`, ROWS_PER_WRITER));
    const exits = await Promise.all(workers.map((worker) => worker.exited));
    for (const exit of exits) expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null });

    const { lines, tail } = splitLines(join(temp.dir, LEDGER_FILES.snapshots));
    expect(tail).toBe('');
    expect(lines).toHaveLength(WRITERS * ROWS_PER_WRITER);

    const ids = new Set<string>();
    const seqsByWriter = new Map<string, number[]>();
    lines.forEach((line, index) => {
      let row: { id?: unknown; writer?: unknown; seq?: unknown; kind?: unknown };
      try {
        row = JSON.parse(line) as typeof row;
      } catch (error) {
        throw new Error(`line ${index + 1} is not JSON (${(error as Error).message}): ${line.slice(0, 200)}`);
      }
      expect(row.kind).toBe('append-test');
      ids.add(String(row.id));
      const seqs = seqsByWriter.get(String(row.writer)) ?? [];
      seqs.push(Number(row.seq));
      seqsByWriter.set(String(row.writer), seqs);
    });
    expect(ids.size).toBe(WRITERS * ROWS_PER_WRITER);

    const expected = Array.from({ length: ROWS_PER_WRITER }, (_, seq) => seq);
    expect([...seqsByWriter.keys()].sort()).toEqual(Array.from({ length: WRITERS }, (_, n) => `w${n}`));
    for (const [writer, seqs] of seqsByWriter) {
      // One process appends in order, so its rows must appear in order too: sorted equality and order both hold.
      expect(seqs, `writer ${writer}`).toEqual(expected);
    }
  });
});
