// One account read on two machines whose clocks run minutes apart: every month keeps its price, and no "two accounts".
import { describe, expect, it } from 'vitest';
import { alignMachineClocks } from './align-machine-clocks.js';
import { calibrateEveryday } from './calibrate-everyday.js';
import { findSourceSteps } from './everyday-samples.js';
import { type BarMonthShape, mergePoints, simulateBarMonth } from './test-fixtures/simulate-bar-month.js';

const TRUTH = 20_000;
const PLAN = { plan: 'claude-max-5x', usd_per_month: 100, priced_at: '2026-11-01' };

/** Of `months` 10-day months read by both sources on two machines, offset 90-120 s either way: how many were priced, held, named two accounts. */
function countMonths(shape: Partial<BarMonthShape>, months: number) {
  let [priced, held, twoSeries] = [0, 0, 0];
  for (let seed = 0; seed < months; seed += 1) {
    const offset = (seed % 2 === 0 ? 1 : -1) * (90_000 + ((seed * 7) % 31) * 1_000);
    const month = simulateBarMonth({ seed: `clocks ${seed}`, days: 10, tokens_per_pct: TRUTH, second_machine_offset_ms: offset, ...shape });
    const [calibration] = calibrateEveryday({
      series: [{ provider: 'claude', bar: 'five_hour', points: mergePoints(month.fine, month.coarse) }],
      dollars: new Map([['claude', month.uses]]),
      tokens: new Map([['claude', month.uses]]),
      plans: new Map([['claude', PLAN]]),
      confidence: 0.95,
    });
    const bar = calibration?.bars[0];
    if (calibration?.price?.usd_per_list_usd) priced += 1;
    if (bar?.two_series) twoSeries += 1;
    const rate = bar?.tokens_per_pct;
    if ((rate?.low ?? Number.POSITIVE_INFINITY) <= TRUTH && (rate?.high ?? 0) >= TRUTH) held += 1;
  }
  return { priced, held, twoSeries };
}

describe('one account on two machines whose clocks are 90 to 120 s apart', () => {
  it('prices every month, names no second account, and holds the truth at about its nominal 95%', () => {
    const { priced, held, twoSeries } = countMonths({}, 40);
    expect(twoSeries).toBe(0);
    expect(priced).toBe(40);
    expect(held).toBeGreaterThanOrEqual(36);
  });

  it('with stale terminals too', () => {
    const { priced, held, twoSeries } = countMonths({ stale_terminal_share: 0.3 }, 40);
    expect(twoSeries).toBe(0);
    expect(priced).toBe(40);
    expect(held).toBeGreaterThanOrEqual(36);
  });

  it("still names two accounts' readings on two machines: their series cross, which no offset explains", () => {
    const { priced, twoSeries } = countMonths({ second_account_offset: 8 }, 10);
    expect(twoSeries).toBe(10);
    expect(priced).toBe(0);
  });

  it("finds each machine's offset from the bar alone, within 2 s", () => {
    for (const offset of [-120_000, -90_000, 90_000, 120_000]) {
      const month = simulateBarMonth({ seed: `offset ${offset}`, days: 10, tokens_per_pct: TRUTH, second_machine_offset_ms: offset });
      const points = mergePoints(month.fine, month.coarse);
      const found = alignMachineClocks(points, findSourceSteps(points)).offsets;
      const [machine, ms] = [...found][0] ?? ['', Number.NaN];
      expect(Math.abs((machine === 'desktop' ? ms : -ms) - offset), `${offset}`).toBeLessThan(2_000);
    }
  });

  it('leaves readings of one named machine, or of none, exactly as they were', () => {
    const month = simulateBarMonth({ seed: 'one machine', days: 10, tokens_per_pct: TRUTH, second_machine_offset_ms: 90_000 });
    const points = mergePoints(month.fine, month.coarse).map((point) =>
      point.machine === 'desktop' ? { ...point, machine: undefined } : point,
    );
    const aligned = alignMachineClocks(points, findSourceSteps(points));
    expect(aligned.offsets.size).toBe(0);
    expect(aligned.points).toEqual(points);
  });
});
