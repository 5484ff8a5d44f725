// The everyday calibration of a subscriber who runs no proxy: bars from the statusLine, tokens from the agent's own OpenTelemetry.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { createPlanTable, priceSubscription } from '../../budget/index.js';
import { createPriceTable } from '../../budget/prices/index.js';
import type { BarObservation } from '../../ledger/index.js';
import { makeOtelRow, makeProxyRow, makeRolloutEvent } from '../test-fixtures/make-usage-inputs.js';
import { buildEverydayCalibration, type EverydayLedger } from './build-everyday-calibration.js';

const RESETS = '2026-11-25T20:00:00.000Z';
/** `tracker statusline`'s reading of Claude Code's rate_limits at `at`. */
function statusline(at: string, fiveHour: number): BarObservation {
  return {
    provider: 'claude',
    captured_at: at,
    format: 'claude-statusline',
    bars: { five_hour: { used_pct: fiveHour, resets_at: RESETS } },
  };
}

// Three hours of readings, the bar moving 2% for each hour's work.
const readings = [
  statusline('2026-11-25T16:00:00.000Z', 10),
  statusline('2026-11-25T17:00:00.000Z', 12),
  statusline('2026-11-25T18:00:00.000Z', 14),
  statusline('2026-11-25T19:00:00.000Z', 16),
];
// Each hour, the two requests of the captured Claude Code export (5,238 tokens, $0.01652 at list prices) ten times.
const otel = ['16', '17', '18'].flatMap((hour) =>
  Array.from({ length: 10 }, (_, i) => [
    makeOtelRow(`2026-11-25T${hour}:${String(10 + i).padStart(2, '0')}:00.000Z`, 'claude-opus-5-5', [1800, 60, 0, 1200]),
    makeOtelRow(`2026-11-25T${hour}:${String(10 + i).padStart(2, '0')}:01.000Z`, 'claude-opus-5-5', [250, 8, 1800, 120]),
  ]).flat(),
);

const options = {
  prices: createPriceTable(BUILT_IN_CATALOG),
  plans: new Map([['claude', priceSubscription(createPlanTable(BUILT_IN_CATALOG), 'claude-max-20x', '--plan')]]),
  since_ms: null,
  until_ms: null,
  timeZone: 'UTC',
  confidence: 0.95,
  providers: [],
};
const ledger = (parts: Partial<EverydayLedger>): EverydayLedger => ({
  bars: { snapshots: [], readings, telemetry: [] },
  telemetry: [],
  otel: [],
  readings: [],
  windows: [],
  ...parts,
});

describe('buildEverydayCalibration from the agents’ own OpenTelemetry', () => {
  it('prices the plan from statusLine bars and OTel tokens alone, naming otel as the source', () => {
    const [calibration] = buildEverydayCalibration(ledger({ otel }), options).calibrations;
    expect(calibration).toMatchObject({ provider: 'claude', plan: 'claude-max-20x', plan_from: 'flag', sources: ['otel'] });
    const bar = calibration?.bars.find((one) => one.bar === 'five_hour');
    expect(bar?.pairs).toBe(3);
    // 2% per hour for 10 x 5,238 tokens: 26,190 tokens per 1%.
    expect(bar?.tokens_per_pct?.estimate).toBeCloseTo(26_190, 6);
    expect(bar?.per_usd?.pct_per_unit).toBeCloseTo(2 / (10 * 0.01652), 9);
    expect(calibration?.price?.usd_per_list_usd).toMatchObject({ binding: 'five_hour', estimate: expect.any(Number) });
    expect(calibration?.price?.usd_per_list_usd?.estimate).toBeGreaterThan(0);
  });

  it("takes an hour's day from the proxy where it also counted (the same requests are not added twice)", () => {
    const telemetry = [makeProxyRow('2026-11-25T16:30:00.000Z', 'claude-opus-5-5', [20_500, 680, 18_000, 13_200])];
    const [calibration] = buildEverydayCalibration(ledger({ otel, telemetry }), options).calibrations;
    expect(calibration?.sources).toEqual(['proxy']);
    expect(calibration?.bars.find((one) => one.bar === 'five_hour')?.pairs).toBe(1);
  });

  it('leaves out the requests of an attempt whose account gave its charges back (its probes too), as its readings are', () => {
    const hourly = ['16', '17', '18'].map((hour) => makeProxyRow(`2026-11-25T${hour}:30:00.000Z`, 'claude-opus-5-5', [1800, 60, 0, 1200]));
    const cutShort = [
      { ...makeProxyRow('2026-11-25T17:40:00.000Z', 'claude-opus-5-5', [90_000, 9_000, 0, 0]), window_id: 'a7' },
      { ...makeProxyRow('2026-11-25T17:41:00.000Z', 'claude-opus-5-5', [90_000, 9_000, 0, 0]), window_id: 'a7.before' },
    ];
    const price = (parts: Partial<EverydayLedger>) =>
      buildEverydayCalibration(ledger(parts), options).calibrations[0]?.bars.find((one) => one.bar === 'five_hour')?.per_usd?.pct_per_unit;
    const alone = price({ telemetry: hourly });
    const givenBack = { snapshots: [], readings, telemetry: [], given_back: ['a7'] };
    expect(price({ telemetry: [...hourly, ...cutShort], bars: givenBack })).toBe(alone);
    // Kept by the account (no given_back), the same requests are its use: the bar moved as much for more dollars.
    expect(price({ telemetry: [...hourly, ...cutShort] })).toBeLessThan((alone as number) / 10);
  });
});

