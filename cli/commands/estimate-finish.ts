// When a run's remaining arms should be done, at the pace of its last finishes (experiment status --watch).

/** Inter-finish gaps the ETA takes its median from: recent enough to follow the pace, robust to one gap (a resume). */
const PACE_WINDOWS = 10;

/** What the ETA reads of a plan's status. */
interface PlanPace {
  state: string;
  pending: number;
  open: number;
  arm_states: readonly { finished_at: string | null }[];
}

/** now + the median gap between the last finishes × the arms left; n/a below 2 finishes or when no runner holds the plan. */
export function estimateFinish(status: PlanPace, now: Date): { eta: string | null; eta_reason: string | null } {
  const left = status.pending + status.open;
  if (left === 0) return { eta: null, eta_reason: null };
  if (status.state !== 'running' && status.state !== 'elsewhere') return { eta: null, eta_reason: 'no run going on' };
  const finishes = status.arm_states
    .map((arm) => (arm.finished_at === null ? Number.NaN : Date.parse(arm.finished_at)))
    .filter(Number.isFinite)
    .sort((a, b) => a - b)
    .slice(-(PACE_WINDOWS + 1));
  if (finishes.length < 2) return { eta: null, eta_reason: 'fewer than 2 arms done' };
  const gaps = finishes
    .slice(1)
    .map((ms, i) => ms - (finishes[i] as number))
    .sort((a, b) => a - b);
  const middle = gaps.length / 2;
  const median =
    gaps.length % 2 === 1 ? (gaps[Math.floor(middle)] as number) : ((gaps[middle - 1] as number) + (gaps[middle] as number)) / 2;
  return { eta: new Date(now.getTime() + median * left).toISOString(), eta_reason: null };
}
