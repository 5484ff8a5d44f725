// Keeps every budget's usage: charges deltas, records warnings and overruns once, refuses and cuts for block budgets.
import type { BudgetEvent, BudgetLimit, ChargeContext, UsageDelta } from './budget-contract.js';
import type { BudgetPolicy } from './budget-policy.js';
import {
  createBudgetState,
  hasReached,
  makeBudgetEvent,
  matchesContext,
  measureForBudget,
  takeCrossings,
  type BudgetState,
} from './budget-state.js';
import { isZeroUsage } from './measure-usage.js';
import { findMaxOutput } from './prices/max-output.js';
import type { PriceTable } from './prices/price-table.js';
import { sanitize, StreamCharge } from './stream-charge.js';

export interface BudgetUsage {
  budget: BudgetLimit;
  /** Charged so far, in the budget's metric. */
  used: number;
  /** Estimates of streams still open. */
  inFlight: number;
}

/** A budget's state from before a restart (see rebuildUsage): usage, and the events already recorded. */
export interface RestoredBudget {
  /** The budget id (`command:/test`). */
  budget: string;
  /** Replaces the usage when given. */
  used?: number;
  /** Warning fractions already recorded. */
  thresholds?: number[];
  /** Whether `exceeded` was already recorded. */
  exceeded?: boolean;
}

const PROBE_WINDOW = /\.(?:before\d*|after)$/;

export class BudgetTracker {
  private readonly states: BudgetState[];
  private readonly prices: PriceTable;
  /** `each` limits (--arm-budget, a plan's task budget): a state per window, made on first use. */
  private readonly templates: BudgetLimit[];
  private readonly expanded = new Set<string>();
  private readonly windowProvider: ((window: string) => string | null) | undefined;

  constructor(policy: Pick<BudgetPolicy, 'limits' | 'prices' | 'windowProvider'>) {
    this.states = policy.limits.filter((limit) => !limit.each).map(createBudgetState);
    this.templates = policy.limits.filter((limit) => limit.each === true);
    this.prices = policy.prices;
    this.windowProvider = policy.windowProvider;
  }

  get limits(): BudgetLimit[] {
    return [...this.templates, ...this.states.map((state) => state.limit)];
  }

  /**
   * Adds the delta to every budget the context matches, in each budget's metric, and returns what that
   * crossed for the first time: `threshold` once per (budget, fraction), then `exceeded` once per budget. A block
   * budget is charged all of it, as the request log records it and the subscription pays it: what a charge takes past
   * the limit is also said in an `overshoot` event (before, it was left out of the charge, and the budget said 1,000
   * where the log said 1,040).
   */
  charge(ctx: ChargeContext, delta: UsageDelta): BudgetEvent[] {
    return this.chargeWithDetail(ctx, delta);
  }

  /** Adds usage without recording anything (replaying rows from before a restart), all of it, as charge does. */
  replay(ctx: ChargeContext, delta: UsageDelta): void {
    const clean = sanitize(delta);
    if (isZeroUsage(clean)) return;
    for (const state of this.matching(ctx)) state.used += measureForBudget(state, this.prices, ctx.provider, ctx.model, clean, true);
  }

  /**
   * Before forwarding a request: a `refused` event for the first block-mode budget of the context whose
   * charged usage plus what is in flight has reached its limit; null when the request may go.
   */
  checkBlocked(ctx: ChargeContext): BudgetEvent | null {
    const state = this.matching(ctx).find(
      (candidate) =>
        (candidate.limit.mode === 'block' || candidate.limit.stopOnly === true) &&
        hasReached(candidate, candidate.used + candidate.inFlight),
    );
    if (!state) return null;
    const detail = state.inFlight > 0 ? `${state.inFlight} of it in flight` : undefined;
    return makeBudgetEvent('refused', state, ctx, { used: state.used + state.inFlight, ...(detail ? { detail } : {}) });
  }

