// Replays one account's recorded demand against a bar's size: the windows in which it would have hit the limit, and the wait (pure).
import { BAR_KINDS, type PricedBar } from '../../ledger/schemas/index.js';

/** Tokens used, at the times they were used (time order). */
export interface DemandColumns {
  at_ms: readonly number[];
  amount: readonly number[];
}

export interface LimitHit {
  /** Where the window began and ends, and when its use passed the bar's size. */
  start_ms: number;
  hit_ms: number;
  end_ms: number;
  /** Tokens of the window's use past the limit: what would have waited for the reset. */
  blocked_tokens: number;
}

export interface ReplayedBar {
  bar: PricedBar;
  /** The windows with any use in them. */
  windows: number;
  hits: LimitHit[];
  /** Hours from each hit to its window's reset, summed. */
  waited_hours: number;
  /** Tokens served before each window's limit, and all the tokens asked. */
  served_tokens: number;
  asked_tokens: number;
  /** Each use's tokens past this bar's limit (the demand's order): what another bar's replay is joined with. */
  blocked: Float64Array;
}

/**
 * A window starts at the first use after the previous one ended and lasts the bar's period: Claude Code's and Codex's
 * 5-hour windows start with the first message after a reset, and a weekly or daily bar that has been seen to reset
 * starts at `anchorMs` and repeats (its reset times, read off the bars). The history is kept as it happened: use past a
 * limit is counted as waiting for the reset, not moved after it, so a later window is the one recorded (a subscriber
 * who waited would have shifted some of it; this counts the first hit of each window exactly and the waits as the
 * longest they could have been).
 */
export function replayLimits(demand: DemandColumns, bar: PricedBar, capacityTokens: number, anchorMs: number | null = null): ReplayedBar {
  const period = BAR_KINDS[bar].minutes * 60_000;
  const result: ReplayedBar = {
    bar,
    windows: 0,
    hits: [],
    waited_hours: 0,
    served_tokens: 0,
    asked_tokens: 0,
    blocked: new Float64Array(demand.at_ms.length),
  };
  let start = Number.NEGATIVE_INFINITY;
  let used = 0;
  let hit: LimitHit | null = null;
  for (let index = 0; index < demand.at_ms.length; index += 1) {
    const at = demand.at_ms[index] as number;
    const amount = demand.amount[index] as number;
    if (at >= start + period) {
      start = anchorMs === null ? at : anchorMs + Math.floor((at - anchorMs) / period) * period;
      used = 0;
      hit = null;
      result.windows += 1;
    }
    result.asked_tokens += amount;
    if (hit !== null) {
      hit.blocked_tokens += amount;
      result.blocked[index] = amount;
      continue;
    }
    const room = capacityTokens - used;
    used += amount;
    if (used <= capacityTokens) {
      result.served_tokens += amount;
      continue;
    }
    result.served_tokens += Math.max(0, room);
    result.blocked[index] = amount - Math.max(0, room);
    hit = { start_ms: start, hit_ms: at, end_ms: start + period, blocked_tokens: amount - Math.max(0, room) };
    result.hits.push(hit);
    result.waited_hours += (start + period - at) / 3_600_000;
  }
  return result;
}
