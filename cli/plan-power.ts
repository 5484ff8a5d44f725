// The power of a planned experiment, simulated on its own decision: from the data dir's earlier tasks of the pair when there are any, else a printed assumption.
import { existsSync } from 'node:fs';
import { createPriceTable } from '../budget/prices/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';
import { readReportLedger, type AnalysisPlanRow } from '../ledger/index.js';
import { readRegisteredAnalyses } from '../ledger/runs/index.js';
import { AppError, pluralize } from '../kernel/index.js';
import {
  MAX_POWER_TASKS,
  TARGET_POWER,
  measureWindows,
  pairRatioTasks,
  planRatioPower,
  resolveBudgetCaps,
  type RatioPowerInput,
  type RatioPowerPlan,
  type RatioTask,
} from '../reports/index.js';
import type { AnalysisSettings, Plan } from '../runner/index.js';
import { rememberPlanPower } from './remember-plan-power.js';

export interface PlanPower {
  /** The simulated figures; null when they are the registered plan's, read back on a resume (readRegisteredPlanPower). */
  power: RatioPowerPlan | null;
  /** What the analysis-plan row registers, so the report can show what the run promised. */
  planning: NonNullable<AnalysisPlanRow['planning']>;
  underpowered: boolean;
  /** One line when the plan is short of power; null otherwise. */
  warning: string | null;
}

/** A plan's power just simulated, with every figure. */
export type SimulatedPlanPower = PlanPower & { power: RatioPowerPlan };

/** The seed of a plan's power: the figures depend on the design and the earlier tasks alone, not on which plan asks. */
const PLAN_POWER_SEED = 'plan-power';

/**
 * The first pair of the plan, through the plan's own rule for its task count: its earlier tasks in the data dir
 * (read, never created here) resampled when there are any, else the stated assumption. Epochs are not simulated
 * (each task is one run): they only lower each task's noise, so the figures are on the safe side.
 */
export function computePlanPower(dataDir: string, plan: Plan, analysis: AnalysisSettings, catalog: ProviderCatalog): SimulatedPlanPower {
  const pair: [string, string] = [plan.providers[0] as string, plan.providers[1] as string];
  const { tasks: earlier, budget } = existsSync(dataDir) ? readEarlierTasks(dataDir, pair, analysis, catalog) : { tasks: [], budget: null };
  const input: RatioPowerInput = {
    pair,
    tasks: earlier,
    alpha: analysis.alpha,
    providers: plan.providers.length,
    minEffect: analysis.min_effect,
    enabled: analysis.sequential?.rule !== 'none',
    budget,
    planned: plan.tasks.length,
    calibrationSe: 0,
    runs: 400,
    // The design's figures, whatever the plan's id: plans of one design share one simulation (remember-power.ts).
    seed: PLAN_POWER_SEED,
    promised: null,
  };
  const power = rememberPlanPower(input, () => planRatioPower(input));
  const planning = {
    success_rate: readSuccessRate(earlier),
    cost_spread: 0.5,
    detectable_ratio: power.detectable_ratio,
    power_at_relevant: power.power_planned ?? 0,
    tasks_for_power: power.tasks_for_power,
    source: power.model,
  };
  return { power, ...judgePlanning(plan, analysis, planning) };
}

/**
 * A resumed plan's power: the figures its first start simulated and registered, read back (null when the plan is not
 * registered yet, or was registered without them). Simulating them again on a resume cost a whole simulation (6.3 s
 * of CPU on the default plan's assumed model) for one warning line, and on the plan's own finished arms it would no
 * longer be the promise the run made.
 */
export function readRegisteredPlanPower(dataDir: string, plan: Plan, analysis: AnalysisSettings): PlanPower | null {
  if (!existsSync(dataDir)) return null;
  const planning = readRegisteredAnalyses(dataDir, plan.plan_id).get(plan.plan_id)?.planning;
  return planning === undefined ? null : { power: null, ...judgePlanning(plan, analysis, planning) };
}

