// How long an arm must wait before it starts so its window never straddles a 5h reset or starts inside the reset buffer.
import { RESET_BUFFER_MS, type Bars } from '../../ledger/index.js';

/**
 * Invariant 2 for the runner: a window whose 5h bar resets while the agent may still run (within its
 * timeout) would end in a refused or forced `after` and a meaningless delta; one that starts less than 5
 * minutes after a reset (the next reset minus the window length, as live headers show it) reads bars that
 * may not have settled. Either way the arm waits until 5 minutes after that reset. 0 when the bars show
 * no 5h reset time. `armTimeoutMs` should cover the agent, its tests and the after capture.
 */
export function computeResetWait(bars: Bars | undefined, nowMs: number, armTimeoutMs: number): number {
  const bar = bars?.five_hour;
  const next = bar?.resets_at ? Date.parse(bar.resets_at) : Number.NaN;
  if (Number.isNaN(next)) return 0;
  // Live headers name the next reset; the one that began the current period is a window length earlier.
  const last = next - (bar?.window_minutes ?? 300) * 60_000;
  if (last <= nowMs && nowMs < last + RESET_BUFFER_MS) return last + RESET_BUFFER_MS - nowMs;
  if (next <= nowMs && nowMs < next + RESET_BUFFER_MS) return next + RESET_BUFFER_MS - nowMs;
  return next > nowMs && next <= nowMs + armTimeoutMs ? next + RESET_BUFFER_MS - nowMs : 0;
}
