// Failover chains beside a bigger tier: which accounts a chain may move to, what each costs and saves, and why one is n/a.
import { describe, expect, it } from 'vitest';
import { compareFailovers, type FailoverInputs } from './compare-failovers.js';
import type { WorkPerToken } from './measure-work-per-token.js';
import { type AccountHistory, type PlanCandidate, replayPlanOutcome } from './price-plan-outcome.js';
import { renderFailovers } from './render-failovers.js';
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';

const H = 3_600_000;
const T0 = Date.parse('2026-10-07T09:00:00Z');
const candidate = (id: string, provider: string, usd: number, five: number): PlanCandidate => ({
  id,
  name: id,
  provider,
  usd_per_month: usd,
  windows: ['five_hour'],
  units: { five_hour: five },
});
const [pro, max, lite] = [
  candidate('claude-pro', 'claude', 20, 1),
  candidate('claude-max-5x', 'claude', 100, 5),
  candidate('glm-lite', 'glm', 6, 1),
];
const exact = (estimate: number) => ({ tokens_per_pct: { estimate, low: estimate, high: estimate }, anchor_ms: null });
// A heavy morning: 3 uses of 60 on a 5-hour bar of 100; 20 held back at 10:00 and 60 at 11:00, a hit waiting 4 hours.
const mine: AccountHistory = {
  provider: 'claude',
  held: pro,
  demand: { at_ms: [T0, T0 + H, T0 + 2 * H], amount: [60, 60, 60] },
  bars: { five_hour: exact(1) },
};
const glmBars: AccountHistory = { provider: 'glm', held: lite, demand: { at_ms: [], amount: [] }, bars: { five_hour: exact(1) } };
const rate = (estimate: number): WorkPerToken => ({ estimate, low: estimate, high: estimate, arms: 6, tokens: 1e6 });

function inputs(overrides: Partial<FailoverInputs> = {}): FailoverInputs {
  const plans = (provider: string) => [pro, max, lite].filter((plan) => plan.provider === provider);
  return {
    histories: [mine],
    accounts: [{ provider: 'claude', held: 'claude-pro', outcomes: [pro, max].map((plan) => replayPlanOutcome(mine, plan).outcome) }],
    portfolios: [],
    plans,
    readBars: () => null,
    work: new Map(),
    catalog: BUILT_IN_CATALOG,
    per_month: 1,
    ...overrides,
  };
}

describe('compareFailovers', () => {
  it('moves to a second account of the same plan, beside the bigger tier; a provider never read is n/a, saying why', () => {
    const [advice] = compareFailovers(inputs());
    const second = advice?.options.find((option) => option.name === 'claude>claude');
    expect(second).toMatchObject({ to: 'a second claude account', plans: ['claude-pro', 'claude-pro'], added_usd_per_month: 20 });
    expect(second?.hits_avoided?.estimate).toBe(1);
    expect(second?.hours_saved?.estimate).toBe(4);
    expect(second?.work_na).toBe("no experiment measured claude's correct work per token");
    // A second account on a dearer tier than the one held is not offered: that is the bigger tier.
    expect(advice?.options.filter((option) => option.name === 'claude>claude')).toHaveLength(1);
    const tier = advice?.options.find((option) => option.kind === 'tier');
    expect(tier).toMatchObject({ name: 'claude-max-5x', added_usd_per_month: 80 });
    expect(tier?.hits_avoided?.estimate).toBe(1);
    // Another provider's tokens are not claude's without the experiment's exchange; with it, its bars must have been read.
    const glm = advice?.options.find((option) => option.name === 'claude>glm');
    expect(glm?.na).toBe("no experiment measured claude's correct work per token: claude's tokens cannot be counted in glm's");
    const work = new Map([
      ['claude', rate(2)],
      ['glm', rate(1)],
    ]);
    const unread = compareFailovers(inputs({ work }))[0]?.options.find((option) => option.name === 'claude>glm');
    expect(unread?.na).toMatch(/^glm's bars were never read in this data dir/);
    const text = renderFailovers(compareFailovers(inputs())).join('\n');
    expect(text).toContain('claude on claude-pro ($20 a month): hits 1, waited 4.0 h');
    expect(text).toMatch(
      / {2}claude>claude to a second claude account on claude-pro +\+\$20 {2}hits avoided 1 \(1 -> 0\), hours no longer waited 4\.0 \(4\.0 -> 0\.0\)/,
    );
    expect(text).toContain("  claude>glm to a new glm account (glm-lite): n/a: no experiment measured claude's correct work per token");
    expect(text).toContain('  add a seat: n/a: ');
  });

  it("moves to another provider only at the experiment's exchange of correct work, and prices its work per dollar", () => {
    // Read, but only claude measured: glm's tokens have no exchange either, and its bars are not read for nothing.
    let reads = 0;
    const readBars = () => {
      reads += 1;
      return glmBars;
    };
    const unmeasured = compareFailovers(inputs({ readBars, work: new Map([['claude', rate(2)]]) }))[0]?.options.find(
      (one) => one.name === 'claude>glm',
    );
    expect(unmeasured?.na).toBe("no experiment measured glm's correct work per token: claude's tokens cannot be counted in glm's");
    expect(reads).toBe(0);
    // claude does 2 tasks a million tokens, glm 1: the 80 held back are 160 of glm's (40 at 10:00, 120 at 11:00); its bar
    // of 100 serves 100 and refuses from 11:00, so the hit still waits 11:00 to 14:00 (3 of its 4 hours). Work a month:
    // (100 x 2 + 100 x 1) / 1e6 tasks for $26.
    const work = new Map([
      ['claude', rate(2)],
      ['glm', rate(1)],
    ]);
    const chain = compareFailovers(inputs({ readBars: () => glmBars, work }))[0]?.options.find((one) => one.name === 'claude>glm');
    expect(chain).toMatchObject({ to: 'a new glm account', added_usd_per_month: 6, moved_tokens: 160, na: null });
    expect(chain?.hits_avoided?.estimate).toBe(0);
    expect(chain?.hours_saved?.estimate).toBe(1);
    expect(chain?.work_per_usd?.estimate).toBeCloseTo(300 / 1e6 / 26, 15);
  });

  it('moves to an account you already hold at no added price, counting its own use', () => {
    const other: AccountHistory = { ...mine, provider: 'claude@acct-0000000002', demand: { at_ms: [T0 + 3 * H], amount: [50] } };
    const accounts = [mine, other].map((history) => ({
      provider: history.provider,
      held: 'claude-pro',
      outcomes: [replayPlanOutcome(history, pro).outcome],
    }));
    const [advice] = compareFailovers(inputs({ histories: [mine, other], accounts }));
    const chain = advice?.options.find((one) => one.to === 'claude@acct-0000000002');
    // As replay-failover.test.ts works it: the 80 moved push 30 of the second's own 50 past its bar (12:00 to 15:00).
    expect(chain).toMatchObject({ added_usd_per_month: 0, plans: ['claude-pro', 'claude-pro'] });
    expect(chain?.hits_avoided?.estimate).toBe(0);
    expect(chain?.hours_saved?.estimate).toBe(1);
  });
});
