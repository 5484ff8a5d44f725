// The Limit changes page's everyday calibration: Codex's rollout turns count beside the proxy's and OTel's requests, once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendRows, LEDGER_FILES, type ReadingRow, readUsageInputs, stampRow } from '../ledger/index.js';
import { buildUsageViews, findBarsStart, readBarsView } from './read-capacity-view.js';
import { finishEverydayUses, readViewLedger } from './read-view-ledger.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Four hourly token_count events of one Codex session, as `tracker ingest codex-rollout` records them: 50,000 tokens and 2% a turn. */
function writeRolloutReadings(dir: string): void {
  const now = Date.now();
  const rows = [4, 3, 2, 1].map(
    (hoursAgo, i) =>
      stampRow({ agentId: 'main', source: 'ingest' }, 'reading', {
        provider: 'codex',
        captured_at: new Date(now - hoursAgo * 3_600_000).toISOString(),
        format: 'codex-rollout',
        bars: { five_hour: { used_pct: 10 + 2 * i, resets_at: new Date(now + 3_600_000).toISOString(), window_minutes: 300 } },
        tokens: { total: 50_000 * (i + 1), input: 48_000 * (i + 1), output: 2_000 * (i + 1), cache_read: 20_000 * (i + 1) },
        session_id: '01a1fd17-8733-7ba0-9fbc-dde1b8b19085',
        model: 'gpt-5-codex',
      }) as ReadingRow,
  );
  appendRows<ReadingRow>(dir, LEDGER_FILES.snapshots, rows, { agentId: 'main', source: 'ingest' });
}

describe('buildUsageViews, everyday calibration', () => {
  it('calibrates Codex from its rollouts alone, and finishing the columns again adds nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capacity-view-'));
    dirs.push(dir);
    writeRolloutReadings(dir);
    const bars = readBarsView(dir);
    const read = readViewLedger(dir, 'UTC', findBarsStart(bars));
    const views = buildUsageViews(dir, read, bars);
    const codex = views.calibration.find((one) => one.provider === 'codex');
    const fiveHour = codex?.bars.find((bar) => bar.bar === 'five_hour');
    expect(fiveHour).toMatchObject({ pairs: 3, unrecorded_moves: 0 });
    expect(fiveHour?.tokens_per_pct?.estimate).toBeCloseTo(25_000, 6);
    const again = finishEverydayUses(read, readUsageInputs(dir).readings);
    expect(again.tokens.get('codex')?.amount.reduce((sum, amount) => sum + amount, 0)).toBe(200_000);
  });
});