describe('buildEverydayCalibration across one account', () => {
  const quota = (provider: string, at: string, fiveHour: number): BarObservation => ({
    provider,
    captured_at: at,
    format: 'codex-quota',
    bars: { five_hour: { used_pct: fiveHour, resets_at: RESETS } },
  });
  // Your own Codex read as `codex` at 16:00 and 18:00; a run's codex-chatgpt arm read before and after it at 17:00 and 17:30.
  const bars = {
    snapshots: [],
    readings: [
      quota('codex', '2026-11-25T16:00:00.000Z', 10),
      quota('codex-chatgpt', '2026-11-25T17:00:00.000Z', 12),
      quota('codex-chatgpt', '2026-11-25T17:30:00.000Z', 13),
      quota('codex', '2026-11-25T18:00:00.000Z', 15),
    ],
    telemetry: [],
  };
  const uses = [
    makeOtelRow('2026-11-25T16:30:00.000Z', 'gpt-5-codex', [100_000, 5_000, 0, 0], { provider: 'codex' }),
    makeOtelRow('2026-11-25T17:15:00.000Z', 'gpt-5-codex', [100_000, 5_000, 0, 0], { provider: 'codex-chatgpt' }),
    makeOtelRow('2026-11-25T17:45:00.000Z', 'gpt-5-codex', [100_000, 5_000, 0, 0], { provider: 'codex' }),
  ];
  const chatgpt = {
    ...options,
    plans: new Map([['codex-chatgpt', priceSubscription(createPlanTable(BUILT_IN_CATALOG), 'chatgpt-pro', '--plan')]]),
  };

  it("joins a run's codex-chatgpt readings and use with your own codex into one series under codex", () => {
    const result = buildEverydayCalibration(ledger({ bars, otel: uses }), { ...chatgpt, accounts: new Map([['codex-chatgpt', 'codex']]) });
    expect(result.calibrations.map((one) => one.provider)).toEqual(['codex']);
    expect(result.calibrations[0]).toMatchObject({ plan: 'chatgpt-pro', plan_from: 'flag' });
    expect(result.calibrations[0]?.bars.find((one) => one.bar === 'five_hour')?.pairs).toBe(3);
  });

  it('keeps them apart without the account: one pair each, the everyday one with no plan', () => {
    const result = buildEverydayCalibration(ledger({ bars, otel: uses }), chatgpt);
    expect(result.calibrations.map((one) => one.provider).sort()).toEqual(['codex', 'codex-chatgpt']);
  });
});

