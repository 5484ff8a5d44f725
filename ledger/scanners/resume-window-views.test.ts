// The preview checkpoint is carried on only when that is certain: a colliding hash and a damaged file both mean a full scan.
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stampRow, type StampContext } from '../store/stamp-row.js';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { completeWindow } from '../windows/complete-window.js';
import { recordSnapshot } from '../windows/record-snapshot.js';
import { buildWindowKey, hashWindowKey } from './row-head.js';
import { scanWindowViews, type ScanWindowsResult, type WindowView } from './scan-window-views.js';
import { readDerivedFile, writeDerivedFile } from './derived-file.js';
import { loadViewCheckpoint, locateViewCheckpoint, saveViewCheckpoint } from './view-checkpoint.js';

const main: StampContext = { agentId: 'main', source: 'manual' };
const bars = (pct: number) => ({ format: 'json', bars: { five_hour: { used_pct: pct, resets_at: null } }, parse_errors: [] });
const at = (minute: number) => new Date(Date.UTC(2026, 10, 21, 10, minute));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'resume-views-'));
  recordSnapshot(dir, main, { provider: 'claude', phase: 'before', reading: bars(10), capturedAt: at(0) });
  recordSnapshot(dir, main, { provider: 'claude', phase: 'after', reading: bars(30), capturedAt: at(30) });
  completeWindow(dir, main, { provider: 'claude', quality: 0.8, outcome: 'success' });
  recordSnapshot(dir, main, { provider: 'codex', phase: 'before', reading: bars(5), capturedAt: at(40) });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Views with a fold whose state is the views handed on before the save, as the preview's builder would keep them. */
async function scanCarried(): Promise<{ views: WindowView[]; result: ScanWindowsResult }> {
  let views: WindowView[] = [];
  const result = await scanWindowViews(dir, (view) => views.push(view), {
    fold: {
      name: 'test',
      save: () => [...views],
      restore: (state) => {
        views = [...(state as WindowView[])];
        return true;
      },
    },
  });
  return { views, result };
}

async function scanFull(): Promise<WindowView[]> {
  const views: WindowView[] = [];
  await scanWindowViews(dir, (view) => views.push(view));
  return views;
}

const paths = () => ({ windows: join(dir, LEDGER_FILES.windows), snapshots: join(dir, LEDGER_FILES.snapshots) });

describe('resumeWindowViews', () => {
  it('carries the checkpoint on over new rows', async () => {
    expect((await scanCarried()).result.read).toBe('full');
    recordSnapshot(dir, main, { provider: 'codex', phase: 'after', reading: bars(25), capturedAt: at(50) });
    const carried = await scanCarried();
    expect(carried.result.read).toBe('checkpoint');
    expect(carried.result.windows).toBe(2);
    expect(carried.views).toEqual(await scanFull());
    expect(carried.views[1]).toMatchObject({ provider: 'codex', capacity: { delta: 20 } });
  });

  it('falls back to the full scan when a new capture hashes like a window folded as completed', async () => {
    await scanCarried();
    // A collision made on purpose: the open codex window's hash is put among the completed ones.
    const stored = loadViewCheckpoint(dir, paths(), 'test');
    if (!stored) throw new Error('no checkpoint was stored');
    const open = hashWindowKey(buildWindowKey('main', 'codex', 'codex-20261121-1040'));
    saveViewCheckpoint(dir, paths(), 'test', { ...stored, completed: Int32Array.from([...stored.completed, open]).sort() });
    recordSnapshot(dir, main, { provider: 'codex', phase: 'after', reading: bars(25), capturedAt: at(50) });
    const carried = await scanCarried();
    expect(carried.result.read).toBe('full');
    expect(carried.views).toEqual(await scanFull());
    expect(carried.views[1]).toMatchObject({ provider: 'codex', capacity: { delta: 20 } });
  });

  it('falls back when a new retraction names an older row, even beside a torn line that starts like it', async () => {
    await scanCarried();
    const first = JSON.parse(readFileSync(join(dir, LEDGER_FILES.windows), 'utf8').split('\n')[0] as string) as { id: string };
    appendRows(
      dir,
      LEDGER_FILES.windows,
      [stampRow(main, 'retraction', { target_id: first.id, target_kind: 'window', reason: 'test' })],
      main,
    );
    appendFileSync(join(dir, LEDGER_FILES.windows), `{"id":${JSON.stringify(first.id)},"kind":"window"`);
    const carried = await scanCarried();
    expect(carried.result.read).toBe('full');
    expect(carried.views).toEqual(await scanFull());
    expect(carried.views.filter((view) => view.completed)).toHaveLength(0);
  });

  it('stores NaN and infinities, which JSON cannot hold, as they were', async () => {
    await scanCarried();
    const stored = loadViewCheckpoint(dir, paths(), 'test');
    if (!stored) throw new Error('no checkpoint was stored');
    const state = { mean: Number.NaN, m2: Number.POSITIVE_INFINITY, low: Number.NEGATIVE_INFINITY, n: 3, na: 'value 2 is Infinity' };
    const point = { at: 1, pct5h: Number.POSITIVE_INFINITY, tokens: null, reset5h: Number.NaN };
    const kept = [{ id: 'a', key: buildWindowKey('main', 'codex', 'w'), source: 'manual', phase: 'before' as const, point }];
    saveViewCheckpoint(dir, paths(), 'test', { ...stored, state, kept });
    expect(loadViewCheckpoint(dir, paths(), 'test')).toMatchObject({ state, kept });
  });

  it('scans everything when a checkpoint with a good digest holds a body that is not its shape', async () => {
    await scanCarried();
    const file = locateViewCheckpoint(dir, paths(), 'test');
    const body = JSON.parse(readDerivedFile(file) ?? 'null') as { kept: { keyOf: string } };
    // Every row's key index past the end of the keys.
    const keyOf = new Int32Array(Buffer.from(body.kept.keyOf, 'base64').length / 4).fill(99);
    expect(keyOf.length).toBeGreaterThan(0);
    body.kept.keyOf = Buffer.from(keyOf.buffer).toString('base64');
    writeDerivedFile(file, JSON.stringify(body));
    const carried = await scanCarried();
    expect(carried.result.read).toBe('full');
    expect(carried.views).toEqual(await scanFull());
  });

  it('keeps the newest checkpoints only, and stores none for a data dir with no ledger', async () => {
    for (let name = 0; name < 11; name += 1)
      await scanWindowViews(dir, () => {}, { fold: { name: `n${name}`, save: () => null, restore: () => true } });
    expect(readdirSync(join(dir, 'state', 'preview')).filter((file) => file.endsWith('.json'))).toHaveLength(8);
    const empty = mkdtempSync(join(tmpdir(), 'resume-views-empty-'));
    try {
      await scanWindowViews(empty, () => {}, { fold: { name: 'test', save: () => null, restore: () => true } });
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('ignores a damaged checkpoint', async () => {
    await scanCarried();
    const folder = join(dir, 'state', 'preview');
    for (const name of readdirSync(folder)) appendFileSync(join(folder, name), ' ');
    const carried = await scanCarried();
    expect(carried.result.read).toBe('full');
    expect(carried.views).toEqual(await scanFull());
  });
});
