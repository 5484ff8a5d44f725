// A provider's $ of subscription per list-price $: the binding bar's, with its interval; unknown when no bar moved.
import { describe, expect, it } from 'vitest';
import { priceOnePercent } from '../../budget/plans/index.js';
import type { WindowMetrics } from './compute-window-metrics.js';
import { calibrateProvider, type PricingSample } from './calibrate-provider.js';

const subscription = { plan: 'sim-pro', usd_per_month: 200, priced_at: '2026-11-01' };

/** Joined windows of $1 of list price each, the 5h and weekly bars moving by `five` and `week` a window. */
function samples(five: readonly number[], week: readonly number[]): PricingSample[] {
  let at5 = 0;
  let atW = 0;
  return five.map((delta, i) => {
    const weekly = week[i] ?? 0;
    const sample: PricingSample = {
      window: { own_cost_usd: 1 } as WindowMetrics,
      capacity: { unit: 'pct_5h', before: at5, after: at5 + delta, delta, weekly: { before: atW, after: atW + weekly, delta: weekly } },
      subscription,
    };
    at5 += delta;
    atW += weekly;
    return sample;
  });
}

describe('calibrateProvider', () => {
  it('prices by the bar that binds, with the larger of each end', () => {
    const worth = priceOnePercent(200);
    const c = calibrateProvider('codex', samples([2, 2, 2, 2, 2], [0, 1, 0, 0, 1]), 0.95);
    const rate = c.usd_per_list_usd;
    expect(rate).not.toBeNull();
    // 10% of the 5h bar and 2% of the week for $5 of list price: 2% x $0.0137 vs 0.4% x $0.46 per list $: the week binds.
    expect(rate?.binding).toBe('weekly');
    expect(rate?.estimate).toBeCloseTo((2 / 5) * worth.weekly, 12);
    expect(rate?.low).toBeCloseTo(Math.max((c.five_hour?.low ?? 0) * worth.five_hour, (c.weekly?.low ?? 0) * worth.weekly), 12);
    expect(rate?.high).toBeCloseTo(Math.max((c.five_hour?.high ?? 0) * worth.five_hour, (c.weekly?.high ?? 0) * worth.weekly), 12);
    expect(rate?.log_se).toBeGreaterThan(0);
  });

  it('leaves the price unknown, naming the bars, when neither moved beyond its rounding (never $0)', () => {
    const c = calibrateProvider('codex', samples([0, 0, 0], [0, 0, 0]), 0.95);
    expect(c.usd_per_list_usd).toBeNull();
    expect(c.unknown_reason).toMatch(
      /^codex's cost is unknown: its 5h bar moved 0% in readings of 1% steps and its weekly bar moved 0% in readings of 1% steps over its windows \(\$3\.00 of list-price use\)/,
    );
    expect(c.unknown_reason).toMatch(/tracker watch/);
  });

  it('has a price when one bar moved, bounded above by the one that did not', () => {
    const c = calibrateProvider('codex', samples([3, 3, 3, 3], [0, 0, 0, 0]), 0.95);
    expect(c.usd_per_list_usd?.low).toBeGreaterThan(0);
    expect(c.usd_per_list_usd?.high).toBeGreaterThanOrEqual((c.weekly?.high ?? 0) * priceOnePercent(200).weekly);
  });

  it("counts the capacity probe a window's delta holds as use of the bar, not as the arm's cost", () => {
    const withProbe = samples([2, 2, 2], [1, 1, 1]).map((sample) => ({
      ...sample,
      window: { own_cost_usd: 1, probe_cost_usd: 0.25 } as WindowMetrics,
    }));
    const c = calibrateProvider('claude', withProbe, 0.95);
    // 6% of the 5h bar for $3 of the arms' requests and $0.75 of probes: 1.6% per list $, not 2%.
    expect(c.five_hour?.pct_per_unit).toBeCloseTo(6 / 3.75, 12);
    expect(c.five_hour?.amount).toBeCloseTo(3.75, 12);
  });
});
