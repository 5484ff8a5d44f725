// Tests of the everyday calibration: pairs of readings in one period, the use between them, resets, unrecorded moves, the plan's price.
import { describe, expect, it } from 'vitest';
import type { BarPoint, BarSeries } from '../bars/bar-types.js';
import { calibrateEveryday } from './calibrate-everyday.js';
import { buildEverydaySamples, type UseColumns } from './everyday-samples.js';

const T0 = Date.parse('2026-11-20T08:00:00.000Z');
const MIN = 60_000;
const RESET_A = new Date(T0 + 300 * MIN).toISOString();
const RESET_B = new Date(T0 + 600 * MIN).toISOString();

function point(minute: number, used: number, resets: string | null = RESET_A): BarPoint {
  return { at: new Date(T0 + minute * MIN).toISOString(), used_pct: used, resets_at: resets, source: 'statusline' };
}

/** Uses as columns, from [minute, amount] pairs in time order. */
function uses(...pairs: [number, number][]): UseColumns {
  return { at_ms: pairs.map(([minute]) => T0 + minute * MIN), amount: pairs.map(([, amount]) => amount) };
}

describe('buildEverydaySamples', () => {
  it("rounds each pair as coarsely as its coarser reading's source reads (a quota endpoint's whole percents beside the proxy's hundredths)", () => {
    const mixed = [
      point(0, 10),
      { ...point(30, 10.37), source: 'proxy-headers' },
      { ...point(60, 11.02), source: 'proxy-headers' },
      point(90, 12),
    ];
    const built = buildEverydaySamples('five_hour', mixed, uses([10, 1], [40, 1], [70, 1]));
    expect(built.samples.map((s) => [s.step_before, s.step_after])).toEqual([
      [1, 0.01],
      [0.01, 0.01],
      [0.01, 1],
    ]);
  });

  it('makes one sample per pair of readings of one period, with the use in (earlier, later]', () => {
    const points = [point(0, 10), point(30, 12), point(60, 12), point(90, 15)];
    const recorded = uses([0, 100], [10, 1], [30, 2], [45, 0.5], [70, 4], [90, 1]);
    const built = buildEverydaySamples('five_hour', points, recorded);
    // The use at minute 0 is before the first pair; the one at 30 belongs to the pair ending at 30.
    // Each reading of the statusline source reads whole percents here (step 1), and each pair spans half an hour.
    const steps = { step_before: 1, step_after: 1, hours: 0.5 };
    expect(built.samples).toEqual([
      { delta: 2, before: 10, after: 12, amount: 3, ...steps },
      { delta: 0, before: 12, after: 12, amount: 0.5, ...steps },
      { delta: 3, before: 12, after: 15, amount: 5, ...steps },
    ]);
    expect(built.unrecorded_moves).toBe(0);
  });

  it('never pairs across a reset, and takes a period read after another from 0 at its start, never the first period of the ledger', () => {
    const points = [point(0, 40), point(60, 45), point(290, 50), point(310, 2, RESET_B), point(330, 4, RESET_B), point(340, 6, RESET_A)];
    const recorded = uses([30, 1], [200, 1], [305, 1], [320, 1], [335, 1]);
    const built = buildEverydaySamples('five_hour', points, recorded);
    // Period B began at minute 300 (its reset less 5 hours), at 0% exactly: [0, 2] holds the use of (300, 310].
    // The ledger's first reading (40%) has no anchor: the use before it was never recorded.
    expect(built.samples.map((s) => [s.before, s.after, s.amount, s.anchor ?? false])).toEqual([
      [40, 45, 1, false],
      [45, 50, 1, false],
      [0, 2, 1, true],
      [2, 4, 1, false],
    ]);
  });

  it('counts a move with no recorded use between its readings as unrecorded, not as a sample', () => {
    const built = buildEverydaySamples('five_hour', [point(0, 10), point(30, 13), point(60, 14)], uses([50, 2]));
    expect(built.samples).toEqual([{ delta: 1, before: 13, after: 14, amount: 2, step_before: 1, step_after: 1, hours: 0.5 }]);
    expect(built).toMatchObject({ unrecorded_moves: 1, unrecorded_pct: 3, idle_hours: 0.5 });
  });

  it('takes resets that differ by the sources rounding as one period, and readings a period apart as two', () => {
    const jitter = new Date(Date.parse(RESET_A) + 90_000).toISOString();
    const built = buildEverydaySamples('five_hour', [point(0, 10), point(30, 12, jitter)], uses([10, 1]));
    expect(built.samples).toHaveLength(1);
    const far = buildEverydaySamples('five_hour', [point(0, 10, null), point(301, 12, null)], uses([10, 1]));
    expect(far.samples).toHaveLength(0);
  });
});

