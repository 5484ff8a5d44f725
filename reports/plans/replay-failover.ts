// A failover chain replayed on your history: what the first plan's windows refuse moves to the second until their reset (pure).
import type { Spread } from '../headroom/index.js';
import { type AccountHistory, type PlanCandidate, replayPlanOutcome } from './price-plan-outcome.js';
import { type DemandColumns, type ReplayedBar, replayLimits } from './replay-limits.js';

const HOUR_MS = 3_600_000;

/** One account of a chain: its use (none for an account you would add), its bars and the plan it is on. */
export interface ChainAccount {
  history: AccountHistory;
  plan: PlanCandidate;
}

export interface FailoverInput {
  from: ChainAccount;
  to: ChainAccount;
  /** The second's tokens for one of the first's (the same work): 1 on one provider, else the experiment's exchange. */
  exchange: number;
}

/** Hits and hours: at the bars' estimate, `low` at their largest size, `high` at their smallest (as a plan's outcome). */
export interface FailoverReplay {
  /** Windows that hit a limit and hours waited with the chain, and with each plan alone (the first's and the second's own use). */
  hits: Spread;
  waited_hours: Spread;
  alone_hits: Spread;
  alone_waited_hours: Spread;
  /** Tokens moved (the second's), and served: the first's own, of what moved (the second's tokens), the second's own use. */
  moved_tokens: number;
  served_from: Spread;
  served_moved: Spread;
  served_to_own: Spread;
  na: null;
}

type End = keyof Spread;
interface EndReplay {
  hits: number;
  hours: number;
  aloneHits: number;
  aloneHours: number;
  moved: number;
  servedFrom: number;
  servedMoved: number;
  servedOwn: number;
}

/**
 * What the proxy's chain does, on the recorded demand: a use the first plan's windows hold back (past a limit, up to
 * that window's reset) goes to the second instead of waiting, as the same work (`exchange` of its tokens), beside the
 * second's own use; at the reset the first serves again. A window of the first still counts as a hit when the second
 * held back a moved use within it too, and its hours are the part of its wait, from that use on, in which the second
 * was refusing; the second's own use held back counts as its hits do alone. Both accounts' bars at the same end of
 * their intervals. N/a, with the reason, where either plan cannot be sized.
 */
export function replayFailover(input: FailoverInput): FailoverReplay | { na: string } {
  const [first, second] = [replayPlanOutcome(input.from.history, input.from.plan), replayPlanOutcome(input.to.history, input.to.plan)];
  const unsized = first.outcome.na ?? second.outcome.na;
  if (unsized !== null) return { na: unsized };
  const at = (end: End): EndReplay | null => {
    const sizes = (account: ChainAccount, capacity: typeof first.outcome.capacity) =>
      account.plan.windows.map((bar) => capacity[bar]?.[end] ?? null);
    const [fromSizes, toSizes] = [sizes(input.from, first.outcome.capacity), sizes(input.to, second.outcome.capacity)];
    if ([...fromSizes, ...toSizes].some((size) => size === null)) return null;
    return replayEnd(input, fromSizes as number[], toSizes as number[]);
  };
  const [middle, small, large] = [at('estimate'), at('low'), at('high')];
  if (middle === null) return { na: 'a plan of the chain cannot be sized at its estimate' };
  // Hits at the bars' largest size are the fewest (`low`); tokens served at their smallest are the fewest (`low`).
  const hitsLike = (key: keyof EndReplay): Spread => ({ estimate: middle[key], low: large?.[key] ?? null, high: small?.[key] ?? null });
  const servedLike = (key: keyof EndReplay): Spread => ({ estimate: middle[key], low: small?.[key] ?? null, high: large?.[key] ?? null });
  return {
    hits: hitsLike('hits'),
    waited_hours: hitsLike('hours'),
    alone_hits: hitsLike('aloneHits'),
    alone_waited_hours: hitsLike('aloneHours'),
    moved_tokens: middle.moved,
    served_from: servedLike('servedFrom'),
    served_moved: servedLike('servedMoved'),
    served_to_own: servedLike('servedOwn'),
    na: null,
  };
}

