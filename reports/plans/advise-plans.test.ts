// The plan advisor on a hand-made month: limit hits and waits per plan and portfolio, the two it names, and what it refuses to guess.
import { describe, expect, it } from 'vitest';
import { advisePlans } from './advise-plans.js';
import type { AccountHistory, PlanCandidate } from './price-plan-outcome.js';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.parse('2026-11-02T00:00:00Z');

const plan = (id: string, provider: string, usd: number, units: number | null): PlanCandidate => ({
  id,
  name: id,
  provider,
  usd_per_month: usd,
  windows: ['five_hour', 'weekly'],
  units: units === null ? {} : { five_hour: units, weekly: units },
});
const PLANS = [plan('a-small', 'a', 20, 1), plan('a-big', 'a', 100, 5), plan('a-odd', 'a', 50, null), plan('b-only', 'b', 30, null)];

/** 28 days: each day one 5-hour session of 4 uses of 10,000 tokens; on day 10 a heavy session of 4 x 40,000. */
function buildDemand(): AccountHistory['demand'] {
  const at_ms: number[] = [];
  const amount: number[] = [];
  for (let day = 0; day < 28; day += 1)
    for (let use = 0; use < 4; use += 1) {
      at_ms.push(T0 + day * DAY + 9 * H + use * H);
      amount.push(day === 10 ? 40_000 : 10_000);
    }
  return { at_ms, amount };
}

// Held: a-small, whose 5-hour bar is 1,000 tokens per 1% (100,000 a window, [80,000, 125,000]) and weekly 5,000 per 1%.
const A: AccountHistory = {
  provider: 'a',
  held: PLANS[0] ?? null,
  demand: buildDemand(),
  bars: {
    five_hour: { tokens_per_pct: { estimate: 1000, low: 800, high: 1250 }, anchor_ms: null },
    weekly: { tokens_per_pct: { estimate: 5000, low: 4000, high: 6000 }, anchor_ms: T0 },
  },
};

