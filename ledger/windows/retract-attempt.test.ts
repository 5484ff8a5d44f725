import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { type StampContext, stampRow } from '../store/stamp-row.js';
import { completeWindow } from './complete-window.js';
import { foldAgentWindows } from './fold-agent-windows.js';
import { recordSnapshot } from './record-snapshot.js';
import { retractAttempt } from './retract-attempt.js';
import { undoCapture } from './undo-capture.js';

const ctx: StampContext = { agentId: 'main-abc123-w1', source: 'runner' };
const WINDOW = 'plan-abc123-a001-sim-claude';
const request = { provider: 'sim-claude', windowId: WINDOW, reason: 'experiment run resumed: this attempt was cut short' };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'retract-attempt-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function capture(phase: 'before' | 'after', iso: string): void {
  recordSnapshot(dir, ctx, {
    provider: 'sim-claude',
    phase,
    windowId: WINDOW,
    reading: { format: 'json', bars: { five_hour: { used_pct: phase === 'before' ? 10 : 12, resets_at: null } }, parse_errors: [] },
    capturedAt: new Date(iso),
  });
}

const live = () => foldAgentWindows(dir, ctx.agentId, 'sim-claude').find((window) => window.windowId === WINDOW);
const retractions = () =>
  readFileSync(join(dir, 'snapshots.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { kind: string; target?: { phase: string } })
    .filter((row) => row.kind === 'retraction');

describe('retractAttempt', () => {
  it('takes back an after and its before in one append, after first', () => {
    capture('before', '2026-11-21T10:00:00Z');
    capture('after', '2026-11-21T10:20:00Z');
    expect(retractAttempt(dir, ctx, request).map((row) => row.phase)).toEqual(['after', 'before']);
    expect(retractions().map((row) => row.target?.phase)).toEqual(['after', 'before']);
    expect(live()).toBeUndefined(); // nothing of it is live: the fold has no such window
  });

  it('takes back a before alone, and an after whose before is gone', () => {
    capture('before', '2026-11-21T10:00:00Z');
    expect(retractAttempt(dir, ctx, request).map((row) => row.phase)).toEqual(['before']);
    capture('before', '2026-11-21T11:00:00Z');
    capture('after', '2026-11-21T11:20:00Z');
    // The before retracted under the after (`tracker undo` refuses that order; a hand-written row does not).
    const before = live()?.before;
    const target = { provider: 'sim-claude', window_id: WINDOW, phase: 'before' };
    const retraction = stampRow(ctx, 'retraction', { target_id: before?.id, target_kind: 'snapshot', target, reason: 'by hand' });
    appendRows(dir, LEDGER_FILES.snapshots, [retraction], ctx);
    expect(live()).toMatchObject({ before: null, after: { phase: 'after' } });
    expect(retractAttempt(dir, ctx, request).map((row) => row.phase)).toEqual(['after']);
    expect(live()).toBeUndefined();
  });

  it('settles an attempt another process retracted after it was read, where undoing each phase read throws', () => {
    // The worker taking an arm over read [before, after]; the worker that lost the arm then
    // retracted its after (its fence refused the window) before the take-over's own undo ran.
    capture('before', '2026-11-21T10:00:00Z');
    capture('after', '2026-11-21T10:20:00Z');
    undoCapture(dir, ctx, { provider: 'sim-claude', windowId: WINDOW, phase: 'after', reason: 'the arm was given to another worker' });
    expect(() => undoCapture(dir, ctx, { provider: 'sim-claude', windowId: WINDOW, phase: 'after' })).toThrow(
      /has no after: nothing to undo/,
    );
    expect(retractAttempt(dir, ctx, request).map((row) => row.phase)).toEqual(['before']);
    // And a second settling of the same attempt (the other process, coming second) writes nothing.
    const before = retractions().length;
    expect(retractAttempt(dir, ctx, request)).toEqual([]);
    expect(retractions()).toHaveLength(before);
  });

  it('leaves a completed window alone, and writes nothing where nothing was captured', () => {
    expect(retractAttempt(dir, ctx, request)).toEqual([]);
    capture('before', '2026-11-21T10:00:00Z');
    capture('after', '2026-11-21T10:20:00Z');
    completeWindow(dir, ctx, { provider: 'sim-claude', windowId: WINDOW, quality: 1, outcome: 'success' });
    expect(retractAttempt(dir, ctx, request)).toEqual([]);
    expect(retractions()).toEqual([]);
  });
});
