// The Limit changes page's everyday calibration: Codex's rollout turns count beside the proxy's and OTel's requests, once.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlanTable, priceSubscription } from '../budget/plans/index.js';
import { createPriceTable } from '../budget/prices/index.js';
import {
  appendRows,
  LEDGER_FILES,
  type ReadingRow,
  readBarInputs,
  readUsageInputs,
  stampRow,
  type WindowSubscription,
} from '../ledger/index.js';
import { buildEverydayCalibration, mapRealAccounts } from '../reports/index.js';
import { buildUsageViews, findBarsStart, readBarsView } from './read-capacity-view.js';
import { finishEverydayUses, readViewLedger } from './read-view-ledger.js';
import { WINDOW_ROW } from '../ledger/scanners/test-fixtures/window-row.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Four hourly token_count events of one Codex session, as `tracker ingest codex-rollout` records them: 50,000 tokens and 2% a turn. */
function writeRolloutReadings(dir: string, daysAgo = 0): void {
  const now = Date.now() - daysAgo * 86_400_000;
  const rows = [4, 3, 2, 1].map(
    (hoursAgo, i) =>
      stampRow({ agentId: 'main', source: 'ingest' }, 'reading', {
        provider: 'codex',
        captured_at: new Date(now - hoursAgo * 3_600_000).toISOString(),
        format: 'codex-rollout',
        bars: { five_hour: { used_pct: 10 + 2 * i, resets_at: new Date(now + 3_600_000).toISOString(), window_minutes: 300 } },
        tokens: { total: 50_000 * (i + 1), input: 48_000 * (i + 1), output: 2_000 * (i + 1), cache_read: 20_000 * (i + 1) },
        session_id: `01a1fd17-8733-7ba0-9fbc-dde1b8b1${String(9085 + daysAgo)}`,
        model: 'gpt-5-codex',
      }) as ReadingRow,
  );
  appendRows<ReadingRow>(dir, LEDGER_FILES.snapshots, rows, { agentId: 'main', source: 'ingest' });
}

/** `tracker calibrate`'s calibration of the data dir with its default flags, or the plans given with --plan. */
function calibrateAsCli(dir: string, plans: Map<string, WindowSubscription> = new Map()) {
  const usage = readUsageInputs(dir);
  return buildEverydayCalibration(
    { bars: readBarInputs(dir), telemetry: usage.telemetry, otel: usage.otel, readings: usage.readings, windows: usage.windows },
    {
      prices: createPriceTable(BUILT_IN_CATALOG),
      plans,
      since_ms: null,
      until_ms: null,
      timeZone: 'UTC',
      confidence: 0.95,
      providers: [],
      accounts: mapRealAccounts(usage.windows, []),
    },
  ).calibrations;
}

