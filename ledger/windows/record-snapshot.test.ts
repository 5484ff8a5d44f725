import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/app-error.js';
import type { StampContext } from '../store/stamp-row.js';
import { completeWindow } from './complete-window.js';
import { AFTER_TOO_SOON } from './reset-buffer.js';
import { recordSnapshot, type CaptureReading } from './record-snapshot.js';
import { undoCapture } from './undo-capture.js';

const ctx: StampContext = { agentId: 'main', source: 'manual' };
const reading = (pct: number, resetsAt: string | null = null): CaptureReading => ({
  format: 'json',
  bars: { five_hour: { used_pct: pct, resets_at: resetsAt } },
  parse_errors: [],
});
const at = (iso: string) => new Date(iso);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'record-snapshot-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lines = (file: string) => readFileSync(join(dir, file), 'utf8').trim().split('\n');

describe('recordSnapshot', () => {
  it('opens a window named after provider and time, and closes it with a delta', () => {
    const before = recordSnapshot(dir, ctx, {
      provider: 'claude',
      phase: 'before',
      reading: reading(10),
      capturedAt: at('2026-11-21T10:00:00Z'),
    });
    expect(before.row.window_id).toBe('claude-20261121-1000');
    const after = recordSnapshot(dir, ctx, {
      provider: 'claude',
      phase: 'after',
      reading: reading(17.5),
      capturedAt: at('2026-11-21T11:00:00Z'),
    });
    expect(after.row.window_id).toBe('claude-20261121-1000');
    expect(after.capacity?.capacity?.delta).toBe(7.5);
    expect(after.anomalies).toEqual([]);
  });

  it('writes agent_id, provider and window_id side by side, as the preview fast reader expects', () => {
    recordSnapshot(dir, ctx, { provider: 'claude', phase: 'before', reading: reading(10), capturedAt: at('2026-11-21T10:00:00Z') });
    const keys = Object.keys(JSON.parse(lines('snapshots.jsonl')[0] ?? '{}') as object);
    const agent = keys.indexOf('agent_id');
    expect(keys.slice(0, 2)).toEqual(['id', 'kind']);
    expect(keys.slice(agent, agent + 3)).toEqual(['agent_id', 'provider', 'window_id']);
  });

  it('refuses a second before and writes nothing', () => {
    recordSnapshot(dir, ctx, { provider: 'claude', phase: 'before', reading: reading(10), capturedAt: at('2026-11-21T10:00:00Z') });
    const attempt = () =>
      recordSnapshot(dir, ctx, { provider: 'claude', phase: 'before', reading: reading(11), capturedAt: at('2026-11-21T10:01:00Z') });
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/already has a before in window claude-20261121-1000/);
    expect(lines('snapshots.jsonl')).toHaveLength(1);
  });

  it('lets another agent open the same provider at the same time', () => {
    recordSnapshot(dir, ctx, { provider: 'claude', phase: 'before', reading: reading(10), capturedAt: at('2026-11-21T10:00:00Z') });
    const other = recordSnapshot(
      dir,
      { agentId: 'sub1', source: 'manual' },
      { provider: 'claude', phase: 'before', reading: reading(10), capturedAt: at('2026-11-21T10:00:00Z') },
    );
    expect(other.row.agent_id).toBe('sub1');
  });

  it('refuses an after earlier than its before', () => {
    recordSnapshot(dir, ctx, { provider: 'codex', phase: 'before', reading: reading(10), capturedAt: at('2026-11-21T10:00:00Z') });
    expect(() =>
      recordSnapshot(dir, ctx, { provider: 'codex', phase: 'after', reading: reading(12), capturedAt: at('2026-11-21T09:00:00Z') }),
    ).toThrow(/earlier than the before/);
  });

  it('holds back an after 4 minutes past a reset and tags a forced one', () => {
    recordSnapshot(dir, ctx, {
      provider: 'codex',
      phase: 'before',
      reading: reading(50, '2026-11-21T12:00:00.000Z'),
      capturedAt: at('2026-11-21T10:00:00Z'),
    });
    const late = {
      provider: 'codex',
      phase: 'after' as const,
      reading: reading(3, '2026-11-21T17:00:00.000Z'),
      capturedAt: at('2026-11-21T12:04:00Z'),
    };
    expect(() => recordSnapshot(dir, ctx, late)).toThrow(/within 5 minutes after the five_hour reset/);
    // Callers that may force it (the runner's capture) recognise the refusal by its kind, never its words.
    expect(() => recordSnapshot(dir, ctx, late)).toThrow(expect.objectContaining({ kind: AFTER_TOO_SOON }));
    const forced = recordSnapshot(dir, ctx, { ...late, force: true });
    expect(forced.row.tags).toEqual(['late-after', 'forced']);
    expect(forced.anomalies.map((row) => row.code)).toEqual(['late-after', 'reset-crossed']);
    expect(lines('anomalies.jsonl')).toHaveLength(2);
  });

  it('retracts with undo and completes only windows with both captures', () => {
    recordSnapshot(dir, ctx, { provider: 'codex', phase: 'before', reading: reading(10), capturedAt: at('2026-11-21T10:00:00Z') });
    expect(() => completeWindow(dir, ctx, { provider: 'codex', quality: 1, outcome: 'success' })).toThrow(/has no after yet/);
    const undone = undoCapture(dir, ctx, { provider: 'codex' });
    expect(undone.retracted.phase).toBe('before');
    expect(() => undoCapture(dir, ctx, { provider: 'codex' })).toThrow(/nothing to undo/);
    recordSnapshot(dir, ctx, { provider: 'codex', phase: 'before', reading: reading(10), capturedAt: at('2026-11-21T10:05:00Z') });
    recordSnapshot(dir, ctx, { provider: 'codex', phase: 'after', reading: reading(30), capturedAt: at('2026-11-21T11:00:00Z') });
    const row = completeWindow(dir, ctx, { provider: 'codex', quality: 0.5, outcome: 'partial', featureId: 'F1' });
    expect(row).toMatchObject({
      window_id: 'codex-20261121-1005',
      feature_id: 'F1',
      capacity: { delta: 20 },
      methodology: 'manual',
      errors: [],
    });
    const amended = completeWindow(dir, ctx, { provider: 'codex', quality: 0.8, outcome: 'success', amend: true });
    expect(amended.supersedes).toBe(row.id);
    expect(amended.feature_id).toBe('F1');
  });
});
