// The bench ledger must be what the real commands write: every row passes its schema and folds into windows.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnomalyRowSchema, LedgerRowSchema, scanWindowViews, WindowRowSchema, type WindowView } from '../ledger/index.js';
import { generateLedger } from './generate-ledger.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-ledger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rowsOf = (file: string): Record<string, unknown>[] =>
  readFileSync(join(dir, file), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('generateLedger', () => {
  const stats = generateLedger(dir, 6_000);

  it('writes schema-valid snapshot, retraction, window and anomaly rows with unique ids', () => {
    const snapshots = rowsOf('snapshots.jsonl');
    const windows = rowsOf('windows.jsonl');
    const anomalies = rowsOf('anomalies.jsonl');
    for (const row of snapshots) expect(LedgerRowSchema.safeParse(row).error).toBeUndefined();
    for (const row of windows) expect(WindowRowSchema.safeParse(row).error).toBeUndefined();
    for (const row of anomalies) expect(AnomalyRowSchema.safeParse(row).error).toBeUndefined();
    expect(snapshots.filter((row) => row.kind === 'snapshot')).toHaveLength(6_000);
    expect(snapshots.filter((row) => row.kind === 'retraction')).toHaveLength(stats.retractions);
    expect(windows).toHaveLength(stats.completions + stats.corrections);
    expect(anomalies.map((row) => row.code).sort()).toEqual(['late-after', 'negative-delta', 'negative-delta', 'reset-crossed']);
    const ids = [...snapshots, ...windows, ...anomalies].map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(stats).toMatchObject({ windows: 3_000, retractions: 10, corrections: 2 });
    expect(stats.completions).toBeGreaterThan(2_600);
  });

  it('folds into one view per window whose capacity matches the recorded completion', async () => {
    const views: WindowView[] = [];
    const result = await scanWindowViews(dir, (view) => views.push(view));
    expect(result).toMatchObject({ windows: 3_000, unreadable: [], repaired: [] });
    expect(views.filter((view) => view.completed)).toHaveLength(stats.completions);
    // Completed windows carry their recorded capacity, not capture points: only open ones can lack an after.
    expect(views.filter((view) => !view.completed && view.after === null)).toHaveLength(stats.retractions);
    const recorded = new Map<string, Record<string, unknown>>();
    for (const row of rowsOf('windows.jsonl')) recorded.set(`${row.agent_id}/${row.provider}/${row.window_id}`, row);
    for (const view of views.filter((candidate) => candidate.completed)) {
      const row = recorded.get(`${view.agentId}/${view.provider}/${view.windowId}`);
      expect(view.capacity).toEqual(row?.capacity);
      expect(view.quality).toBe(row?.quality_score);
    }
    expect(views.filter((view) => view.errors.length > 0).map((view) => view.errors)).toEqual([
      ['negative-delta'],
      ['reset-crossed'],
      ['negative-delta'],
    ]);
  });
});