describe('buildEverydayCalibration from Codex rollouts alone', () => {
  // `tracker ingest codex-rollout`: each turn's token_count event holds the session's totals and the bars it was
  // answered with, at the same instant. The first event's turn lands before the first reading: it is in no pair.
  const hours = ['16', '17', '18', '19'];
  const events = hours.map((hour, i) => ({
    ...makeRolloutEvent(`2026-11-25T${hour}:00:00.000Z`, 50_000 * (i + 1), 48_000 * (i + 1), 20_000 * (i + 1)),
    model: 'gpt-5-codex',
  }));
  const bars = {
    snapshots: [],
    readings: hours.map((hour, i) => ({
      provider: 'codex',
      captured_at: `2026-11-25T${hour}:00:00.000Z`,
      format: 'codex-rollout',
      bars: { five_hour: { used_pct: 10 + 2 * i, resets_at: RESETS } },
    })),
    telemetry: [],
  };
  const plans = new Map([['codex', priceSubscription(createPlanTable(BUILT_IN_CATALOG), 'chatgpt-pro', '--plan')]]);

  it('prices the plan from the turns and the bars the same events carry, naming codex-rollout as the source', () => {
    const [calibration] = buildEverydayCalibration(ledger({ bars, readings: events }), { ...options, plans }).calibrations;
    expect(calibration).toMatchObject({ provider: 'codex', plan: 'chatgpt-pro', sources: ['codex-rollout'] });
    const bar = calibration?.bars.find((one) => one.bar === 'five_hour');
    expect(bar?.pairs).toBe(3);
    // Each hour a 50,000-token turn moved the bar 2%: 25,000 tokens per 1%.
    expect(bar?.tokens_per_pct?.estimate).toBeCloseTo(25_000, 6);
    expect(calibration?.price?.usd_per_list_usd?.estimate).toBeGreaterThan(0);
  });

  it("leaves the rollouts out of a day the agent's own OpenTelemetry counted (the same turns)", () => {
    const otel = [makeOtelRow('2026-11-25T16:30:00.000Z', 'gpt-5-codex', [40_000, 2_000, 0, 0], { provider: 'codex' })];
    const [calibration] = buildEverydayCalibration(ledger({ bars, readings: events, otel }), { ...options, plans }).calibrations;
    expect(calibration?.sources).toEqual(['otel']);
  });

  it('counts unpriced turns as recorded use: pairs and tokens per 1%, the price unknown for want of a list price', () => {
    const unnamed = events.map(({ model: _model, ...event }) => event);
    const [calibration] = buildEverydayCalibration(ledger({ bars, readings: unnamed }), { ...options, plans }).calibrations;
    const bar = calibration?.bars.find((one) => one.bar === 'five_hour');
    // Before: 0 pairs and 3 "moves without use", as if another client had spent the account.
    expect(bar).toMatchObject({ pairs: 3, unrecorded_moves: 0, per_usd: null });
    expect(bar?.tokens_per_pct?.estimate).toBeCloseTo(25_000, 6);
    expect(calibration?.price?.usd_per_list_usd).toBeNull();
    expect(calibration?.price?.unknown_reason).toContain('holds use with no list price (its model is not in the price table');
  });

  it('leaves a pair that holds an unpriced turn out of the dollars only: its bar moved for more than the priced use', () => {
    // Between 17:00 and 18:00 another session's turn of 10,000 tokens names no model: the bar moved 2.4%, not 2%.
    const other = makeRolloutEvent('2026-11-25T17:30:00.000Z', 10_000, 9_600, 4_000, 'session-2');
    const moved = {
      ...bars,
      readings: bars.readings.map((reading, i) => ({
        ...reading,
        bars: { five_hour: { used_pct: [10, 12, 14.4, 16.4][i] as number, resets_at: RESETS } },
      })),
    };
    const [calibration] = buildEverydayCalibration(ledger({ bars: moved, readings: [...events, other] }), {
      ...options,
      plans,
    }).calibrations;
    const [priced] = buildEverydayCalibration(ledger({ bars, readings: events }), { ...options, plans }).calibrations;
    const bar = calibration?.bars.find((one) => one.bar === 'five_hour');
    expect(bar).toMatchObject({ pairs: 3, unrecorded_moves: 0, per_usd: { n: 2 } });
    // Before: that pair set its 2.4% against the priced turn's dollars alone, and the rate came out too high.
    expect(bar?.per_usd?.pct_per_unit).toBeCloseTo(priced?.bars.find((one) => one.bar === 'five_hour')?.per_usd?.pct_per_unit ?? 0, 9);
  });
});
