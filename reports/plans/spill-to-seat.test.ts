// A second seat: what a plan held back, moved as the same correct work and replayed on the seat's own bars, worked by hand.
import { describe, expect, it } from 'vitest';
import type { WorkPerToken } from './measure-work-per-token.js';
import { type AccountHistory, type PlanCandidate, replayPlanOutcome } from './price-plan-outcome.js';
import { type SeatHistory, spillToSeat } from './spill-to-seat.js';

const H = 3_600_000;
const T0 = Date.parse('2026-11-02T09:00:00Z');
const plan = (id: string, provider: string): PlanCandidate => ({
  id,
  name: id,
  provider,
  usd_per_month: 10,
  windows: ['five_hour'],
  units: {},
});
const exact = (estimate: number) => ({ tokens_per_pct: { estimate, low: estimate, high: estimate }, anchor_ms: null });
// Three uses of 60 in one window on a 5-hour bar of 100: the second is held back 20, the third 60 (80 in all).
const mine: AccountHistory = {
  provider: 'a',
  held: plan('a-plan', 'a'),
  demand: { at_ms: [T0, T0 + H, T0 + 2 * H], amount: [60, 60, 60] },
  bars: { five_hour: exact(1) },
};
const seat: SeatHistory = { provider: 's', held: plan('s-plan', 's'), bars: { five_hour: exact(1) } };
const rate = (estimate: number): WorkPerToken => ({ estimate, low: estimate, high: estimate, arms: 6, tokens: 1e6 });

describe('spillToSeat', () => {
  it("moves the held-back tokens at the two providers' work per token and replays them on the seat's bars", () => {
    const { blocked } = replayPlanOutcome(mine, plan('a-plan', 'a'));
    // a does 2 tasks a million tokens, s 1: 80 of a's tokens are 160 of s's, 40 at 10:00 and 120 at 11:00. The seat's
    // bar of 100 serves 40, then 60 of the 120: it holds back 60, from 11:00 to its window's end at 15:00 (4 h).
    const work = new Map([
      ['a', rate(2)],
      ['s', rate(1)],
    ]);
    const outcome = spillToSeat({ accounts: [{ history: mine, blocked }], seat, plan: plan('s-plan', 's'), work });
    if (outcome.na !== null) throw new Error(outcome.na);
    expect(outcome.moved_tokens).toBe(160);
    expect(outcome.served_tokens.estimate).toBe(100);
    expect(outcome.hits.estimate).toBe(1);
    expect(outcome.waited_hours.estimate).toBe(4);
  });

  it("pairs the end where your bars are smallest with the seat's smallest bars, and counts what it served in your tokens", () => {
    // Your 5-hour bar 100 [90, 110]: held back 80 [90 at 90, 70 at 110]; moved at 2: 160, 180, 140 of the seat's tokens.
    // The seat's bar 100 [80, 120] serves 40 + 60 = 100; at its smallest with 60 + 120 moved, 60 + 20 = 80; at its
    // largest with 20 + 120, 20 + 100 = 120. In your tokens: 100/160 x 80 = 50, 80/180 x 90 = 40, 120/140 x 70 = 60.
    const spread = (estimate: number, low: number, high: number) => ({ tokens_per_pct: { estimate, low, high }, anchor_ms: null });
    const yours: AccountHistory = { ...mine, bars: { five_hour: spread(1, 0.9, 1.1) } };
    const { blocked } = replayPlanOutcome(yours, plan('a-plan', 'a'));
    const work = new Map([
      ['a', rate(2)],
      ['s', rate(1)],
    ]);
    const wide: SeatHistory = { ...seat, bars: { five_hour: spread(1, 0.8, 1.2) } };
    const outcome = spillToSeat({ accounts: [{ history: yours, blocked }], seat: wide, plan: plan('s-plan', 's'), work });
    if (outcome.na !== null) throw new Error(outcome.na);
    expect(outcome.served_tokens).toEqual({ estimate: 100, low: 80, high: 120 });
    expect(outcome.served_as_yours.estimate).toBeCloseTo(50, 9);
    expect(outcome.served_as_yours.low).toBeCloseTo(40, 9);
    expect(outcome.served_as_yours.high).toBeCloseTo(60, 9);
    expect(outcome.hits).toEqual({ estimate: 1, low: 1, high: 1 });
  });

  it('is n/a naming the account whose held-back tokens have no work per token to move by', () => {
    const { blocked } = replayPlanOutcome(mine, plan('a-plan', 'a'));
    const outcome = spillToSeat({
      accounts: [{ history: mine, blocked }],
      seat,
      plan: plan('s-plan', 's'),
      work: new Map([['s', rate(1)]]),
    });
    expect(outcome.na).toBe("no experiment measured a's correct work per token: what its limits held back cannot move to s");
  });
});
