// The other ways out of a plan's limits, beside failover: holding a bigger tier, or one more seat (pure).
import type { Spread } from '../headroom/index.js';
import type { FailoverInputs, FailoverOption } from './failover-types.js';
import type { WorkPerToken } from './measure-work-per-token.js';
import type { PlanCandidate, PlanOutcome } from './price-plan-outcome.js';

/** Holding a bigger tier of the same provider instead: its own replay against the plan held's. */
export function compareTier(
  tier: PlanOutcome,
  held: PlanOutcome,
  plan: PlanCandidate,
  rate: WorkPerToken | null,
  perMonth: number,
): FailoverOption {
  const option = { kind: 'tier' as const, name: tier.plan, plans: [tier.plan], to: null, moved_tokens: null };
  const added = Math.round((tier.usd_per_month - plan.usd_per_month) * 100) / 100;
  const work = (end: keyof Spread) => {
    const served = tier.served_tokens?.[end] ?? null;
    const per = rate?.[end] ?? null;
    return served === null || per === null ? null : (served * per * perMonth) / 1e6 / tier.usd_per_month;
  };
  const measured = rate !== null && tier.na === null;
  return {
    ...option,
    added_usd_per_month: added,
    hits: tier.hits,
    waited_hours: tier.waited_hours,
    hits_avoided: tier.na === null ? subtractSpread(held.hits, tier.hits) : null,
    hours_saved: tier.na === null ? subtractSpread(held.waited_hours, tier.waited_hours) : null,
    work_per_usd: measured ? { estimate: work('estimate') ?? 0, low: work('low'), high: work('high') } : null,
    work_na: rate === null ? `no experiment measured ${tier.provider}'s correct work per token` : tier.na,
    na: tier.na,
  };
}

/** The seat portfolios beside the plans held (docs/plans.md, one more seat), against the plans held alone. */
export function compareSeats(input: FailoverInputs): FailoverOption[] {
  const heldPlans = input.accounts.map((account) => account.held);
  if (heldPlans.some((id) => id === null)) return [];
  const base = input.portfolios.find((one) => one.seat === null && sameSet(one.plans, heldPlans as string[]));
  if (!base) return [];
  return input.portfolios
    .filter((one) => one.seat !== null && sameSet(one.plans.slice(0, -1), heldPlans as string[]))
    .map((one) => ({
      kind: 'seat' as const,
      name: one.plans.join(' + '),
      plans: one.plans,
      to: one.seat?.provider ?? null,
      added_usd_per_month: Math.round((one.usd_per_month - base.usd_per_month) * 100) / 100,
      hits: one.hits,
      waited_hours: one.waited_hours,
      hits_avoided: base.hits && one.hits ? subtractSpread(base.hits, one.hits) : null,
      hours_saved: base.waited_hours && one.waited_hours ? subtractSpread(base.waited_hours, one.waited_hours) : null,
      moved_tokens: one.seat?.moved_tokens ?? null,
      work_per_usd: one.work_per_usd,
      work_na: one.work_na,
      na: one.na,
    }));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

/** a - b at each end (the same end of the bars on both sides); null where either end is. */
export function subtractSpread(a: Spread | null, b: Spread | null): Spread | null {
  if (a === null || b === null) return null;
  const end = (key: 'low' | 'high') => (a[key] === null || b[key] === null ? null : (a[key] as number) - (b[key] as number));
  return { estimate: a.estimate - b.estimate, low: end('low'), high: end('high') };
}
