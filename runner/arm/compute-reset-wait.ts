// How long an arm must wait before it starts so its window never straddles a 5h reset or starts inside the reset buffer.
import { RESET_BUFFER_MS, type Bars } from '../../ledger/index.js';

/**
 * Invariant 2 for the runner: a window whose 5h bar resets while the agent may still run (within its
 * timeout) would end in a refused or forced `after` and a meaningless delta; one that starts less than 5
 * minutes after a reset reads bars that may not have settled. Either way the arm waits until 5 minutes
 * after that reset. 0 when the bars show no 5h reset time.
 */
export function computeResetWait(bars: Bars | undefined, nowMs: number, armTimeoutMs: number): number {
  const resetsAt = bars?.five_hour?.resets_at;
  if (!resetsAt) return 0;
  const reset = Date.parse(resetsAt);
  if (Number.isNaN(reset)) return 0;
  const settled = reset + RESET_BUFFER_MS;
  const straddles = reset > nowMs && reset <= nowMs + armTimeoutMs;
  const unsettled = reset <= nowMs && nowMs < settled;
  return straddles || unsettled ? settled - nowMs : 0;
}
