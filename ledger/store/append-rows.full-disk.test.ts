// A full disk through the fs seam: whole-or-nothing appends, idempotent retries and reported repairs on a full disk.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stampRow, type StampContext } from './stamp-row.js';
import { appendRows, readRefusedWriteStart, tryRepairTornTail } from './append-rows.js';
import { LEDGER_FILES } from './data-dir.js';
import { faults } from './test-fixtures/fs-faults.js';
import { makeTempDir } from './test-fixtures/spawn-worker.js';

// Hoisted above the imports: the fixture is loaded inside the factory.
vi.mock('node:fs', async (importActual) =>
  (await import('./test-fixtures/fs-faults.js')).withFaults(await importActual<typeof import('node:fs')>()),
);

const ctx: StampContext = { agentId: 'tester', source: 'manual' };
const rowsOf = (n: number) => Array.from({ length: n }, (_, seq) => stampRow(ctx, 'snapshot', { seq, pad: 'x'.repeat(40) }));
const endsWith = (name: string) => (path: string) => path.endsWith(`/${name}`);
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeTempDir('full-disk')));
afterEach(() => {
  faults.write = null;
  faults.truncate = null;
  cleanup();
});

describe('appendRows on a disk that fills part-way', () => {
  it('leaves the file byte-identical and says so in one line (old code kept the complete lines)', () => {
    appendRows(dir, LEDGER_FILES.snapshots, rowsOf(2), ctx);
    const before = readFileSync(join(dir, LEDGER_FILES.snapshots));
    faults.write = { match: endsWith(LEDGER_FILES.snapshots), partial: 0.74 };
    const attempt = () => appendRows(dir, LEDGER_FILES.snapshots, rowsOf(1000), ctx);
    expect(attempt).toThrow(/write refused \(ENOSPC\); nothing was added, the file is as it was before/);
    expect(readFileSync(join(dir, LEDGER_FILES.snapshots)).equals(before)).toBe(true);
  });

  it('skips on retry the rows a failed attempt left when they could not be taken back (old code duplicated them)', () => {
    const rows = rowsOf(10);
    faults.write = { match: endsWith(LEDGER_FILES.snapshots), partial: 0.6 };
    faults.truncate = endsWith(LEDGER_FILES.snapshots);
    let failure: unknown;
    try {
      appendRows(dir, LEDGER_FILES.snapshots, rows, ctx);
    } catch (error) {
      failure = error;
    }
    expect((failure as Error).message).toMatch(/could not be removed \(EIO\)/);
    faults.truncate = null;
    // The torn last line of the failed attempt is repaired (and reported); its complete lines stay and are skipped.
    appendRows(dir, LEDGER_FILES.snapshots, rows, ctx, { retryFrom: readRefusedWriteStart(failure) });
    const seqs = readFileSync(join(dir, LEDGER_FILES.snapshots), 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { seq: number }).seq);
    expect(seqs.sort((a, b) => a - b)).toEqual(rows.map((row) => row.seq));
  });
});

describe('torn-tail repairs on a full disk', () => {
  it('a reader leaves the tail as it is when the fragment cannot be kept (old code failed the read)', () => {
    writeFileSync(join(dir, LEDGER_FILES.windows), '{"id":"torn');
    faults.write = { match: (path) => path.includes('/rejects/'), partial: 0, sticky: true };
    expect(tryRepairTornTail(dir, LEDGER_FILES.windows, ctx)).toEqual({
      repaired: null,
      unrepaired: 'windows.jsonl: torn last line left as it is (ENOSPC)',
    });
    expect(readFileSync(join(dir, LEDGER_FILES.windows), 'utf8')).toBe('{"id":"torn');
  });

  it('reports a repair before cutting, so a writer that dies at the cut leaves it reported (old code reported after)', () => {
    appendRows(dir, LEDGER_FILES.windows, rowsOf(1), ctx);
    appendFileSync(join(dir, LEDGER_FILES.windows), '{"id":"torn');
    faults.truncate = endsWith(LEDGER_FILES.windows);
    expect(() => appendRows(dir, LEDGER_FILES.windows, rowsOf(1), ctx)).toThrow(/EIO/);
    const anomalies = readFileSync(join(dir, LEDGER_FILES.anomalies), 'utf8').trim().split('\n');
    expect(anomalies.map((line) => (JSON.parse(line) as { code: string }).code)).toEqual(['torn-tail']);
  });

  it('a repair that cannot be reported changes nothing', () => {
    appendRows(dir, LEDGER_FILES.windows, rowsOf(1), ctx);
    appendFileSync(join(dir, LEDGER_FILES.windows), '{"id":"torn');
    const before = readFileSync(join(dir, LEDGER_FILES.windows));
    faults.write = { match: endsWith(LEDGER_FILES.anomalies), partial: 0 };
    expect(tryRepairTornTail(dir, LEDGER_FILES.windows, ctx).unrepaired).toBe('windows.jsonl: torn last line left as it is (ENOSPC)');
    expect(readFileSync(join(dir, LEDGER_FILES.windows)).equals(before)).toBe(true);
  });
});
