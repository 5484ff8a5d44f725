// Invariant 8 when writers die: a killed writer loses at most its unfinished row, and a torn tail is cut and kept.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stampRow, type StampContext } from './stamp-row.js';
import { appendRows } from './append-rows.js';
import { LEDGER_FILES, resolveRejectsDir } from './data-dir.js';
import { readLines } from './read-lines.js';
import { scanLedger } from './scan-ledger.js';
import { makeTempDir, splitLines, startWorker } from './test-fixtures/spawn-worker.js';

const ctx: StampContext = { agentId: 'tester', source: 'manual' };
const FRAGMENT = '{"id":"0190-torn","kind":"snapshot","provider":"cla';
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const readRows = (path: string): Record<string, unknown>[] =>
  splitLines(path).lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('appendRows and scanLedger when a writer dies', () => {
  let dir: string;
  let cleanup: () => void;
  let snapshots: string;
  let anomalies: string;
  beforeEach(() => {
    ({ dir, cleanup } = makeTempDir('append-kill'));
    snapshots = join(dir, LEDGER_FILES.snapshots);
    anomalies = join(dir, LEDGER_FILES.anomalies);
  });
  afterEach(() => cleanup());

  const writeRows = (count: number): Buffer => {
    for (let seq = 0; seq < count; seq += 1) appendRows(dir, LEDGER_FILES.snapshots, [stampRow(ctx, 'append-test', { seq })], ctx);
    return readFileSync(snapshots);
  };
  const tornTailAnomalies = () => (existsSync(anomalies) ? readRows(anomalies).filter((row) => row.code === 'torn-tail') : []);

  it('(a) keeps every complete row of writers killed with SIGKILL mid-stream, and repairs what they tore', async () => {
    const rounds = 3;
    for (let round = 0; round < rounds; round += 1) {
      // Big rows make a write still in progress at the kill more likely; the assertions hold either way.
      const worker = startWorker(dir, `k${round}`, 'forever', 256 * 1024);
      const sizeAtStart = existsSync(snapshots) ? statSync(snapshots).size : 0;
      while (!existsSync(snapshots) || statSync(snapshots).size < sizeAtStart + 20 * 256 * 1024) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      worker.child.kill('SIGKILL');
      const exit = await worker.exited;
      expect(exit.signal, exit.stderr).toBe('SIGKILL');
    }

    const before = splitLines(snapshots);
    const completeBytes = Buffer.byteLength(before.lines.map((line) => `${line}\n`).join(''), 'utf8');
    const rows = before.lines.map((line) => JSON.parse(line) as { writer: string; seq: number });
    for (let round = 0; round < rounds; round += 1) {
      const seqs = rows.filter((row) => row.writer === `k${round}`).map((row) => row.seq);
      // Each writer appends in order, so what survives is a gap-free prefix 0..n-1 (nothing lost before the kill).
      expect(seqs.length).toBeGreaterThanOrEqual(round === rounds - 1 ? 20 : 1);
      expect(seqs).toEqual(seqs.map((_, index) => index));
    }
    const tornBefore = tornTailAnomalies().length;

    const result = scanLedger(dir, LEDGER_FILES.snapshots, () => undefined, { repairAs: ctx });
    expect(result.unreadable).toEqual([]);
    expect(result.lines).toBe(before.lines.length);
    if (before.tail === '') {
      expect(result.repaired).toBeNull();
      expect(tornTailAnomalies()).toHaveLength(tornBefore);
    } else {
      expect(result.repaired).toMatchObject({ offset: completeBytes, length: Buffer.byteLength(before.tail, 'utf8') });
      expect(tornTailAnomalies()).toHaveLength(tornBefore + 1);
    }
    const after = readFileSync(snapshots);
    expect(after.length).toBe(completeBytes);
    expect(after.at(-1)).toBe(0x0a);
  });

  it('(b) cuts exactly the torn fragment, keeps it under rejects/ and records a torn-tail anomaly', () => {
    const complete = writeRows(3);
    appendFileSync(snapshots, FRAGMENT);

    const visited: unknown[] = [];
    const result = scanLedger(dir, LEDGER_FILES.snapshots, (row) => visited.push(row.seq), { repairAs: ctx });

    expect(visited).toEqual([0, 1, 2]);
    const repaired = result.repaired;
    expect(repaired).toMatchObject({ file: LEDGER_FILES.snapshots, offset: complete.length, length: FRAGMENT.length, action: 'cut' });
    expect(sha256(readFileSync(snapshots))).toBe(sha256(complete));
    expect(readFileSync(repaired?.keptAt ?? '', 'utf8')).toBe(FRAGMENT);
    expect(repaired?.keptAt?.startsWith(resolveRejectsDir(dir))).toBe(true);
    expect(existsSync(repaired?.keptAt?.replace(/\.input$/, '.reason.json') ?? '')).toBe(true);
    const [anomaly, ...more] = tornTailAnomalies();
    expect(more).toEqual([]);
    expect(anomaly).toMatchObject({
      kind: 'anomaly',
      code: 'torn-tail',
      file: LEDGER_FILES.snapshots,
      agent_id: 'tester',
      details: { offset: complete.length, length: FRAGMENT.length, kept_at: repaired?.keptAt },
    });
  });

  it('(b) cuts a file that holds nothing but a fragment down to zero bytes', () => {
    appendFileSync(snapshots, FRAGMENT);
    const result = scanLedger(dir, LEDGER_FILES.snapshots, () => undefined, { repairAs: ctx });
    expect(result.repaired).toMatchObject({ offset: 0, length: FRAGMENT.length });
    expect(readFileSync(snapshots).length).toBe(0);
    expect(tornTailAnomalies()).toHaveLength(1);
  });

  it('(c) an append after a torn tail lands on its own line, and the repair is recorded', () => {
    const complete = writeRows(2);
    appendFileSync(snapshots, FRAGMENT);
    const row = stampRow(ctx, 'append-test', { seq: 2 });

    appendRows(dir, LEDGER_FILES.snapshots, [row], ctx);

    const bytes = readFileSync(snapshots);
    expect(sha256(bytes)).toBe(sha256(Buffer.concat([complete, Buffer.from(`${JSON.stringify(row)}\n`)])));
    expect(readRows(snapshots).map((line) => line.seq)).toEqual([0, 1, 2]);
    const [anomaly] = tornTailAnomalies();
    expect(anomaly).toMatchObject({ file: LEDGER_FILES.snapshots, details: { offset: complete.length, length: FRAGMENT.length } });
    expect(readFileSync(String((anomaly?.details as { kept_at: string }).kept_at), 'utf8')).toBe(FRAGMENT);
  });

  it('(c) an append to a torn anomalies.jsonl writes the torn-tail anomaly and the new row, each on its own line', () => {
    const first = stampRow(ctx, 'anomaly', { code: 'negative-delta', message: 'first' });
    appendRows(dir, LEDGER_FILES.anomalies, [first], ctx);
    const complete = readFileSync(anomalies);
    appendFileSync(anomalies, '{"id":"x","kind":"anom');
    const second = stampRow(ctx, 'anomaly', { code: 'late-after', message: 'second' });

    appendRows(dir, LEDGER_FILES.anomalies, [second], ctx);

    expect(readFileSync(anomalies).subarray(0, complete.length).equals(complete)).toBe(true);
    const rows = readRows(anomalies);
    expect(rows.map((row) => row.code)).toEqual(['negative-delta', 'torn-tail', 'late-after']);
    expect(rows[1]).toMatchObject({ file: LEDGER_FILES.anomalies, details: { offset: complete.length, length: 22 } });
    expect(splitLines(anomalies).tail).toBe('');
  });

  it('(d) without repairAs, scanLedger reads the complete rows and leaves the file alone', () => {
    writeRows(3);
    appendFileSync(snapshots, FRAGMENT);
    const original = readFileSync(snapshots);

    const visited: unknown[] = [];
    const result = scanLedger(dir, LEDGER_FILES.snapshots, (row) => visited.push(row.seq));

    expect(visited).toEqual([0, 1, 2]);
    expect(result).toMatchObject({ lines: 3, unreadable: [], repaired: null });
    expect(sha256(readFileSync(snapshots))).toBe(sha256(original));
    expect(existsSync(anomalies)).toBe(false);
    expect(existsSync(resolveRejectsDir(dir))).toBe(false);
    // The tail is still visible to readers that look for it.
    expect(readLines(snapshots, () => undefined).tail).toEqual({ offset: original.length - FRAGMENT.length, length: FRAGMENT.length });
  });
});
