// A capture checkpoint that does not match the file (or is damaged, or from another format) is ignored: a full scan, never a wrong answer.
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StampContext } from '../store/stamp-row.js';
import { foldRows } from '../store/fold-rows.js';
import { findOverlaps } from '../windows/find-overlaps.js';
import { recordSnapshot, type CaptureReading } from '../windows/record-snapshot.js';
import { collectReadingResets } from '../windows/reset-buffer.js';
import { scanProviderSnapshots } from './scan-provider-snapshots.js';

const main: StampContext = { agentId: 'main', source: 'manual' };
const bob: StampContext = { agentId: 'bob', source: 'manual' };
const reading = (pct: number): CaptureReading => ({
  format: 'json',
  bars: { five_hour: { used_pct: pct, resets_at: null } },
  parse_errors: [],
});
const at = (minute: number) => new Date(Date.UTC(2026, 10, 21, 10, minute));

let dir: string;
let ledger: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capture-checkpoint-'));
  ledger = join(dir, 'snapshots.jsonl');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const capture = (ctx: StampContext, phase: 'before' | 'after', minute: number, windowId?: string) =>
  recordSnapshot(dir, ctx, { provider: 'claude', phase, reading: reading(minute), capturedAt: at(minute), windowId });

/** The checkpointed scan answers as the full scan does (windows, overlaps, resets), and says which windows it saw. */
function expectFullScanAnswers(minute: number): string[] {
  const incremental = scanProviderSnapshots(dir, 'main', 'claude', () => {}, { capturedAt: at(minute) });
  const full = scanProviderSnapshots(dir, 'main', 'claude', () => {}, { checkpoint: false });
  const windows = (own: typeof full.own) => foldRows(own).map((row) => String((row as { window_id?: string }).window_id));
  expect(windows(incremental.own)).toEqual(windows(full.own));
  const self = { agentId: 'main', start: incremental.horizon ?? 0, end: at(minute + 60).getTime() };
  expect(findOverlaps(incremental.all, 'claude', self)).toEqual(findOverlaps(full.all, 'claude', self));
  expect(collectReadingResets(incremental.readings, self.start, self.end)).toEqual(
    collectReadingResets(full.readings, self.start, self.end),
  );
  return windows(incremental.own);
}

const checkpointFiles = () => readdirSync(join(dir, 'state', 'capture')).filter((name) => name.endsWith('.json'));

