// Which analysis is primary: the one the data's plan pre-registered, the report's flags only as named deviations: pure.
import type { ReportWindow } from '../../ledger/index.js';
import {
  ANALYSIS_DEFAULTS,
  type AnalysisPlanRow,
  type EstimandUnit,
  type QualityMeasure,
  type TaskBudget,
} from '../../ledger/schemas/index.js';
import { describeLegacyRule } from '../metrics/resolve-plan-rule.js';

/** The primary analysis the report runs, and where each setting came from. */
export interface PrimaryPlan {
  /** True when a plan in the data pre-registered it (`experiment plan --record` or `experiment run`). */
  registered: boolean;
  plan_id: string | null;
  registered_at: string | null;
  /** The providers analysed: the plan's, else every provider with windows on named tasks. */
  providers: string[];
  estimand: EstimandUnit;
  alpha: number;
  min_effect: number;
  planned_tasks: number;
  /** Relative differences are fractions of this provider's mean efficiency. */
  reference: string | null;
  /**
   * What an arm's quality is, as the plan registered it and its arms were scored (an older plan: the share of
   * fail_to_pass); null without a registered plan (each arm as its run scored it).
   */
  quality: QualityMeasure | null;
  /** The registered stop rule as recorded (new or legacy); null for unregistered data (the default then). */
  sequential: AnalysisPlanRow['sequential'] | null;
  /**
   * Each arm's registered budget, the bound the sequence is exact under; null when none was registered (the plan is
   * older, or there is no plan): each side is then bounded by its dearest arm, after the fact, and the report says so.
   */
  task_budget: TaskBudget | null;
  /** What the plan's power assumed before the run; undefined when not recorded (rows before work per dollar, ADR 0029). */
  planning?: AnalysisPlanRow['planning'] | undefined;
  /** How many of the plan's tasks are built-in, imported, synthesized or the user's own; undefined when not recorded. */
  task_sources?: AnalysisPlanRow['task_sources'] | undefined;
  /** Each setting the report was asked to change from the pre-registered one, in words. */
  deviations: string[];
  notes: string[];
}

export interface PlanRequest {
  planId?: string | undefined;
  alpha?: number | undefined;
  minEffect?: number | undefined;
  unit?: EstimandUnit | undefined;
  plannedTasks?: number | undefined;
  baseline?: string | undefined;
  providers?: readonly string[] | undefined;
}

/** Without a registered plan: these, and a note that the analysis was chosen after the data. */
export const UNREGISTERED_PLANNED_TASKS = 12;

/**
 * The registered plan named by `planId`, else the one with the most completed windows (ties: the later one).
 * A flag that differs from the registration is applied and listed as a deviation, never silently.
 */
export function resolveAnalysisPlan(rows: readonly AnalysisPlanRow[], windows: readonly ReportWindow[], request: PlanRequest): PrimaryPlan {
  const row = choosePlanRow(rows, windows, request.planId);
  const notes: string[] = [];
  if (!row) {
    const planWindows = request.planId === undefined ? windows : windows.filter((w) => w.plan_id === request.planId);
    const present = [...new Set(planWindows.filter((w) => w.feature_id !== null).map((w) => w.provider))].sort();
    notes.push(
      request.planId === undefined
        ? "no plan in this data pre-registered an analysis (`experiment plan --record` or `experiment run` record one): the primary analysis below was chosen by the report's defaults and flags"
        : `plan ${request.planId} recorded no analysis (an older version recorded it): the primary analysis below was chosen by the report's defaults and flags`,
    );
    return {
      registered: false,
      plan_id: request.planId ?? null,
      registered_at: null,
      providers: request.providers ? [...request.providers] : present,
      estimand: request.unit ?? ANALYSIS_DEFAULTS.estimand,
      alpha: request.alpha ?? ANALYSIS_DEFAULTS.alpha,
      min_effect: request.minEffect ?? ANALYSIS_DEFAULTS.min_effect,
      // The tasks in the data when there are more than the default: looks past the planned ones cannot decide.
      planned_tasks: request.plannedTasks ?? Math.max(UNREGISTERED_PLANNED_TASKS, countTasks(planWindows)),
      reference: request.baseline ?? null,
      quality: null,
      sequential: null,
      task_budget: null,
      deviations: [],
      notes,
    };
  }
  // Other plans in the data are not mentioned: a finished plan's report must not change when they arrive.
  const deviations: string[] = [];
  const pick = <T>(asked: T | undefined, registered: T, what: string, show: (value: T) => string = String): T => {
    if (asked === undefined || asked === registered) return registered;
    deviations.push(`${what} ${show(asked)} instead of the pre-registered ${show(registered)}`);
    return asked;
  };
  const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;
  const providers = request.providers && request.providers.join(',') !== row.providers.join(',') ? [...request.providers] : row.providers;
  if (providers !== row.providers)
    deviations.push(`providers ${providers.join(', ')} instead of the pre-registered ${row.providers.join(', ')}`);
  return {
    registered: true,
    plan_id: row.plan_id,
    registered_at: row.ts,
    providers,
    estimand: pick(request.unit, row.estimand, 'estimand per'),
    alpha: pick(request.alpha, row.alpha, 'alpha'),
    min_effect: pick(request.minEffect, row.min_effect, 'relevant difference', percent),
    planned_tasks: pick(request.plannedTasks, row.planned_tasks, 'planned tasks'),
    reference: pick(request.baseline, row.reference ?? (row.providers[0] as string), 'reference'),
    quality: row.quality ?? 'fail-to-pass-share',
    sequential: row.sequential ?? null,
    task_budget: row.task_budget ?? null,
    planning: row.planning,
    task_sources: row.task_sources,
    deviations: [...deviations, ...[describeLegacyRule(row), describeMissingBudget(row)].filter((text): text is string => text !== null)],
    notes,
  };
}

/** Distinct tasks (a feature id, within its plan) among the windows. */
function countTasks(windows: readonly ReportWindow[]): number {
  return new Set(windows.filter((w) => w.feature_id !== null).map((w) => `${w.plan_id ?? ''}\u0000${w.feature_id}`)).size;
}

function choosePlanRow(
  rows: readonly AnalysisPlanRow[],
  windows: readonly ReportWindow[],
  planId: string | undefined,
): AnalysisPlanRow | null {
  if (planId !== undefined) return rows.find((row) => row.plan_id === planId) ?? null;
  const counts = new Map<string, number>();
  for (const window of windows) if (window.plan_id) counts.set(window.plan_id, (counts.get(window.plan_id) ?? 0) + 1);
  let best: AnalysisPlanRow | null = null;
  for (const row of rows) if (best === null || (counts.get(row.plan_id) ?? 0) >= (counts.get(best.plan_id) ?? 0)) best = row;
  return best;
}

/** A plan registered before task budgets: its sequence can only take each side's dearest arm as the bound. */
function describeMissingBudget(row: AnalysisPlanRow): string | null {
  if (row.task_budget) return null;
  return "the plan registered no task budget (it predates them): each side's costs are bounded by its dearest arm, chosen after the fact, so the sequence is exact only if no arm could have cost more";
}
