// A failover chain on months shaped like real use (weekdays, a heavy day, a bursty day), worked by hand.
import { describe, expect, it } from 'vitest';
import type { AccountHistory, PlanCandidate } from './price-plan-outcome.js';
import { replayFailover } from './replay-failover.js';

const M = 60_000;
const H = 60 * M;
const DAY = 24 * H;
/** Monday 2026-10-05 00:00 UTC. */
const T0 = Date.parse('2026-10-05T00:00:00Z');
const plan = (id: string, provider: string, windows: PlanCandidate['windows'] = ['five_hour']): PlanCandidate => ({
  id,
  name: id,
  provider,
  usd_per_month: 20,
  windows,
  units: {},
});
const exact = (estimate: number) => ({ tokens_per_pct: { estimate, low: estimate, high: estimate }, anchor_ms: null });
const account = (
  provider: string,
  held: PlanCandidate | null,
  bars: AccountHistory['bars'],
  uses: [number, number][] = [],
): AccountHistory => ({
  provider,
  held,
  bars,
  demand: { at_ms: uses.map(([at]) => at), amount: uses.map(([, tokens]) => tokens) },
});

/**
 * Four weeks: every weekday 4 uses of 20 tokens from 09:00, one an hour (80, one 5-hour window); weekends nothing. Day 9
 * (a Wednesday) is heavy: 10 uses of 20 from 09:00, 20 minutes apart. Day 15 is bursty: its usual morning, then 6 uses
 * of 20 from 15:00, 30 minutes apart (a second window).
 */
function buildMonth(): [number, number][] {
  const uses: [number, number][] = [];
  for (let day = 0; day < 28; day += 1) {
    if (day % 7 >= 5) continue;
    const nine = T0 + day * DAY + 9 * H;
    if (day === 9) for (let i = 0; i < 10; i += 1) uses.push([nine + i * 20 * M, 20]);
    else for (let i = 0; i < 4; i += 1) uses.push([nine + i * H, 20]);
    if (day === 15) for (let i = 0; i < 6; i += 1) uses.push([nine + 6 * H + i * 30 * M, 20]);
  }
  return uses;
}

// A 5-hour bar of 100 tokens and a week of 600: the heavy window asks 200 and holds back 100 from the 6th use (10:40),
// 3 h 20 min before its 14:00 reset; the bursty afternoon asks 120 and holds back the last 20 (17:30), 2.5 h before
// 20:00. No week passes 600 (the heavy one asks 4 x 80 + 200 = 520). Alone: 2 hits, 5.833 hours.
const pro = plan('pro', 'claude', ['five_hour', 'weekly']);
const mine = account('claude', pro, { five_hour: exact(1), weekly: exact(6) }, buildMonth());

// A heavy morning: 3 uses of 60 on a 5-hour bar of 100 hold back 20 at 10:00 and 60 at 11:00, waiting 4 hours to 14:00.
const a = plan('a', 'claude');
const first = account('claude', a, { five_hour: exact(1) }, [
  [T0 + 9 * H, 60],
  [T0 + 10 * H, 60],
  [T0 + 11 * H, 60],
]);

describe('replayFailover', () => {
  it('a second account on the same plan takes both held-back stretches: 2 hits and 5.8 hours are gone', () => {
    const second = account('claude', pro, mine.bars);
    const replay = replayFailover({ from: { history: mine, plan: pro }, to: { history: second, plan: pro }, exchange: 1 });
    if (replay.na !== null) throw new Error(replay.na);
    expect(replay.alone_hits.estimate).toBe(2);
    expect(replay.alone_waited_hours.estimate).toBeCloseTo(10 / 3 + 2.5, 9);
    expect(replay.moved_tokens).toBe(120);
    expect(replay.served_moved.estimate).toBe(120);
    expect(replay.hits).toEqual({ estimate: 0, low: 0, high: 0 });
    expect(replay.waited_hours.estimate).toBe(0);
  });

  it('a smaller second plan takes the bursty 20 but not all of the heavy 100: one hit left, from the use it refused', () => {
    // The second's 5-hour bar of 50: the heavy day moves 20 at 10:40, 11:00, 11:20, 11:40, 12:00; it serves 40, then 10
    // of the 11:20 use: refusing from 11:20 to its reset at 15:40. The first's hit [10:40, 14:00) still waits from
    // 11:20 to 14:00 (2 h 40 min). The bursty 20 at 17:30 opens a new window of the second's: served.
    const lite = plan('lite', 'claude');
    const second = account('claude', lite, { five_hour: exact(0.5) });
    const replay = replayFailover({ from: { history: mine, plan: pro }, to: { history: second, plan: lite }, exchange: 1 });
    if (replay.na !== null) throw new Error(replay.na);
    expect(replay.hits.estimate).toBe(1);
    expect(replay.waited_hours.estimate).toBeCloseTo(8 / 3, 9);
    expect(replay.served_moved.estimate).toBe(70);
  });

  it("counts what the moved work costs the second account's own use", () => {
    // The first holds back 20 at 10:00 and 60 at 11:00 (3 uses of 60 on a bar of 100). The second, a bar of 100 with 50
    // of its own at 12:00, serves the 80 moved, then 20 of its own: 30 of it waits from 12:00 to 15:00. Alone, the first
    // waited 4 hours and the second none: the chain saves 1 hour and no hit.
    const held = account('claude@acct-0000000002', a, { five_hour: exact(1) }, [[T0 + 12 * H, 50]]);
    const replay = replayFailover({ from: { history: first, plan: a }, to: { history: held, plan: a }, exchange: 1 });
    if (replay.na !== null) throw new Error(replay.na);
    expect([replay.alone_hits.estimate, replay.alone_waited_hours.estimate]).toEqual([1, 4]);
    expect([replay.hits.estimate, replay.waited_hours.estimate]).toEqual([1, 3]);
    expect(replay.served_to_own.estimate).toBe(20);
  });

  it("moves another provider's tokens at the exchange, and keeps each end of the bars' intervals", () => {
    // 80 held back (20 at 10:00, 60 at 11:00) at 2 of the second's tokens each: 40 and 120 on its bar of 100, which
    // serves 100 and refuses from 11:00 to 15:00: the first's hit waits 11:00 to 14:00. At the second's largest bar
    // (120) it serves 40 + 80; at its smallest (80), 40 + 40.
    const glm = plan('glm-lite', 'glm');
    const other = account('glm', glm, { five_hour: { tokens_per_pct: { estimate: 1, low: 0.8, high: 1.2 }, anchor_ms: null } });
    const replay = replayFailover({ from: { history: first, plan: a }, to: { history: other, plan: glm }, exchange: 2 });
    if (replay.na !== null) throw new Error(replay.na);
    expect(replay.moved_tokens).toBe(160);
    expect(replay.served_moved).toEqual({ estimate: 100, low: 80, high: 120 });
    expect(replay.hits).toEqual({ estimate: 1, low: 1, high: 1 });
    expect(replay.waited_hours.estimate).toBe(3);
  });

  it('is n/a with the reason where the second plan cannot be sized', () => {
    const other = account('glm', null, { five_hour: exact(1) });
    const replay = replayFailover({
      from: { history: mine, plan: pro },
      to: { history: other, plan: plan('glm-lite', 'glm') },
      exchange: 1,
    });
    expect(replay.na).toBe('the plan glm was on is not known (no --plan, no window that recorded one): pass --plan glm=<plan>');
  });
});
