// One budget's running state (used, in flight, what has fired) and the events it gives; shared by the tracker and streams.
import type { BudgetEvent, BudgetEventType, BudgetLimit, ChargeContext, UsageDelta } from './budget-contract.js';
import { normalizeBudgetKey } from './budget-policy.js';
import { computeUsageCost } from './prices/cost-of-usage.js';
import { measureTokens } from './measure-usage.js';
import type { PriceTable } from './prices/price-table.js';

export interface BudgetState {
  limit: BudgetLimit;
  /** Charged usage, in the limit's metric. */
  used: number;
  /** Estimates of streams still open (see StreamCharge), in the limit's metric. */
  inFlight: number;
  /** How many open requests hold some of `inFlight` (a reservation or an estimate): what a waiting request is told. */
  holders: number;
  /** Warning fractions already recorded. */
  thresholds: Set<number>;
  exceeded: boolean;
  /** Cost metric only: why some usage counted $0 (note -> already told in an event's detail). */
  unpriced: Map<string, boolean>;
}

export function createBudgetState(limit: BudgetLimit): BudgetState {
  return { limit, used: 0, inFlight: 0, holders: 0, thresholds: new Set(), exceeded: false, unpriced: new Map() };
}

/** Overall matches everything; another scope matches when the context's field has the limit's key. */
export function matchesContext(limit: BudgetLimit, ctx: ChargeContext): boolean {
  switch (limit.scope) {
    case 'overall':
      return true;
    case 'command':
      return limit.key !== null && normalizeBudgetKey('command', ctx.command) === limit.key;
    case 'agent':
      return limit.key !== null && ctx.agent === limit.key;
    case 'provider':
      return limit.key !== null && ctx.provider === limit.key;
    case 'window':
      return limit.key !== null && ctx.window === limit.key;
    case 'feature':
      return limit.key !== null && ctx.feature === limit.key;
  }
}

/**
 * What a delta counts for in this budget. The cost metric prices it for `model` as `provider` (the back end) sells it;
 * usage without a price counts $0 and (with `remember`) leaves a note that the budget's next event carries as its detail.
 */
export function measureForBudget(
  state: BudgetState,
  prices: PriceTable,
  provider: string | null,
  model: string | null,
  delta: UsageDelta,
  remember: boolean,
): number {
  if (state.limit.metric !== 'cost') return measureTokens(state.limit.metric, delta);
  const cost = computeUsageCost(prices, provider, model, delta);
  if (cost.usd !== null) return cost.usd;
  if (remember && cost.note && !state.unpriced.has(cost.note)) state.unpriced.set(cost.note, false);
  return 0;
}

/** Whether `used` has reached `fraction` of the limit (with a little room for floating-point sums). */
export function hasReached(state: BudgetState, used: number, fraction = 1): boolean {
  return used >= fraction * state.limit.limit - 1e-9 * state.limit.limit;
}

/** The warnings and the exceeded event this budget's usage has reached and not yet recorded, marked as fired. */
export function takeCrossings(state: BudgetState, ctx: ChargeContext): BudgetEvent[] {
  const events: BudgetEvent[] = [];
  for (const fraction of state.limit.warnAt) {
    if (state.thresholds.has(fraction) || !hasReached(state, state.used, fraction)) continue;
    state.thresholds.add(fraction);
    events.push(makeBudgetEvent('threshold', state, ctx, { threshold: fraction }));
  }
  if (!state.exceeded && hasReached(state, state.used)) {
    state.exceeded = true;
    events.push(makeBudgetEvent('exceeded', state, ctx));
  }
  return events;
}

export interface EventExtras {
  used?: number;
  threshold?: number;
  overshoot?: number;
  detail?: string;
}

/** An event of this budget; notes about unpriced usage not yet told ride along in `detail`. */
export function makeBudgetEvent(type: BudgetEventType, state: BudgetState, ctx: ChargeContext, extras: EventExtras = {}): BudgetEvent {
  const { limit } = state;
  const untold = [...state.unpriced].filter(([, told]) => !told).map(([note]) => note);
  for (const note of untold) state.unpriced.set(note, true);
  const details = [extras.detail, ...untold.map((note) => `counted as $0: ${note}`)].filter((part): part is string => Boolean(part));
  return {
    type,
    budget: limit.id,
    scope: limit.scope,
    key: limit.key,
    metric: limit.metric,
    mode: limit.mode,
    limit: limit.limit,
    used: extras.used ?? state.used,
    ...(extras.threshold === undefined ? {} : { threshold: extras.threshold }),
    ...(extras.overshoot === undefined ? {} : { overshoot: extras.overshoot }),
    context: { ...ctx },
    ...(details.length > 0 ? { detail: details.join('; ') } : {}),
  };
}
