// One streamed response's charge: estimates held in flight while it streams, a cut when a block budget is reached, then one real charge.
import type { BudgetEvent, ChargeContext, UsageDelta } from './budget-contract.js';
import { hasReached, makeBudgetEvent, type BudgetState } from './budget-state.js';
import { maxUsage, ZERO_USAGE } from './measure-usage.js';

/** What a stream needs from its tracker. */
export interface StreamHost {
  matching(ctx: ChargeContext): BudgetState[];
  measure(state: BudgetState, model: string | null, delta: UsageDelta, remember: boolean): number;
  charge(ctx: ChargeContext, delta: UsageDelta, detail?: string): BudgetEvent[];
}

/**
 * Open with BudgetTracker.openStream(ctx). While content passes, call `provisional` with the stream's
 * running figures (a number is output tokens so far; an object is the usage so far, e.g. input from
 * message_start plus an output estimate): they replace the previous estimate, never add to it, and are
 * held "in flight" so other requests see them. At the end `settle` replaces the estimate with the usage the
 * API reported (charged once), or `abandon` drops it (nothing was used). Both are idempotent.
 */
export class StreamCharge {
  private estimate: UsageDelta = { ...ZERO_USAGE };
  private readonly held = new Map<BudgetState, number>();
  /** The worst case reserved per block budget before the request went out (see reserve); empty when none was. */
  private readonly reserved = new Map<BudgetState, number>();
  /** Block budgets whose reservation was cut to what was left (max_tokens did not fit): they end at the limit. */
  private readonly shortened = new Set<BudgetState>();
  /** Per block budget, what the stream may run to before it is taken for an upstream past its cap (OWN_CAP_SLACK). */
  private readonly allowed = new Map<BudgetState, number>();
  private cutStates: BudgetState[] = [];
  private closed = false;
  /** The budgets this stream is charged to: fixed for its life, so worked out once. */
  private states: BudgetState[] | null = null;

  constructor(
    readonly context: ChargeContext,
    private readonly host: StreamHost,
  ) {}

  /** True when a block-mode budget applies to this stream: only then must it be watched as it flows. */
  get canBeCut(): boolean {
    this.states ??= this.host.matching(this.context);
    return this.states.some((state) => state.limit.mode === 'block');
  }

  /**
   * How many more output tokens this stream may produce before a block budget is reached, as of now
   * (others' in-flight use included); Infinity when that cannot be said in tokens (a cost budget).
   */
  headroom(): number {
    this.states ??= this.host.matching(this.context);
    let least = Infinity;
    for (const state of this.states) {
      if (state.limit.mode !== 'block') continue;
      if (state.limit.metric === 'cost') return 0;
      least = Math.min(least, state.limit.limit - state.used - state.inFlight);
    }
    return Math.max(0, least);
  }

  /**
   * Before the request is forwarded: holds its worst case (`worst`: max_tokens as output, an estimate as input) in
   * flight for every block budget of its context, so concurrent requests see it at once (LiteLLM reserves the same
   * way). `spent`: a block budget is used up. `wait`: the worst case does not fit beside what other
   * requests hold; try again when one settles. `held` otherwise. A request that does not fit even alone (its
   * max_tokens exceed what is left) is held alone with all that is left: its stream is cut there, and an answer that
   * cannot be cut (JSON) overshoots by at most its own worst case, charged. Reservations are settled to the real count.
   * `unbounded` names input the request names without sending it and whose size is not known (a file id): a block budget
   * that counts input cannot hold it, so it is refused (`unbounded`) rather than reserved as nothing.
   */
  reserve(
    worst: UsageDelta,
    unbounded: string | null = null,
  ): { status: 'held' } | { status: 'spent' | 'unbounded'; event: BudgetEvent } | ReserveWait {
    this.states ??= this.host.matching(this.context);
    const blocks = this.states.filter((state) => state.limit.mode === 'block');
    const spent = blocks.find((state) => hasReached(state, state.used));
    if (spent) return { status: 'spent', event: makeBudgetEvent('refused', spent, this.context, { used: spent.used }) };
    const blind =
      unbounded === null ? undefined : blocks.find((state) => this.host.measure(state, this.context.model, ONE_INPUT, false) > 0);
    if (blind) {
      const detail = `cannot bound this request's input: it names ${unbounded}, whose size the upstream has not reported here`;
      return { status: 'unbounded', event: makeBudgetEvent('refused', blind, this.context, { used: blind.used, detail }) };
    }
    const amounts = new Map<BudgetState, number>();
    for (const state of blocks) {
      const want = this.host.measure(state, this.context.model, worst, false);
      const free = Math.max(0, state.limit.limit - state.used - state.inFlight);
      if (want <= free) amounts.set(state, want);
      else if (state.inFlight > 0) {
        // Not spent: held. The event says by what, so a request refused after its wait is never told "spent".
        const held = { requests: state.holders, reserved: state.inFlight, needed: want };
        const detail = `held by ${describeHolders(held.requests)} in flight, which reserve ${held.reserved}; this request needs ${want}`;
        return { status: 'wait', held, event: makeBudgetEvent('refused', state, this.context, { used: state.used, detail }) };
      } else {
        amounts.set(state, free);
        this.shortened.add(state);
      }
    }
    for (const [state, amount] of amounts) {
      state.inFlight += amount;
      state.holders += 1;
      this.held.set(state, amount);
      this.reserved.set(state, amount);
      if (!this.shortened.has(state))
        this.allowed.set(state, this.host.measure(state, this.context.model, { ...worst, output: worst.output * OWN_CAP_SLACK }, false));
    }
    return { status: 'held' };
  }