describe('buildUsageViews, everyday calibration', () => {
  it('calibrates Codex from its rollouts alone, and finishing the columns again adds nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capacity-view-'));
    dirs.push(dir);
    writeRolloutReadings(dir);
    const bars = readBarsView(dir).all;
    const read = readViewLedger(dir, BUILT_IN_CATALOG, 'UTC', findBarsStart(bars));
    const views = buildUsageViews(dir, BUILT_IN_CATALOG, read, bars);
    const codex = views.calibration.find((one) => one.provider === 'codex');
    const fiveHour = codex?.bars.find((bar) => bar.bar === 'five_hour');
    expect(fiveHour).toMatchObject({ pairs: 3, unrecorded_moves: 0 });
    expect(fiveHour?.tokens_per_pct?.estimate).toBeCloseTo(25_000, 6);
    const again = finishEverydayUses(read, readUsageInputs(dir).readings, () => () => 'not asked again');
    expect(again.tokens.get('codex')?.amount.reduce((sum, amount) => sum + amount, 0)).toBe(200_000);
  });

  it("joins a real run's codex-chatgpt arm with your own codex as tracker calibrate does, and never a scripted run's", () => {
    const dir = mkdtempSync(join(tmpdir(), 'capacity-view-'));
    dirs.push(dir);
    const now = Date.now();
    const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000).toISOString();
    const resets = new Date(now + 3_600_000).toISOString();
    // Your own Codex's turns at 4, 3 and 1 hours ago; the run's codex-chatgpt arm's at 2: 2% a turn on one bar.
    const turns: [string, number, number][] = [
      ['codex', 4, 1],
      ['codex', 3, 2],
      ['codex-chatgpt', 2, 1],
      ['codex', 1, 3],
    ];
    const rows = turns.map(
      ([provider, hoursAgo, n], i) =>
        stampRow({ agentId: 'main', source: 'ingest' }, 'reading', {
          provider,
          captured_at: at(hoursAgo),
          format: 'codex-rollout',
          bars: { five_hour: { used_pct: 10 + 2 * i, resets_at: resets, window_minutes: 300 } },
          tokens: { total: 50_000 * n, input: 48_000 * n, output: 2_000 * n, cache_read: 0 },
          session_id: provider === 'codex' ? '01a1fd17-8733-7ba0-9fbc-dde1b8b19085' : '01a1fd17-8733-7ba0-9fbc-dde1b8b19086',
          model: 'gpt-5-codex',
        }) as ReadingRow,
    );
    appendRows<ReadingRow>(dir, LEDGER_FILES.snapshots, rows, { agentId: 'main', source: 'ingest' });
    const window = (methodology: string) => ({
      ...WINDOW_ROW,
      provider: 'codex-chatgpt',
      window_id: 'codex-chatgpt-20261125-1700',
      ts: at(2),
      methodology,
    });
    const calibrate = (methodology: string) => {
      writeFileSync(join(dir, 'windows.jsonl'), `${JSON.stringify(window(methodology))}\n`);
      const bars = readBarsView(dir).all;
      const viewer = buildUsageViews(
        dir,
        BUILT_IN_CATALOG,
        readViewLedger(dir, BUILT_IN_CATALOG, 'UTC', findBarsStart(bars)),
        bars,
      ).calibration;
      return { viewer, cli: calibrateAsCli(dir) };
    };
    const real = calibrate('codex driver, codex-cli 0.169.0; capacity: the provider’s quota endpoint');
    expect(real.viewer).toEqual(real.cli);
    expect(real.viewer.map((one) => one.provider)).toEqual(['codex']);
    expect(real.viewer[0]?.bars.find((bar) => bar.bar === 'five_hour')?.pairs).toBe(3);
    const scripted = calibrate('SIMULATED: the scripted model server of agent-tracker answers');
    expect(scripted.viewer).toEqual(scripted.cli);
    expect(scripted.viewer.map((one) => one.provider).sort()).toEqual(['codex', 'codex-chatgpt']);
  });

  it("calibrates on every reading, as tracker calibrate does, while the Bars page keeps each bar's last 8 days", () => {
    const dir = mkdtempSync(join(tmpdir(), 'capacity-view-'));
    dirs.push(dir);
    // Two sessions of turns 12 days apart: the Bars page's 8 days hold the second only; the calibration was cut with it.
    writeRolloutReadings(dir, 12);
    writeRolloutReadings(dir);
    const bars = readBarsView(dir);
    expect(bars.shown[0]?.points).toHaveLength(4);
    const viewer = buildUsageViews(
      dir,
      BUILT_IN_CATALOG,
      readViewLedger(dir, BUILT_IN_CATALOG, 'UTC', findBarsStart(bars.all)),
      bars.all,
    ).calibration;
    expect(viewer).toEqual(calibrateAsCli(dir));
    expect(viewer[0]?.bars.find((bar) => bar.bar === 'five_hour')?.pairs).toBe(6);
  });

  it('calibrates under the plan experiment view --plan gave, as tracker calibrate does with the same flag', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capacity-view-'));
    dirs.push(dir);
    writeRolloutReadings(dir);
    const bars = readBarsView(dir).all;
    const plans = new Map([['codex', priceSubscription(createPlanTable(BUILT_IN_CATALOG), 'chatgpt-pro', '--plan')]]);
    const read = () => readViewLedger(dir, BUILT_IN_CATALOG, 'UTC', findBarsStart(bars));
    const viewer = buildUsageViews(dir, BUILT_IN_CATALOG, read(), bars, plans);
    expect(viewer.calibration.map((one) => [one.provider, one.plan])).toEqual([['codex', 'chatgpt-pro']]);
    expect(viewer.calibration).toEqual(calibrateAsCli(dir, plans));
    // The Report page's price is the plan's; without the flag, the calibration is under none.
    expect(viewer.prices.get('codex')?.plan).toBe('chatgpt-pro');
    expect(buildUsageViews(dir, BUILT_IN_CATALOG, read(), bars).calibration[0]?.plan).not.toBe('chatgpt-pro');
  });
});