describe('calibrateEveryday', () => {
  // A steady use: $1 of list price every 10 minutes moves the 5h bar 0.5% and the weekly bar 0.05%, read every 30 minutes to 2 decimals.
  function steady(): BarSeries[] {
    const five: BarPoint[] = [];
    const week: BarPoint[] = [];
    for (let minute = 0; minute <= 240; minute += 30) {
      const spent = minute / 10;
      five.push(point(minute, Number((5 + spent * 0.5).toFixed(2))));
      week.push(point(minute, Number((20 + spent * 0.05).toFixed(2)), new Date(T0 + 5 * 1440 * MIN).toISOString()));
    }
    return [
      { provider: 'claude', bar: 'five_hour', points: five },
      { provider: 'claude', bar: 'weekly', points: week },
    ];
  }
  const steps = Array.from({ length: 24 }, (_, i) => 10 * (i + 1));
  const dollars = new Map([['claude', uses(...steps.map((minute): [number, number] => [minute, 1]))]]);
  const tokens = new Map([['claude', uses(...steps.map((minute): [number, number] => [minute, 50_000]))]]);

  it("gives each bar's % per list dollar and tokens per 1%, and the plan's $ per list dollar on the binding bar", () => {
    const plans = new Map([['claude', { plan: 'claude-max-20x', usd_per_month: 200, priced_at: '2026-11-01' }]]);
    const [calibration] = calibrateEveryday({ series: steady(), dollars, tokens, plans, confidence: 0.95 });
    expect(calibration?.plan).toBe('claude-max-20x');
    const five = calibration?.bars.find((bar) => bar.bar === 'five_hour');
    expect(five?.pairs).toBe(8);
    expect(five?.per_usd?.pct_per_unit).toBeCloseTo(0.5, 12);
    expect(five?.tokens_per_pct?.estimate).toBeCloseTo(100_000, 6);
    expect(five?.tokens_per_pct?.low).toBeLessThanOrEqual(100_000);
    const price = calibration?.price?.usd_per_list_usd;
    expect(price?.low).toBeGreaterThan(0);
    expect(price?.low).toBeLessThanOrEqual(price?.estimate as number);
    expect(['five_hour', 'weekly']).toContain(price?.binding);
  });

  it('takes a background rate of moves without use off every pair: a second client on the account does not raise the price', () => {
    // The same steady use, plus another client moving the 5h bar 1% an hour with nothing recorded; readings every 30
    // minutes go on for two more hours after the use stops, so the background shows alone there.
    const busy = steady();
    const five = busy[0] as BarSeries;
    five.points = five.points.map((p, i) => ({ ...p, used_pct: Number((p.used_pct + i * 0.5).toFixed(2)) }));
    const last = five.points.at(-1) as BarPoint;
    for (let k = 1; k <= 4; k += 1) five.points.push(point(240 + 30 * k, Number((last.used_pct + k * 0.5).toFixed(2))));
    const [calibration] = calibrateEveryday({ series: busy, dollars, tokens, plans: new Map(), confidence: 0.95 });
    const bar = calibration?.bars.find((b) => b.bar === 'five_hour');
    expect(bar?.background_pct_per_hour).toBeCloseTo(1, 9);
    // Without the model the rate would read 0.5 + 0.25 = 0.75% per list $ (the client's 0.5% a half hour over $3).
    expect(bar?.per_usd?.pct_per_unit).toBeCloseTo(0.5, 9);
  });

  it('has no price without a plan, and an unknown price with the reason when the bar never moved', () => {
    const [unplanned] = calibrateEveryday({ series: steady(), dollars, tokens, plans: new Map(), confidence: 0.95 });
    expect(unplanned?.price).toBeNull();
    const flat: BarSeries[] = [{ provider: 'codex', bar: 'weekly', points: [point(0, 3, null), point(60, 3, null), point(120, 3, null)] }];
    const [still] = calibrateEveryday({
      series: flat,
      dollars: new Map([['codex', uses([30, 2], [90, 2])]]),
      tokens: new Map(),
      plans: new Map([['codex', { plan: 'chatgpt-pro', usd_per_month: 200, priced_at: '2026-11-01' }]]),
      confidence: 0.95,
    });
    expect(still?.price?.usd_per_list_usd).toBeNull();
    expect(still?.price?.unknown_reason).toMatch(
      /^codex's cost is unknown: its weekly bar moved 0% in readings of 1% steps over its readings/,
    );
  });

  it('has no price when a bar that may bind was read but has no pair with use between its readings', () => {
    const [five, week] = steady();
    const sparse: BarSeries[] = [five as BarSeries, { ...(week as BarSeries), points: [(week as BarSeries).points[0] as BarPoint] }];
    const plans = new Map([['claude', { plan: 'claude-max-20x', usd_per_month: 200, priced_at: '2026-11-01' }]]);
    const [calibration] = calibrateEveryday({ series: sparse, dollars, tokens, plans, confidence: 0.95 });
    expect(calibration?.bars.find((bar) => bar.bar === 'five_hour')?.per_usd).not.toBeNull();
    expect(calibration?.price?.usd_per_list_usd).toBeNull();
    expect(calibration?.price?.unknown_reason).toBe(
      "claude's cost is unknown: its weekly bar has readings but no two of them in one period with recorded use between them, and it may be the bar that binds",
    );
  });

  it('leaves out a provider with readings but no recorded use', () => {
    expect(calibrateEveryday({ series: steady(), dollars: new Map(), tokens: new Map(), plans: new Map(), confidence: 0.95 })).toEqual([]);
  });
});