  /** True once a provisional figure reached a block budget (the proxy should stop the stream). */
  get isCut(): boolean {
    return this.cutStates.length > 0;
  }

  /** The current estimate of the whole stream's usage. */
  get estimated(): UsageDelta {
    return { ...this.estimate };
  }

  /**
   * Updates the estimate; returns a `cut` event the first time the stream wants more of a block budget than it may
   * hold there, null otherwise (and after a cut).
   */
  provisional(soFar: number | UsageDelta): BudgetEvent | null {
    if (this.closed) return null;
    this.estimate = maxUsage(this.estimate, sanitize(typeof soFar === 'number' ? { ...ZERO_USAGE, output: soFar } : soFar));
    this.states ??= this.host.matching(this.context);
    const reached: BudgetState[] = [];
    for (const state of this.states) {
      const amount = this.host.measure(state, this.context.model, this.estimate, false);
      const reservation = this.reserved.get(state);
      const previous = this.held.get(state) ?? 0;
      // A reservation stays held until the stream outgrows it; past it the stream holds what it counts, so others see it.
      const hold = Math.max(amount, reservation ?? 0);
      if (state.limit.mode === 'block') {
        const room = Math.max(0, state.limit.limit - state.used - (state.inFlight - previous));
        if (this.wantsPast(state, amount, room)) reached.push(state);
      }
      if (!this.held.has(state)) state.holders += 1;
      state.inFlight += hold - previous;
      this.held.set(state, hold);
    }
    if (this.isCut) return null;
    const first = reached[0];
    if (!first) return null;
    this.cutStates = reached;
    return makeBudgetEvent('cut', first, this.context, {
      used: first.used + first.inFlight,
      detail: `cut while streaming, at an estimated ${this.estimate.output} output tokens`,
    });
  }

  /**
   * Charges the stream once: the reported usage, or (null: none was reported) the last estimate, noted in the events'
   * detail. All of it is charged (BudgetTracker.charge): what takes a block budget past its limit is also an
   * `overshoot` event. Returns the charge's threshold, exceeded and overshoot events.
   */
  settle(finalUsage: UsageDelta | null): BudgetEvent[] {
    if (this.closed) return [];
    // Its own holds go first: the room it is charged from is the limit less what is charged and what others hold.
    this.release();
    const detail = finalUsage === null ? "no final usage reported: charged the stream's estimate" : undefined;
    return this.host.charge(this.context, finalUsage === null ? this.estimate : sanitize(finalUsage), detail);
  }

  /**
   * True when the stream wants more of a block budget than it may hold. Never while it keeps within its own cap as its
   * reservation admitted it (max_tokens, with OWN_CAP_SLACK for the estimate's error): an honest stream ends itself, and
   * its upstream reports no more than its cap (before, streams capped at 100 were cut at an estimated 103, which can
   * cut the end of a tool call). Past that, or where its reservation was cut to what was left: when it wants more than
   * the room left for it, or all of that room where the room is the limit's end (a block budget stops there: with `>`
   * only, a 200-token budget let a stream of 10-token events run to 210).
   */
  private wantsPast(state: BudgetState, amount: number, room: number): boolean {
    const slack = 1e-9 * state.limit.limit;
    const allowed = this.allowed.get(state);
    if (allowed !== undefined && amount <= allowed + slack) return false;
    if (amount > room + slack) return true;
    if (amount < room - slack) return false;
    const reservation = this.reserved.get(state);
    return reservation === undefined || this.shortened.has(state) || amount > reservation + slack;
  }

  /** Drops the estimate without charging anything. */
  abandon(): void {
    if (!this.closed) this.release();
  }

  private release(): void {
    for (const [state, amount] of this.held) {
      state.inFlight = Math.max(0, state.inFlight - amount);
      state.holders = Math.max(0, state.holders - 1);
    }
    this.held.clear();
    this.closed = true;
  }
}

/**
 * How far past its own output cap a stream's count may run before it is taken for an upstream that ignores the cap:
 * characters / 4 counts high (13% on the text streams measured here; escapes and multi-byte characters more), and an
 * honest stream must never be cut for the estimate's error. An upstream past its cap is cut there and charged what it
 * ran to.
 */
export const OWN_CAP_SLACK = 1.5;

const ONE_INPUT: UsageDelta = { input: 1, output: 0, cache_read: 0, cache_creation: 0 };

/** A reservation that must wait: the block budget it did not fit, and what holds that budget now. */
export interface ReserveWait {
  status: 'wait';
  /** `refused`, recorded when the wait ends without room; `used` is what is charged, the detail names what is held. */
  event: BudgetEvent;
  /** Open requests holding part of the budget, what they hold together, and what this request wanted, in its metric. */
  held: { requests: number; reserved: number; needed: number };
}

function describeHolders(requests: number): string {
  return requests === 1 ? '1 request' : `${requests} requests`;
}

/** Counts are finite and non-negative; anything else (NaN, negative) is 0. */
export function sanitize(delta: UsageDelta): UsageDelta {
  const count = (value: number) => (Number.isFinite(value) && value > 0 ? value : 0);
  return {
    input: count(delta.input),
    output: count(delta.output),
    cache_read: count(delta.cache_read),
    cache_creation: count(delta.cache_creation),
  };
}
