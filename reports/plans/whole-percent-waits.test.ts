// Hours waited on a month whose bar is read in whole percents: the replay's interval covers the truth at about its nominal rate.
import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../bars/bar-types.js';
import { calibrateEveryday } from '../metrics/calibrate-everyday.js';
import { simulateBarMonth } from '../metrics/test-fixtures/simulate-bar-month.js';
import { pricePlanOutcome, type PlanCandidate } from './price-plan-outcome.js';
import { replayLimits } from './replay-limits.js';

const PLAN: PlanCandidate = { id: 'held', name: 'Held', provider: 'claude', usd_per_month: 100, windows: ['five_hour'], units: {} };

/** Of `months` simulated months, how many gave an hours-waited interval holding the truth (the replay at the true size). */
function countHeld(cut: 'floor' | 'round', tokensPerPct: number, months: number, poll?: number) {
  let [held, hitting] = [0, 0];
  for (let seed = 0; seed < months; seed += 1) {
    const month = simulateBarMonth({
      seed: `waits ${cut} ${seed}`,
      days: 10,
      tokens_per_pct: tokensPerPct,
      coarse_cut: cut,
      poll_minutes: poll,
    });
    const series: BarSeries = { provider: 'claude', bar: 'five_hour', points: month.coarse };
    const uses = new Map([['claude', month.uses]]);
    const [calibration] = calibrateEveryday({ series: [series], dollars: uses, tokens: uses, plans: new Map(), confidence: 0.95 });
    const rate = calibration?.bars[0]?.tokens_per_pct ?? null;
    const outcome = pricePlanOutcome(
      { provider: 'claude', held: PLAN, demand: month.uses, bars: { five_hour: { tokens_per_pct: rate, anchor_ms: null } } },
      PLAN,
    );
    const truth = replayLimits(month.uses, 'five_hour', 100 * tokensPerPct, null).waited_hours;
    if (truth > 0) hitting += 1;
    const waited = outcome.waited_hours;
    if (waited && (waited.low ?? 0) <= truth + 1e-9 && truth <= (waited.high ?? Number.POSITIVE_INFINITY) + 1e-9) held += 1;
  }
  return { held, hitting };
}

describe('hours waited on whole-percent bars', () => {
  // A 5-hour bar of 400,000 tokens against sessions of 20-80 requests of a median 6,000: most months hit it, some
  // periods more than once. The hours waited are the replay at the calibration's ends, so they hold the truth as
  // often as the calibration's interval holds the bar's size (calibrate-whole-percent.test.ts), not less.
  it.each([
    ['floor', undefined],
    ['round', undefined],
    ['floor', 10],
  ] as const)('holds the truth in about 95 of 100 months: the source cuts by %s, polled every %s minutes', (cut, poll) => {
    const { held, hitting } = countHeld(cut, 4_000, 40, poll);
    expect(hitting).toBeGreaterThanOrEqual(30);
    expect(held).toBeGreaterThanOrEqual(36);
  });
});
