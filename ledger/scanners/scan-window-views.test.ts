import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StampContext } from '../store/stamp-row.js';
import { completeWindow } from '../windows/complete-window.js';
import { recordSnapshot } from '../windows/record-snapshot.js';
import { scanWindowViews, type WindowView } from './scan-window-views.js';
import { undoCapture } from '../windows/undo-capture.js';

const main: StampContext = { agentId: 'main', source: 'manual' };
const bars = (pct: number) => ({ format: 'json', bars: { five_hour: { used_pct: pct, resets_at: null } }, parse_errors: [] });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scan-views-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function collect(): Promise<WindowView[]> {
  const views: WindowView[] = [];
  await scanWindowViews(dir, (view) => views.push(view));
  return views;
}

describe('scanWindowViews', () => {
  it('folds retractions, corrections and completions into one view per window', async () => {
    recordSnapshot(dir, main, { provider: 'claude', phase: 'before', reading: bars(10), capturedAt: new Date('2026-11-21T10:00:00Z') });
    recordSnapshot(dir, main, { provider: 'claude', phase: 'after', reading: bars(90), capturedAt: new Date('2026-11-21T11:00:00Z') });
    undoCapture(dir, main, { provider: 'claude' });
    recordSnapshot(dir, main, { provider: 'claude', phase: 'after', reading: bars(25), capturedAt: new Date('2026-11-21T11:01:00Z') });
    completeWindow(dir, main, { provider: 'claude', quality: 0.2, outcome: 'fail' });
    completeWindow(dir, main, { provider: 'claude', quality: 0.6, outcome: 'partial', amend: true });
    recordSnapshot(
      dir,
      { agentId: 'b', source: 'manual' },
      { provider: 'claude', phase: 'before', reading: bars(5), capturedAt: new Date('2026-11-21T10:00:00Z') },
    );

    const views = await collect();
    expect(views).toHaveLength(2);
    expect(views[0]).toMatchObject({
      agentId: 'main',
      windowId: 'claude-20261121-1000',
      completed: true,
      quality: 0.6,
      outcome: 'partial',
      capacity: { delta: 15 },
      errors: [],
    });
    expect(views[1]).toMatchObject({ agentId: 'b', completed: false, after: null, capacity: null });
  });

  it('reports a window whose bar went down', async () => {
    recordSnapshot(dir, main, { provider: 'codex', phase: 'before', reading: bars(40), capturedAt: new Date('2026-11-21T10:00:00Z') });
    recordSnapshot(dir, main, { provider: 'codex', phase: 'after', reading: bars(20), capturedAt: new Date('2026-11-21T11:00:00Z') });
    expect((await collect())[0]).toMatchObject({ capacity: { delta: null }, errors: ['negative-delta'] });
  });
});