describe('advisePlans', () => {
  const advice = advisePlans({ histories: [A], plans: PLANS, since_ms: T0, until_ms: T0 + 28 * DAY });
  const outcome = (id: string) => advice.accounts[0]?.outcomes.find((one) => one.plan === id);

  it('counts the windows that would have hit each bar, by hand: the heavy 5-hour session, no week (280,000 of 500,000 at most)', () => {
    // Day 10: 40k, 80k, 120k (> 100k: hit at 11:00, 3 hours before the 14:00 reset). At 80k a window 80k is not past
    // it, 120k is (the same hit); at 125k only 160k is (12:00, 2 hours). The week of day 10: 6 x 40k + 160k = 400k.
    expect(outcome('a-small')).toMatchObject({ na: null, hits: { estimate: 1, low: 1, high: 1 }, waited_hours: { estimate: 3 } });
    expect(outcome('a-small')?.waited_hours).toMatchObject({ low: 2, high: 3 });
    expect(outcome('a-small')?.hit_windows).toEqual([
      { bar: 'five_hour', start: '2026-11-12T09:00:00.000Z', hit: '2026-11-12T11:00:00.000Z', end: '2026-11-12T14:00:00.000Z' },
    ]);
  });

  it('sizes another tier by its stated ratio, and refuses one with none or an account never read', () => {
    expect(outcome('a-big')).toMatchObject({
      na: null,
      hits: { estimate: 0, low: 0, high: 0 },
      capacity: { five_hour: { estimate: 500_000 } },
    });
    expect(outcome('a-odd')?.na).toBe("a-odd is not calibrated: never held, and no stated ratio of its five_hour usage to a-small's");
    const lone = advisePlans({
      histories: [{ ...A, provider: 'b', held: null, bars: {} }],
      plans: PLANS,
      since_ms: T0,
      until_ms: T0 + 28 * DAY,
    });
    expect(lone.accounts[0]?.outcomes[0]?.na).toBe(
      'the plan b was on is not known (no --plan, no window that recorded one): pass --plan b=<plan>',
    );
    expect(lone.cheapest_covering).toBeNull();
  });

  it('names the cheapest portfolio without a hit and the one with the most tokens per dollar, and a month of tokens', () => {
    expect(advice.cheapest_covering?.plans).toEqual(['a-big']);
    expect(advice.cheapest_covering_surely?.plans).toEqual(['a-big']);
    // a-small serves all but what the heavy window asked past 100k (20k of the third use, the fourth's 40k), in 28 days.
    const small = advice.portfolios.find((portfolio) => portfolio.plans[0] === 'a-small');
    expect(small?.tokens_a_month).toBe(Math.round((1_240_000 - 60_000) * (30.4375 / 28)));
    expect(advice.most_tokens_per_usd?.plans).toEqual(['a-small']);
    expect(advice.portfolios.map((portfolio) => portfolio.plans.join())).toEqual(['a-small', 'a-odd', 'a-big']);
  });

  it("weighs portfolios by the experiment's correct work per token where it measured the account, else says n/a", () => {
    const work = new Map([['a', { estimate: 2, low: 1, high: 3, arms: 10, tokens: 5e6 }]]);
    const weighed = advisePlans({ histories: [A], plans: PLANS, since_ms: T0, until_ms: T0 + 28 * DAY, work });
    const small = weighed.portfolios.find((portfolio) => portfolio.plans[0] === 'a-small');
    const tokens = (1_240_000 - 60_000) * (30.4375 / 28);
    expect(small?.work_a_month?.estimate).toBeCloseTo((tokens * 2) / 1e6, 6);
    // Its lower end pairs the bars' smallest size (a 5-hour bar of 80,000: the heavy window's 160,000 serves 80,000;
    // the week of 400,000 is not passed) with the experiment's lower end, 1 task a million tokens.
    expect(small?.work_per_usd?.low).toBeCloseTo(((1_240_000 - 80_000) * (30.4375 / 28)) / 1e6 / 20, 6);
    expect(weighed.most_work_per_usd?.plans).toEqual(['a-small']);
    expect(advice.most_work_per_usd).toBeNull();
    expect(advice.portfolios[0]?.work_na).toBe("no experiment measured a's correct work per token");
  });

  it("offers a measured provider you do not use as a seat: a-small's hits become the seat's, its work counted at the seat's rate", () => {
    // a-small holds back 60,000 of the heavy window (20,000 of its third use, the fourth's 40,000); at 2 tasks a million
    // tokens against the seat's 1, they are 120,000 of the seat's tokens, inside its 5-hour bar of 200,000.
    const work = new Map([
      ['a', { estimate: 2, low: 2, high: 2, arms: 10, tokens: 5e6 }],
      ['s', { estimate: 1, low: 1, high: 1, arms: 10, tokens: 5e6 }],
    ]);
    const seat = {
      provider: 's',
      held: plan('s-one', 's', 10, null),
      bars: { five_hour: { tokens_per_pct: { estimate: 2000, low: 2000, high: 2000 }, anchor_ms: null } },
    };
    const seated = advisePlans({
      histories: [A],
      plans: [...PLANS, { ...plan('s-one', 's', 10, null), windows: ['five_hour'] }],
      since_ms: T0,
      until_ms: T0 + 28 * DAY,
      work,
      seats: [seat],
    });
    const pair = seated.portfolios.find((portfolio) => portfolio.plans.join() === 'a-small,s-one');
    expect(pair?.usd_per_month).toBe(30);
    expect(pair?.hits?.estimate).toBe(0);
    expect(pair?.seat?.moved_tokens).toBe(Math.round(120_000 * (30.4375 / 28)));
    expect(pair?.work_a_month?.estimate).toBeCloseTo((((1_240_000 - 60_000) * 2 + 120_000) * (30.4375 / 28)) / 1e6, 6);
    expect(seated.cheapest_covering?.plans).toEqual(['a-small', 's-one']);
    // Or all of a's use moved to s (a switch): 80,000 of s's tokens a day fit its 5-hour bar of 200,000, the heavy
    // window's 320,000 does not: one hit, and every token a asked now counted as served but for what s held back.
    const switched = seated.portfolios.find((portfolio) => portfolio.plans.join() === 's-one');
    expect(switched?.usd_per_month).toBe(10);
    expect(switched?.hits?.estimate).toBe(1);
    expect(switched?.seat?.moved_tokens).toBe(Math.round(2 * 1_240_000 * (30.4375 / 28)));
  });

  it("names no most-work portfolio while a seat's interval overlaps your plans' (the leader and the overlapped are said)", () => {
    // The seat measured on few arms: its work per token anywhere from 0.1 to 20; yours held at 2 [1.8, 2.2].
    const seatOf = (low: number, high: number) => ({
      provider: 's',
      held: plan('s-one', 's', 10, null),
      bars: { five_hour: { tokens_per_pct: { estimate: 2000, low: 2000, high: 2000 }, anchor_ms: null } },
      work: { estimate: 10, low, high, arms: 3, tokens: 1e5 },
    });
    const advise = (low: number, high: number) =>
      advisePlans({
        histories: [A],
        plans: [...PLANS, { ...plan('s-one', 's', 10, null), windows: ['five_hour'] }],
        since_ms: T0,
        until_ms: T0 + 28 * DAY,
        work: new Map([
          ['a', { estimate: 2, low: 1.8, high: 2.2, arms: 40, tokens: 5e6 }],
          ['s', seatOf(low, high).work],
        ]),
        seats: [seatOf(low, high)],
      });
    const wide = advise(0.1, 20);
    expect(wide.most_work_per_usd).toBeNull();
    expect(wide.most_work_undecided?.leader.seat?.provider).toBe('s');
    expect(wide.most_work_undecided?.overlapping.some((portfolio) => portfolio.seat === null)).toBe(true);
    // Measured well, the seat's lower end clears every portfolio of yours: it is named.
    const narrow = advise(9.5, 10.5);
    expect(narrow.most_work_undecided).toBeNull();
    expect(narrow.most_work_per_usd?.seat?.provider).toBe('s');
  });

  it('says when the history is too short for a weekly bar', () => {
    const short = advisePlans({ histories: [A], plans: PLANS, since_ms: T0, until_ms: T0 + 3 * DAY });
    expect(short.notes[0]).toMatch(/^the history spans 3\.0 days: too short/);
  });
});
