// The failover chain at run time: which back end takes the next request, which windows are spent until when, moves counted.
import type { Bars, FailoverReason, FailoverState } from '../../ledger/index.js';
import type { RateLimitReading } from '../../sources/index.js';
import type { Backend } from '../config/build-routing-table.js';
import type { FailoverMember, FailoverPlan } from '../config/resolve-failover.js';
import { boundReset, readRefusedWindow, readThresholdWindow, type SpentWindow } from './read-spent-window.js';

/** Work moved on to a later back end, or came back to an earlier one whose window reset. */
export interface FailoverEvent {
  kind: 'move' | 'return';
  from: string;
  to: string;
  /** move: the window of `from` that is spent; return: the window of `to` that reset (with `clamped_from` when bounded). */
  window: SpentWindow;
}

interface Spent {
  untilMs: number;
  window: SpentWindow;
}

/** A reset already past (a skewed clock, a stale header) keeps a refusing back end aside this long, not zero. */
const PAST_RESET_HOLD_MS = 60_000;

export class FailoverChain {
  readonly members: readonly FailoverMember[];
  private readonly head: Backend;
  private readonly atPct: number | null;
  private readonly spent: (Spent | null)[];
  /** The last window each member was set aside for, kept after its reset so a return can name it. */
  private readonly lastWindow: (SpentWindow | null)[];
  private active = 0;
  private moves = 0;
  private returns = 0;
  private moved = 0;
  private last: FailoverState['last'] = null;

  constructor(
    plan: FailoverPlan,
    /** Epoch milliseconds now (tests move it); the resets are read against it. */
    readonly clock: () => number,
    private readonly onEvent: (event: FailoverEvent) => void,
  ) {
    this.members = plan.members;
    this.head = (plan.members[0] as FailoverMember).backend;
    this.atPct = plan.atPct;
    this.spent = plan.members.map(() => null);
    this.lastWindow = plan.members.map(() => null);
  }

  /** Whether a request routed to this back end follows the chain (only the chain's first back end's do). */
  covers(backend: Backend): boolean {
    return backend === this.head;
  }

  /**
   * The member the next request goes to: the first whose window is not spent (a reset past frees it again: the
   * return). When every one is spent, the one that resets first: its refusal, with its reset, reaches the client.
   */
  pick(): number {
    const now = this.clock();
    let soonest = 0;
    for (let i = 0; i < this.spent.length; i++) {
      const entry = this.spent[i];
      if (entry === null || entry === undefined || now >= entry.untilMs) {
        if (entry) this.spent[i] = null;
        this.follow(i);
        return i;
      }
      if (entry.untilMs < (this.spent[soonest] as Spent).untilMs) soonest = i;
    }
    this.follow(soonest);
    return soonest;
  }

  /** Whether a member after `index` could take a request now (then a refusal of `index` moves the request there). */
  hasNextAfter(index: number): boolean {
    const now = this.clock();
    for (let i = index + 1; i < this.spent.length; i++) {
      const entry = this.spent[i];
      if (!entry || now >= entry.untilMs) return true;
    }
    return false;
  }

  /** The answer a member gave: a refusal or a bar at the threshold sets it aside until the bar's reset. */
  observe(index: number, status: number, reading: RateLimitReading | null): void {
    const refused = readRefusedWindow(status, reading, this.clock());
    if (refused) return this.setAside(index, refused);
    // Leaving early is worth it only when there is somewhere to go; the last one left is used until it refuses.
    if (this.atPct === null || reading === null || !this.hasNextAfter(index)) return;
    const over = readThresholdWindow(reading.bars, this.atPct, this.clock());
    if (over) this.setAside(index, over);
  }

  /**
   * Bars read from a member's quota endpoint (poll-quota.ts), for back ends whose answers carry none: a bar at the
   * threshold (without one, at 100: spent) sets it aside until that bar's reset, as the same bar on an answer would.
   */
  observeQuota(index: number, bars: Bars): void {
    if (!this.hasNextAfter(index)) return;
    const over = readThresholdWindow(bars, this.atPct ?? 100, this.clock());
    if (over) this.setAside(index, over);
  }

  /**
   * Sets a member aside until its window resets, and never longer than that window's bar's period from now (a refusal
   * is the back end's word, not a fact: one naming the year 2199 would keep an account aside for good).
   */
  setAside(index: number, window: SpentWindow): void {
    const now = this.clock();
    const bounded: SpentWindow = { ...window, ...boundReset(window.bar, Date.parse(window.resets_at), now, () => window.resets_at) };
    const resetMs = Date.parse(bounded.resets_at);
    this.spent[index] = { untilMs: resetMs > now ? resetMs : now + PAST_RESET_HOLD_MS, window: bounded };
    this.lastWindow[index] = bounded;
  }

  /** What a request served by `index` records: the member before it, which it left, and that one's spent window. */
  recordMove(index: number): { from: string; window: FailoverReason } | null {
    if (index <= 0) return null;
    this.moved += 1;
    const left = this.lastWindow[index - 1];
    const from = this.members[index - 1]?.backend.name;
    if (!left || !from) return null;
    // The row's failover_reason keeps its contract's four fields (docs/data-format.md); the clamp is in the state file.
    const { clamped_from: _given, ...reason } = left;
    return { from, window: reason };
  }

  /** Where work is now, what is spent, the last move or return: the data dir's proxy_failover.json. */
  toState(): FailoverState {
    const now = this.clock();
    return {
      updated_at: new Date(now).toISOString(),
      chain: this.members.map((member) => member.backend.name),
      active: this.members[this.active]?.backend.name ?? '',
      moves: this.moves,
      returns: this.returns,
      spent: this.spent.flatMap((entry, i) =>
        entry && now < entry.untilMs ? [{ backend: this.members[i]?.backend.name ?? '', ...entry.window }] : [],
      ),
      last: this.last,
    };
  }

  /** What /_tracker/health shows: the state and the requests moved so far. */
  describe(): FailoverState & { moved_requests: number } {
    return { ...this.toState(), moved_requests: this.moved };
  }

  private follow(index: number): void {
    if (index === this.active) return;
    const from = this.active;
    this.active = index;
    const kind = index > from ? 'move' : 'return';
    if (kind === 'move') this.moves += 1;
    else this.returns += 1;
    const window = kind === 'move' ? this.lastWindow[from] : this.lastWindow[index];
    const fromName = this.members[from]?.backend.name;
    const toName = this.members[index]?.backend.name;
    if (!window || !fromName || !toName) return;
    this.last = { kind, from: fromName, to: toName, at: new Date(this.clock()).toISOString(), ...window };
    this.onEvent({ kind, from: fromName, to: toName, window });
  }
}
