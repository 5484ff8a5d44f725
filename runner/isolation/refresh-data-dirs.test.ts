// Before each arm: a data dir made after the run's first search is hidden too, searched again at most once a minute.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDataDir } from '../../ledger/index.js';
import { buildIsolationPlan, refreshDataDirs } from './build-isolation-plan.js';

// Outside /tmp, which every sandbox hides (its own private /tmp), so only the search can hide it.
const elsewhere = mkdtempSync(join('/var/tmp', 'agent-tracker-other-data-'));
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

describe('refreshDataDirs', () => {
  it('adds a data dir made since the last search, once that search is a minute old', async () => {
    const none = () => ({ found: [], folders: 0, complete: true });
    const plan = buildIsolationPlan({ commands: [], dataDir: join(tmpdir(), 'run-data'), env: process.env, findDataDirs: none });
    const at = plan.dataDirSearch?.at ?? 0;
    const late = ensureDataDir(join(elsewhere, 'started-later', 'data'));
    await refreshDataDirs(plan, at + 1_000);
    expect(plan.hideAlways).not.toContain(late);
    await refreshDataDirs(plan, at + 61_000);
    expect(plan.hideAlways).toContain(late);
    expect(plan.dataDirSearch).toMatchObject({ complete: true, at: at + 61_000 });
  });
});
