// One plan on one account's history: the bars replayed together, each tier sized bar by bar or refused by name.
import { describe, expect, it } from 'vitest';
import { type AccountHistory, type PlanCandidate, pricePlanOutcome } from './price-plan-outcome.js';

const H = 3_600_000;
const T0 = Date.parse('2026-11-02T09:00:00Z');
const held: PlanCandidate = {
  id: 'p',
  name: 'p',
  provider: 'a',
  usd_per_month: 10,
  windows: ['five_hour', 'weekly'],
  units: { five_hour: 1 },
};
const history: AccountHistory = {
  provider: 'a',
  held,
  // 5-hour bar 100, weekly 150: 60 then 50 (the 5-hour bar holds back 10), the next day 60 (the week holds back 20).
  demand: { at_ms: [T0, T0 + H, T0 + 24 * H], amount: [60, 50, 60] },
  bars: {
    five_hour: { tokens_per_pct: { estimate: 1, low: 1, high: 1 }, anchor_ms: null },
    weekly: { tokens_per_pct: { estimate: 1.5, low: 1.5, high: 1.5 }, anchor_ms: T0 - H },
  },
};

describe('pricePlanOutcome', () => {
  it('serves a use only as far as no bar holds it back, each bar counting its own hits', () => {
    const outcome = pricePlanOutcome(history, held);
    expect(outcome.hits?.estimate).toBe(2);
    expect(outcome.served_tokens?.estimate).toBe(60 + 40 + 40);
    expect(outcome.asked_tokens).toBe(170);
  });

  it('sizes another tier only on the bars whose ratio the vendor states', () => {
    const bigger = { ...held, id: 'q', units: { five_hour: 5 } };
    expect(pricePlanOutcome(history, bigger).na).toBe("q is not calibrated: never held, and no stated ratio of its weekly usage to p's");
    const dailyOnly = { ...bigger, windows: ['five_hour'] as const };
    expect(pricePlanOutcome(history, { ...dailyOnly, windows: [...dailyOnly.windows] }).capacity).toEqual({
      five_hour: { estimate: 500, low: 500, high: 500 },
    });
  });
});
