// One plan against one account's history: each bar's size from the calibration, and the limit hits and waits it gives (pure).
import type { PricedBar } from '../../ledger/schemas/index.js';
import type { Spread } from '../headroom/index.js';
import { type DemandColumns, type ReplayedBar, replayLimits } from './replay-limits.js';

export type { Spread } from '../headroom/index.js';

/** A plan as the advisor weighs it. `units`: each bar's usage against its provider's other tiers (the vendor's own ratio), where stated. */
export interface PlanCandidate {
  id: string;
  name: string;
  provider: string;
  usd_per_month: number;
  windows: readonly PricedBar[];
  units: Partial<Record<PricedBar, number>>;
}

/** An account's history: the plan its bars were read under, its use, and each bar's tokens per 1% and a seen reset. */
export interface AccountHistory {
  provider: string;
  held: PlanCandidate | null;
  demand: DemandColumns;
  bars: Partial<Record<PricedBar, { tokens_per_pct: Spread | null; anchor_ms: number | null }>>;
}

export interface PlanOutcome {
  provider: string;
  plan: string;
  usd_per_month: number;
  /** Why its hits cannot be counted (a bar not calibrated, no tier ratio to the plan held); null when they can. */
  na: string | null;
  /** Each bar's size in tokens (at the calibration's estimate, and its ends). */
  capacity: Partial<Record<PricedBar, Spread>>;
  /** Windows that would have hit a limit, and the hours waited: at the estimate, `low` at the bars' largest size. */
  hits: Spread | null;
  waited_hours: Spread | null;
  hit_windows: { bar: PricedBar; start: string; hit: string; end: string }[];
  /** Tokens served before a limit, of those asked: at the estimate, `low` at the bars' smallest size. */
  served_tokens: Spread | null;
  asked_tokens: number;
}

/** Each use's tokens no bar of the plan let through, at each end of the bars' sizes (what a second seat could take). */
export type BlockedColumns = Record<keyof Spread, Float64Array | null>;

/** The plan's outcome on the history; n/a (with its reason) where the size of one of its bars is not known. */
export function pricePlanOutcome(history: AccountHistory, plan: PlanCandidate): PlanOutcome {
  return replayPlanOutcome(history, plan).outcome;
}

/** The outcome, and the tokens held back of each use (null where the plan cannot be sized). */
export function replayPlanOutcome(history: AccountHistory, plan: PlanCandidate): { outcome: PlanOutcome; blocked: BlockedColumns } {
  const none: BlockedColumns = { estimate: null, low: null, high: null };
  const asked = history.demand.amount.reduce((sum, amount) => sum + amount, 0);
  const base = { provider: history.provider, plan: plan.id, usd_per_month: plan.usd_per_month, asked_tokens: asked };
  const empty = { capacity: {}, hits: null, waited_hours: null, hit_windows: [], served_tokens: null };
  const capacity: PlanOutcome['capacity'] = {};
  for (const bar of plan.windows) {
    const ratio = findTierRatio(history.held, plan, bar);
    if (typeof ratio === 'string') return { outcome: { ...base, ...empty, na: ratio }, blocked: none };
    const rate = history.bars[bar]?.tokens_per_pct ?? null;
    if (rate === null)
      return { outcome: { ...base, ...empty, na: `its ${bar} bar was never calibrated on ${history.provider}'s readings` }, blocked: none };
    const scale = (value: number | null) => (value === null ? null : value * 100 * ratio);
    capacity[bar] = { estimate: rate.estimate * 100 * ratio, low: scale(rate.low), high: scale(rate.high) };
  }
  // Each bar at the same end of its interval: fewer tokens a bar, more hits.
  const replay = (end: keyof Spread) => {
    const sizes = plan.windows.map((bar) => capacity[bar]?.[end] ?? null);
    if (sizes.some((size) => size === null)) return null;
    return plan.windows.map((bar, index) =>
      replayLimits(history.demand, bar, sizes[index] as number, history.bars[bar]?.anchor_ms ?? null),
    );
  };
  const estimate = replay('estimate') ?? [];
  const [small, large] = [replay('low'), replay('high')];
  const count = (bars: ReplayedBar[] | null) => (bars === null ? null : bars.reduce((sum, bar) => sum + bar.hits.length, 0));
  const waits = (bars: ReplayedBar[] | null) => (bars === null ? null : bars.reduce((sum, bar) => sum + bar.waited_hours, 0));
  const iso = (ms: number) => new Date(ms).toISOString();
  const [held, heldSmall, heldLarge] = [estimate, small, large].map((bars) => (bars === null ? null : findBlocked(history.demand, bars)));
  const served = (blocked: Float64Array | null | undefined) => (blocked ? asked - blocked.reduce((sum, one) => sum + one, 0) : null);
  const outcome: PlanOutcome = {
    ...base,
    na: null,
    capacity,
    hits: { estimate: count(estimate) as number, low: count(large), high: count(small) },
    waited_hours: { estimate: waits(estimate) as number, low: waits(large), high: waits(small) },
    hit_windows: estimate.flatMap((bar) =>
      bar.hits.map((hit) => ({ bar: bar.bar, start: iso(hit.start_ms), hit: iso(hit.hit_ms), end: iso(hit.end_ms) })),
    ),
    served_tokens: { estimate: served(held) as number, low: served(heldSmall), high: served(heldLarge) },
  };
  return { outcome, blocked: { estimate: held ?? null, low: heldSmall ?? null, high: heldLarge ?? null } };
}

/** How much larger `plan`'s bar is than the held plan's: 1 for the plan held, else the vendor's tier ratio, else why not. */
function findTierRatio(held: PlanCandidate | null, plan: PlanCandidate, bar: PricedBar): number | string {
  if (held === null)
    return `the plan ${plan.provider} was on is not known (no --plan, no window that recorded one): pass --plan ${plan.provider}=<plan>`;
  if (held.id === plan.id) return 1;
  const [mine, theirs] = [plan.units[bar], held.units[bar]];
  if (mine === undefined || theirs === undefined)
    return `${plan.id} is not calibrated: never held, and no stated ratio of its ${bar} usage to ${held.id}'s`;
  return mine / theirs;
}

/** Each use's tokens held back: the most any one bar held back of it (the bars replayed together). */
function findBlocked(demand: DemandColumns, bars: readonly ReplayedBar[]): Float64Array {
  const blocked = new Float64Array(demand.amount.length);
  for (let index = 0; index < demand.amount.length; index += 1)
    blocked[index] = bars.reduce((most, bar) => Math.max(most, bar.blocked[index] ?? 0), 0);
  return blocked;
}
