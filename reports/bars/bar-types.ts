// The bars over time (the viewer's bars contract): the series and their projections (the rows they come from: ledger's BarInputs).

import { BAR_KINDS, BAR_NAMES, type BarName } from '../../ledger/schemas/index.js';

export { BAR_NAMES, type BarName };

/** How long each bar's period lasts: a reading older than this says nothing about the bar now. */
export const BAR_PERIOD_MS = Object.fromEntries(BAR_NAMES.map((bar) => [bar, BAR_KINDS[bar].minutes * 60_000])) as Record<BarName, number>;

/** One reading of one bar. `source` names where it came from: quota-claude, proxy-headers, statusline, snapshot:codex-status, rollout, ... */
export interface BarPoint {
  at: string;
  used_pct: number;
  resets_at: string | null;
  source: string;
  /**
   * The machine it was read on (a reading row's `machine`), when the row says: its stamp is that machine's clock, which
   * may run minutes off another's (reconcileBarPoints aligns them). Absent on rows written before it was recorded.
   */
  machine?: string;
}

/** One bar of one provider, its points in time order (identical readings of several sources at one instant kept once). */
export interface BarSeries {
  provider: string;
  bar: BarName;
  points: BarPoint[];
  /** Readings left out before `points` (trimBarHistory): how many, and the first one's time. */
  earlier?: { points: number; first_at: string };
}

export interface BarThreshold {
  pct: number;
  /** The first reading of the current period at or above pct. */
  crossed_at: string | null;
  /** When the burn rate reaches pct, if not crossed yet and the bar rises. */
  projected_at: string | null;
}

export interface BarProjection {
  provider: string;
  bar: BarName;
  /** The last reading at or before `now`. */
  used_pct: number | null;
  at: string | null;
  resets_at: string | null;
  /** The first reading of the current period (a reset starts a new one): identifies the period, also when resets_at is unknown. */
  period_start: string | null;
  /** Points in the current period the burn rate was fitted on. */
  n: number;
  /** Least-squares slope of used_pct over time in the current period, with its 95% t-interval. */
  burn_pct_per_hour: number | null;
  burn_low: number | null;
  burn_high: number | null;
  /** When the bar reaches 100% at that burn, from the last reading; early and late from the burn's interval. */
  limit_at: string | null;
  limit_early: string | null;
  limit_late: string | null;
  /** limit_at before resets_at; null when either is unknown. */
  limited_before_reset: boolean | null;
  /** Why a figure is n/a; null when every figure could be computed. */
  reason: string | null;
  thresholds: BarThreshold[];
}
