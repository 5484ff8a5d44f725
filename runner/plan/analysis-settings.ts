// The primary analysis a plan pre-registers: estimand, method, alpha, relevant difference, planned tasks, reference.
import {
  ANALYSIS_DEFAULTS,
  buildSequentialRule,
  EstimandUnitSchema,
  QualityMeasureSchema,
  type AnalysisPlanRow,
  type EstimandUnit,
  type QualityMeasure,
  type TaskBudget,
} from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import type { Plan } from './build-plan.js';

/** The analysis-plan row's content, without the stamp. */
export type AnalysisSettings = Pick<
  AnalysisPlanRow,
  | 'estimand'
  | 'method'
  | 'alpha'
  | 'min_effect'
  | 'planned_tasks'
  | 'reference'
  | 'statistic'
  | 'sequential'
  | 'planning'
  | 'quality'
  | 'task_sources'
  | 'run_flags'
  | 'task_budget'
>;

export interface AnalysisRequest {
  estimand?: string | undefined;
  alpha?: number | undefined;
  minEffect?: number | undefined;
  /** A provider of the plan; default: the first. */
  reference?: string | undefined;
  /** What an arm's quality is (`--quality`): `resolved` (default) or `fail-to-pass-share`. */
  quality?: string | undefined;
  /** False (`--no-stop-rules`): the plan registers that the run never stops early. Default true. */
  stopRules?: boolean | undefined;
  /** Each arm's budget (`--task-budget`, resolved by the caller, who knows the profiles and the data dir's prices). */
  taskBudget?: TaskBudget | undefined;
}

/**
 * Fixed before any arm runs, so the report's primary result cannot be chosen after seeing the data:
 * defaults are {@link ANALYSIS_DEFAULTS}, the planned n is the plan's task count.
 */
export function buildAnalysisSettings(plan: Plan, request: AnalysisRequest = {}): AnalysisSettings {
  const estimand = parseEstimand(request.estimand ?? ANALYSIS_DEFAULTS.estimand);
  const alpha = request.alpha ?? ANALYSIS_DEFAULTS.alpha;
  if (!(alpha > 0 && alpha <= 0.5)) throw new AppError('BAD_USAGE', `--alpha must be in (0, 0.5], got ${alpha}`, { where: '--alpha' });
  const minEffect = request.minEffect ?? ANALYSIS_DEFAULTS.min_effect;
  if (!(minEffect > 0 && minEffect < 10))
    throw new AppError('BAD_USAGE', `--min-effect must be a fraction in (0, 10), such as 0.2 for 20%, got ${minEffect}`, {
      where: '--min-effect',
    });
  const reference = request.reference ?? null;
  if (reference !== null && !plan.providers.includes(reference)) {
    throw new AppError(
      'BAD_USAGE',
      `--reference ${JSON.stringify(reference)} is not a provider of the plan (${plan.providers.join(', ')})`,
      { where: '--reference' },
    );
  }
  return {
    estimand,
    method: ANALYSIS_DEFAULTS.method,
    alpha,
    min_effect: minEffect,
    planned_tasks: plan.tasks.length,
    reference,
    statistic: 'ratio-of-sums',
    quality: parseQuality(request.quality ?? ANALYSIS_DEFAULTS.quality),
    sequential: buildSequentialRule({
      providers: plan.providers.length,
      alpha,
      minEffect,
      plannedTasks: plan.tasks.length,
      enabled: request.stopRules !== false,
    }),
    ...(request.taskBudget ? { task_budget: request.taskBudget } : {}),
  };
}

function parseEstimand(value: string): EstimandUnit {
  const parsed = EstimandUnitSchema.safeParse(value);
  if (!parsed.success)
    throw new AppError('BAD_USAGE', `--estimand must be one of ${EstimandUnitSchema.options.join(', ')}, got ${JSON.stringify(value)}`, {
      where: '--estimand',
    });
  return parsed.data;
}

function parseQuality(value: string): QualityMeasure {
  const parsed = QualityMeasureSchema.safeParse(value);
  if (!parsed.success)
    throw new AppError('BAD_USAGE', `--quality must be one of ${QualityMeasureSchema.options.join(', ')}, got ${JSON.stringify(value)}`, {
      where: '--quality',
    });
  return parsed.data;
}