describe('capture checkpoint', () => {
  it('is written under state/capture/ and carried forward by later captures', () => {
    capture(main, 'before', 0, 'w1');
    expect(checkpointFiles()).toHaveLength(1);
    capture(main, 'after', 30);
    capture(main, 'before', 40, 'w2');
    expect(expectFullScanAnswers(50)).toEqual(['w1', 'w1', 'w2']);
  });

  it('is ignored for a different file under the same name (a new inode)', () => {
    capture(main, 'before', 0, 'w1');
    const copy = `${ledger}.new`;
    // A longer file without w1: a checkpoint taken for it would still answer w1.
    writeFileSync(copy, `${readFileSync(ledger, 'utf8').replaceAll('"w1"', '"w9"')}\n\n`);
    renameSync(copy, ledger);
    expect(expectFullScanAnswers(10)).toEqual(['w9']);
  });

  it('is ignored when the file was rewritten in place (same inode, other bytes before the offset)', () => {
    capture(main, 'before', 0, 'w1');
    writeFileSync(ledger, `${readFileSync(ledger, 'utf8').replaceAll('"w1"', '"w9"')}\n\n`);
    expect(expectFullScanAnswers(10)).toEqual(['w9']);
  });

  it('is ignored when the file is shorter than its offset, or the offset no longer ends a line', () => {
    capture(main, 'before', 0, 'w1');
    capture(main, 'after', 30);
    const whole = readFileSync(ledger, 'utf8');
    truncateSync(ledger, whole.indexOf('\n') + 1);
    // The next capture sees the file shorter than the checkpoint's offset.
    expect(expectFullScanAnswers(40)).toEqual(['w1']);
    writeFileSync(ledger, `${whole.slice(0, whole.indexOf('\n'))} \n`);
    appendFileSync(ledger, 'x'.repeat(whole.length));
    expect(expectFullScanAnswers(40)).toEqual(['w1']);
  });

  it('is ignored when damaged, or written by another format or schema version, and then rewritten', () => {
    capture(main, 'before', 0, 'w1');
    const [name] = checkpointFiles();
    const path = join(dir, 'state', 'capture', String(name));
    const stored = readFileSync(path, 'utf8');
    writeFileSync(path, stored.replace('"w1"', '"w7"'));
    expect(expectFullScanAnswers(10)).toEqual(['w1']);
    writeFileSync(path, stored.slice(0, stored.length >> 1));
    expect(expectFullScanAnswers(10)).toEqual(['w1']);
    expect(readFileSync(path, 'utf8')).not.toBe(stored.slice(0, stored.length >> 1));
    const body = JSON.parse(stored.slice(stored.indexOf('\n') + 1)) as Record<string, unknown>;
    for (const field of ['format', 'schema']) {
      const text = JSON.stringify({ ...body, [field]: 99, own: [] });
      writeFileSync(path, `${createHash('sha1').update(text).digest('hex')}\n${text}`);
      expect(expectFullScanAnswers(10)).toEqual(['w1']);
    }
  });

  it('survives a torn tail repaired by the next capture', () => {
    capture(main, 'before', 0, 'w1');
    appendFileSync(ledger, '{"kind":"snapshot","provider":"claude","agent_id":"main","window_id":"w');
    capture(main, 'after', 30);
    expect(expectFullScanAnswers(40)).toEqual(['w1', 'w1']);
  });

  it('falls back to the full scan when a retraction names a window it pruned', () => {
    capture(bob, 'before', 0, 'b1');
    capture(bob, 'after', 10);
    // main's window starts after bob's ended: bob's window is pruned from main's checkpoint.
    capture(main, 'before', 20, 'm1');
    const bobAfter = readFileSync(ledger, 'utf8').trim().split('\n')[1] as string;
    const id = (JSON.parse(bobAfter) as { id: string }).id;
    appendFileSync(
      ledger,
      `${JSON.stringify({ id: 'r-1', kind: 'retraction', ts: at(21).toISOString(), tool_version: 't', source: 'manual', agent_id: 'bob', schema_version: 1, target_id: id, target_kind: 'snapshot', reason: 'x', target: { provider: 'claude', window_id: 'b1' } })}\n`,
    );
    // bob's window is open again and overlaps main's: only a full scan knows it.
    const outcome = capture(main, 'after', 30);
    expect(outcome.anomalies.map((row) => row.code)).toContain('overlapping-windows');
    expectFullScanAnswers(40);
  });

  it('falls back to the full scan when a new row names a window it pruned', () => {
    capture(bob, 'before', 0, 'b1');
    capture(bob, 'after', 10);
    capture(main, 'before', 20, 'm1');
    // main's first checkpoint already holds a pruned key, in its own file.
    expect(readdirSync(join(dir, 'state', 'capture')).filter((name) => name.endsWith('.dropped'))).toHaveLength(1);
    const [bobBefore] = readFileSync(ledger, 'utf8').trim().split('\n');
    const row = JSON.parse(bobBefore as string) as Record<string, unknown>;
    // A second before of b1 (a hand, an import): the full fold still ends b1 at minute 10, before main's window.
    appendFileSync(ledger, `${JSON.stringify({ ...row, id: 'b1-again', captured_at: at(21).toISOString() })}\n`);
    const outcome = capture(main, 'after', 30);
    expect(outcome.anomalies.map((anomaly) => anomaly.code)).not.toContain('overlapping-windows');
    expectFullScanAnswers(40);
  });

  it('ignores a damaged file of pruned keys', () => {
    capture(bob, 'before', 0, 'b1');
    capture(bob, 'after', 10);
    capture(main, 'before', 20, 'm1');
    const [keys] = readdirSync(join(dir, 'state', 'capture')).filter((name) => name.endsWith('.dropped'));
    const path = join(dir, 'state', 'capture', String(keys));
    writeFileSync(path, Buffer.alloc(readFileSync(path).length));
    const [bobBefore] = readFileSync(ledger, 'utf8').trim().split('\n');
    const row = JSON.parse(bobBefore as string) as Record<string, unknown>;
    appendFileSync(ledger, `${JSON.stringify({ ...row, id: 'b1-again', captured_at: at(21).toISOString() })}\n`);
    expect(capture(main, 'after', 30).anomalies.map((anomaly) => anomaly.code)).not.toContain('overlapping-windows');
  });
});