/** Whether the planning figures reach the target power, and the warning line when they do not. */
function judgePlanning(
  plan: Plan,
  analysis: AnalysisSettings,
  planning: NonNullable<AnalysisPlanRow['planning']>,
): Omit<PlanPower, 'power'> {
  const pair = [plan.providers[0] as string, plan.providers[1] as string];
  const underpowered = planning.power_at_relevant < TARGET_POWER;
  const needed =
    planning.tasks_for_power === null
      ? `more than ${MAX_POWER_TASKS.toLocaleString('en-US')}`
      : `about ${planning.tasks_for_power.toLocaleString('en-US')}`;
  const detectable =
    planning.detectable_ratio === null ? 'no ratio up to 20x' : `providers ${planning.detectable_ratio.toPrecision(3)}x apart`;
  const design = `${pluralize(plan.tasks.length, 'task')} x ${pluralize(plan.epochs, 'epoch')}`;
  const warning = underpowered
    ? `WARNING: ${design} have power ${planning.power_at_relevant.toFixed(2)} (below ${TARGET_POWER}) to see a ${Math.round(analysis.min_effect * 100)}% difference in work per $ between ${pair[0]} and ${pair[1]} at alpha ${analysis.alpha}; ${needed} tasks would reach ${TARGET_POWER}; with ${plan.tasks.length} tasks this run can tell apart ${detectable}.`
    : null;
  return { planning, underpowered, warning };
}

/** The pair's tasks of earlier plans in the data dir, priced as the report prices them; none when there are none. */
/** The pair's earlier tasks in the data dir, and the new plan's task budgets in their dollars (where their prices are known). */
function readEarlierTasks(
  dataDir: string,
  pair: [string, string],
  analysis: AnalysisSettings,
  catalog: ProviderCatalog,
): { tasks: RatioTask[]; budget: { a: number; b: number } | null } {
  // Only the pair's windows, and no capture times (durations): a data dir of a million captures reads in seconds.
  const ledger = readReportLedger(dataDir, { providers: pair, captureTimes: false });
  const measured = measureWindows(ledger, analysis.estimand, { prices: createPriceTable(catalog), confidence: 1 - analysis.alpha });
  const caps = resolveBudgetCaps(analysis.task_budget, measured.priced.calibrations, measured.priced.unit);
  const a = caps?.get(pair[0]);
  const b = caps?.get(pair[1]);
  return { tasks: pairRatioTasks(measured.windows, pair)[0]?.tasks ?? [], budget: a !== undefined && b !== undefined ? { a, b } : null };
}

/** The share of arms that succeeded among the earlier tasks, else the assumed 0.75. */
function readSuccessRate(tasks: readonly RatioTask[]): number {
  if (tasks.length === 0) return 0.75;
  return tasks.reduce((sum, t) => sum + (t.qA >= 1 ? 1 : 0) + (t.qB >= 1 ? 1 : 0), 0) / (2 * tasks.length);
}

/** The lines `experiment plan` shows, and `experiment run` when the design is short of power. */
export function renderPlanPower(plan: SimulatedPlanPower): string[] {
  const p = plan.power;
  const pct = Math.round((p.relevant_ratio - 1) * 100);
  const lines = [
    `Power: ${p.power_planned === null ? 'n/a' : p.power_planned.toFixed(2)} to see ${pct}% more work per $ between ${p.pair[0]} and ${p.pair[1]} with ${pluralize(p.planned, 'task')} (the plan's own decision simulated, ${pluralize(400, 'run')})`,
    `  tasks for ${Math.round(p.target * 100)}%: ${p.tasks_for_power === null ? `more than ${MAX_POWER_TASKS.toLocaleString('en-US')}` : p.tasks_for_power.toLocaleString('en-US')}; smallest detectable ratio with ${p.planned}: ${p.detectable_ratio === null ? 'above 20x' : `${p.detectable_ratio.toPrecision(3)}x`}`,
    `  model: ${p.model}`,
  ];
  if (p.no_real_power === true && p.null_rate !== undefined)
    lines.push(
      `  no real power: with no difference at all the same runs name ${p.pair[0]} ahead ${p.null_rate.toFixed(2)} of the time; the decision cannot tell ${pct}% apart on tasks like these`,
    );
  for (const note of p.notes) lines.push(`  note: ${note}`);
  if (plan.warning) lines.push(plan.warning);
  return lines;
}

/** `--require-power`: refuse before anything starts or is written. */
export function requirePower(plan: PlanPower): void {
  if (plan.underpowered)
    throw new AppError(
      'RULE_VIOLATION',
      `the planned design has power ${plan.planning.power_at_relevant.toFixed(2)} < ${TARGET_POWER}: ${plan.warning ?? ''} (drop --require-power to run it anyway)`,
      { where: '--require-power' },
    );
}
