// The status line's word on failover: where work is while the first back end's window is spent, and its return.
import { BAR_KINDS, type BarName } from '../../ledger/schemas/bar-kinds.js';
import type { FailoverState } from '../../ledger/state/failover-state.js';
import { formatDuration } from './render-statusline.js';

/** A return is said for this long after it, then the line is as without a chain. */
const RETURN_SHOWN_MS = 10 * 60_000;

/**
 * `moved to glm: anthropic's 5h spent, back in 1h 20m` while the chain's first back end is set aside, `back on
 * anthropic` for a while after the return; null otherwise (no chain, nothing moved, or long back).
 */
export function describeFailover(state: FailoverState | null, now: Date): string | null {
  if (state === null) return null;
  const first = state.chain[0];
  const spent = state.spent.find((window) => window.backend === first && Date.parse(window.resets_at) > now.getTime());
  if (first !== undefined && state.active !== first && spent) {
    const label = spent.bar in BAR_KINDS ? BAR_KINDS[spent.bar as BarName].label : spent.bar;
    return `moved to ${state.active}: ${first}'s ${label} spent, back in ${formatDuration(Date.parse(spent.resets_at) - now.getTime())}`;
  }
  const last = state.last;
  if (last?.kind === 'return' && last.to === state.active && now.getTime() - Date.parse(last.at) < RETURN_SHOWN_MS)
    return `back on ${last.to}`;
  return null;
}