/** The chain at one end of both accounts' bars. */
function replayEnd(input: FailoverInput, fromSizes: readonly number[], toSizes: readonly number[]): EndReplay {
  const { from, to } = input;
  const fromBars = replayBars(from, from.history.demand, fromSizes);
  const heldFrom = maxBlocked(fromBars, from.history.demand.at_ms.length);
  // The second's stream: its own use and what the first held back, in time order (its own first at a tie).
  const uses = [
    ...to.history.demand.at_ms.map((ms, index) => ({ at: ms, amount: to.history.demand.amount[index] as number, own: true })),
    ...from.history.demand.at_ms.flatMap((ms, index) =>
      (heldFrom[index] as number) > 0 ? [{ at: ms, amount: (heldFrom[index] as number) * input.exchange, own: false }] : [],
    ),
  ].sort((a, b) => a.at - b.at || Number(b.own) - Number(a.own));
  const merged: DemandColumns = { at_ms: uses.map((use) => use.at), amount: uses.map((use) => use.amount) };
  const toBars = replayBars(to, merged, toSizes);
  const heldTo = maxBlocked(toBars, uses.length);
  const refusing = mergeIntervals(toBars.flatMap((bar) => bar.hits.map((hit) => [hit.hit_ms, hit.end_ms] as const)));
  const heldAt = (own: boolean) => uses.flatMap((use, index) => (use.own === own && (heldTo[index] as number) > 0 ? [use.at] : []));
  const [movedHeld, ownHeld] = [heldAt(false), heldAt(true)];
  let [hits, hours] = [0, 0];
  for (const hit of fromBars.flatMap((bar) => bar.hits)) {
    const first = movedHeld.find((ms) => ms >= hit.hit_ms && ms < hit.end_ms);
    if (first === undefined) continue;
    hits += 1;
    hours += measureOverlap(refusing, first, hit.end_ms) / HOUR_MS;
  }
  for (const hit of toBars.flatMap((bar) => bar.hits)) {
    const first = ownHeld.find((ms) => ms >= hit.hit_ms && ms < hit.end_ms);
    if (first === undefined) continue;
    hits += 1;
    hours += (hit.end_ms - first) / HOUR_MS;
  }
  const toAlone = to.history.demand.at_ms.length === 0 ? [] : replayBars(to, to.history.demand, toSizes);
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const served = (own: boolean) => sum(uses.map((use, index) => (use.own === own ? use.amount - (heldTo[index] as number) : 0)));
  return {
    hits,
    hours,
    aloneHits: sum([...fromBars, ...toAlone].map((bar) => bar.hits.length)),
    aloneHours: sum([...fromBars, ...toAlone].map((bar) => bar.waited_hours)),
    moved: sum(uses.map((use) => (use.own ? 0 : use.amount))),
    servedFrom: sum(from.history.demand.amount) - sum([...heldFrom]),
    servedMoved: served(false),
    servedOwn: served(true),
  };
}

/** Each bar of the account's plan replayed on a stream; a weekly or daily bar from its seen reset, as the plan table does. */
function replayBars(account: ChainAccount, demand: DemandColumns, sizes: readonly number[]): ReplayedBar[] {
  return account.plan.windows.map((bar, index) =>
    replayLimits(demand, bar, sizes[index] as number, account.history.bars[bar]?.anchor_ms ?? null),
  );
}

/** Each use's tokens held back: the most any one bar held back of it. */
function maxBlocked(bars: readonly ReplayedBar[], length: number): Float64Array {
  const blocked = new Float64Array(length);
  for (let index = 0; index < length; index += 1) blocked[index] = bars.reduce((most, bar) => Math.max(most, bar.blocked[index] ?? 0), 0);
  return blocked;
}

/** Intervals joined where they overlap, in order. */
function mergeIntervals(intervals: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** How much of [start, end) the intervals cover. */
function measureOverlap(intervals: readonly (readonly [number, number])[], start: number, end: number): number {
  return intervals.reduce((total, [from, to]) => total + Math.max(0, Math.min(end, to) - Math.max(start, from)), 0);
}
