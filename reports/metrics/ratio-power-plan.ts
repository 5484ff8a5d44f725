// The shape of the report's power figures for the pair the verdict waits on, from simulating the plan's own decision (pure).
import type { AnalysisPlanRow } from '../../ledger/schemas/index.js';

export interface RatioPowerPlan {
  /** The contest: the best provider first. */
  pair: [string, string];
  /** Tasks the pair has now, and the plan's planned tasks. */
  tasks: number;
  planned: number;
  relevant_ratio: number;
  /** The power asked for (0.8). */
  target: number;
  /** What the simulated tasks are drawn from, in words (the pair's own tasks resampled, or the printed assumption). */
  model: string;
  /** Chance the plan's decision names the pair's leader when it truly does relevant_ratio x the other's work per $, with its MC error. */
  power_planned: number | null;
  mc_error: number | null;
  /**
   * The same simulated runs with no difference (ratio 1): how often the decision names the pair's leader when it is
   * not ahead, on the data's own shape; and whether power_planned is no more than that within 2 Monte Carlo SEs (the
   * decision then has no power there, only error). Absent on figures made before it.
   */
  null_rate?: number;
  no_real_power?: boolean;
  /** Planned tasks for `target` power at relevant_ratio; null beyond the search's cap; and how many beyond the planned tasks (never below 0). */
  tasks_for_power: number | null;
  still_needed: number | null;
  /** What keeps the power below target at any number of tasks: the prices' calibration alone, or the tasks; null when some N reaches it. */
  limit: 'prices' | 'tasks' | null;
  /** What the uncertainty holds besides the tasks: see RatioWidth. */
  width: RatioWidth;
  /** The smallest ratio the planned tasks detect with `target` power; null beyond 20x. */
  detectable_ratio: number | null;
  /** What the plan promised before the run (absent on plans before work per dollar, ADR 0029). */
  promised: AnalysisPlanRow['planning'] | null;
  notes: string[];
}

/**
 * What widens the sequence besides the number of tasks: each price's calibration (fixed whatever the tasks), and the
 * tasks that reached a provider's budget or cost over 5x its median arm (runaways, which a tighter budget bounds).
 */
export interface RatioWidth {
  /** Both prices' calibration together (SD of ln price A / price B), and each provider's (the pair's order). */
  calibration_se: number;
  calibration_ses: [number, number];
  runaway_tasks: number;
}
