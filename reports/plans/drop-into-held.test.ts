// Giving up a plan whose use fits in another you keep: replayed beside that account's own use, weighed with the rest.
import { describe, expect, it } from 'vitest';
import { advisePlans } from './advise-plans.js';
import type { AccountHistory, PlanCandidate } from './price-plan-outcome.js';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.parse('2026-11-02T00:00:00Z');

const plan = (id: string, provider: string, usd: number, units: number): PlanCandidate => ({
  id,
  name: id,
  provider,
  usd_per_month: usd,
  windows: ['five_hour', 'weekly'],
  units: { five_hour: units, weekly: units },
});
const PLANS = [plan('claude-pro', 'claude', 20, 1), plan('claude-max', 'claude', 100, 5), plan('google-ai-pro', 'gemini', 20, 1)];

/** 28 days of one session a day: `perUse` tokens at 09:00, 10:00, 11:00 and 12:00. */
function buildDemand(perUse: number): AccountHistory['demand'] {
  const at_ms: number[] = [];
  const amount: number[] = [];
  for (let day = 0; day < 28; day += 1)
    for (let use = 0; use < 4; use += 1) {
      at_ms.push(T0 + day * DAY + 9 * H + use * H);
      amount.push(perUse);
    }
  return { at_ms, amount };
}

const bars = (fiveHour: number) => ({
  five_hour: { tokens_per_pct: { estimate: fiveHour, low: fiveHour * 0.9, high: fiveHour * 1.1 }, anchor_ms: null },
  weekly: { tokens_per_pct: { estimate: fiveHour * 10, low: fiveHour * 9, high: fiveHour * 11 }, anchor_ms: T0 },
});

// Claude Pro: 100,000 tokens a window, 40,000 asked a day. Gemini: 1,000,000 a window, 400 asked a day (under 1%).
const CLAUDE: AccountHistory = { provider: 'claude', held: PLANS[0] ?? null, demand: buildDemand(10_000), bars: bars(1000) };
const GEMINI: AccountHistory = { provider: 'gemini', held: PLANS[2] ?? null, demand: buildDemand(100), bars: bars(10_000) };

describe('a plan given up, its use moved to another account', () => {
  const advice = advisePlans({ histories: [CLAUDE, GEMINI], plans: PLANS, since_ms: T0, until_ms: T0 + 28 * DAY });

  it('is weighed beside keeping both, listed, and never a headline while it moves one vendor to another token for token', () => {
    const dropped = advice.portfolios.find((portfolio) => portfolio.dropped?.provider === 'gemini' && portfolio.plans[0] === 'claude-pro');
    expect(dropped).toMatchObject({
      plans: ['claude-pro'],
      usd_per_month: 20,
      hits: { estimate: 0, high: 0 },
      dropped: { provider: 'gemini', into: 'claude', moved_tokens: 11_200, exchange: 'token-for-token' },
    });
    // Gemini's use on Claude's plan at a rate no experiment measured: the answer keeps both plans.
    expect(advice.cheapest_covering?.plans).toEqual(['claude-pro', 'google-ai-pro']);
    expect(advice.cheapest_covering?.dropped).toBeUndefined();
    expect(advice.most_tokens_per_usd?.dropped).toBeUndefined();
    expect(advice.notes.join('\n')).toContain('is listed, never named in the answers');
  });

  it('counts the moved use against the taker’s bars, in the same windows as the taker’s own use', () => {
    // Claude's 40,000 a day moved onto Gemini's 1,000,000-token windows fits; Gemini's 400 onto Claude Pro fits too.
    const intoGemini = advice.portfolios.find((portfolio) => portfolio.dropped?.provider === 'claude');
    expect(intoGemini?.plans).toEqual(['google-ai-pro']);
    expect(intoGemini?.hits?.estimate).toBe(0);
    // A Claude that nearly fills its bar cannot take more: 4 x 24,950 fit Pro's 100,000 a window; Gemini's 400 more do not.
    const busy = { ...CLAUDE, demand: buildDemand(24_950) };
    const tight = advisePlans({ histories: [busy, GEMINI], plans: PLANS, since_ms: T0, until_ms: T0 + 28 * DAY });
    const kept = tight.portfolios.find((one) => !one.dropped && one.plans.join() === 'claude-pro,google-ai-pro');
    const moved = tight.portfolios.find((one) => one.dropped?.provider === 'gemini' && one.plans.join() === 'claude-pro');
    expect(kept?.hits?.estimate).toBe(0);
    // Each day's fourth use passes 100,000 at 12:00: two hours to the 14:00 reset, 28 days.
    expect(moved?.hits?.estimate).toBe(28);
    expect(moved?.waited_hours?.estimate).toBe(56);
    expect(tight.cheapest_covering).not.toBe(moved);
  });

  it('exchanges tokens at the experiment’s work per token of both accounts where it measured them', () => {
    const work = new Map([
      ['claude', { estimate: 2, low: 1.5, high: 2.5, arms: 12, tokens: 1_000_000 }],
      ['gemini', { estimate: 1, low: 0.5, high: 1.5, arms: 12, tokens: 2_000_000 }],
    ]);
    const measured = advisePlans({ histories: [CLAUDE, GEMINI], plans: PLANS, since_ms: T0, until_ms: T0 + 28 * DAY, work });
    const dropped = measured.portfolios.find((portfolio) => portfolio.dropped?.provider === 'gemini');
    // Gemini's 11,200 tokens are the correct work of 5,600 of Claude's.
    expect(dropped?.dropped).toMatchObject({ moved_tokens: 5600, exchange: 'work-per-token' });
  });
});