  /**
   * Would the provisional usage (of a request not opened with openStream) reach a block-mode budget of the
   * context, counting what is charged and in flight? A `cut` event if so; changes nothing.
   */
  checkProvisional(ctx: ChargeContext, provisional: UsageDelta): BudgetEvent | null {
    const clean = sanitize(provisional);
    for (const state of this.matching(ctx)) {
      if (state.limit.mode !== 'block') continue;
      const used = state.used + state.inFlight + measureForBudget(state, this.prices, ctx.provider, ctx.model, clean, false);
      if (hasReached(state, used)) return makeBudgetEvent('cut', state, ctx, { used });
    }
    return null;
  }

  /** Starts charging a streamed response: see StreamCharge. */
  openStream(ctx: ChargeContext): StreamCharge {
    return new StreamCharge(
      { ...ctx },
      {
        matching: (context) => this.matching(context),
        measure: (state, model, delta, remember) => measureForBudget(state, this.prices, ctx.provider, model, delta, remember),
        charge: (context, delta, detail) => this.chargeWithDetail(context, delta, detail),
      },
    );
  }

  /** The most output one answer of `model` may have (max-output.ts): the worst case of a request that names no cap. */
  maxOutputOf(model: string | null): number {
    return findMaxOutput(this.prices, model);
  }

  /** Every budget with its usage, in policy order, for displays. */
  usage(): BudgetUsage[] {
    return this.states.map((state) => ({ budget: state.limit, used: state.used, inFlight: state.inFlight }));
  }

  /** Sets usage and marks events as recorded, by budget id; ids not in the policy are ignored. */
  restore(rows: RestoredBudget[]): void {
    for (const row of rows) {
      const state = this.states.find((candidate) => candidate.limit.id === row.budget);
      if (!state) continue;
      if (row.used !== undefined && Number.isFinite(row.used) && row.used >= 0) state.used = row.used;
      for (const fraction of row.thresholds ?? []) if (state.limit.warnAt.includes(fraction)) state.thresholds.add(fraction);
      if (row.exceeded) state.exceeded = true;
    }
  }

  /** Why some usage counted $0 in a cost budget (`overall: no price for model "x" ...`). */
  notes(): string[] {
    return this.states.flatMap((state) => [...state.unpriced.keys()].map((note) => `${state.limit.id}: ${note}`));
  }

  private matching(ctx: ChargeContext): BudgetState[] {
    // The runner's one-token capacity probes run in windows of their own (`<window>.before`, `.before2`, `.after`:
    // runner/arm/arm-captures.ts): they are the runner's, not an arm's work, and get no arm budget.
    if (ctx.window !== null && !PROBE_WINDOW.test(ctx.window)) for (const template of this.templates) this.expand(template, ctx.window);
    return this.states.filter((state) => matchesContext(state.limit, ctx));
  }

  /** The window's own budget of an `each` template, made the first time the window is charged. */
  private expand(template: BudgetLimit, window: string): void {
    const id = `${template.id}:${window}`;
    if (this.expanded.has(id)) return;
    if (template.provider !== undefined && this.windowProvider?.(window) !== template.provider) return;
    this.expanded.add(id);
    const { each: _template, provider: _provider, ...limit } = template;
    this.states.push(createBudgetState({ ...limit, id, key: window }));
  }

  private chargeWithDetail(ctx: ChargeContext, delta: UsageDelta, detail?: string): BudgetEvent[] {
    const clean = sanitize(delta);
    if (isZeroUsage(clean)) return [];
    const events: BudgetEvent[] = [];
    const overshoots: BudgetEvent[] = [];
    for (const state of this.matching(ctx)) {
      const before = state.used;
      state.used += measureForBudget(state, this.prices, ctx.provider, ctx.model, clean, true);
      const crossed = takeCrossings(state, ctx);
      events.push(
        ...(detail ? crossed.map((event) => ({ ...event, detail: event.detail ? `${detail}; ${event.detail}` : detail })) : crossed),
      );
      const past = state.used - Math.max(before, state.limit.limit);
      if (state.limit.mode === 'block' && past > 1e-9 * state.limit.limit)
        overshoots.push(makeBudgetEvent('overshoot', state, ctx, { overshoot: past, detail: OVERSHOOT_DETAIL }));
    }
    return [...events, ...overshoots];
  }
}

const OVERSHOOT_DETAIL = 'charged past the limit: the request used it, so the subscription pays it';
