// An analysis-plan row (assignments.jsonl): the primary analysis a plan commits to before any arm runs (pre-registration).
import * as z from 'zod';
import { PlanIdSchema, ProviderIdSchema } from './ids.js';
import { StampSchema } from './stamp.js';

/**
 * What "more correct work per unit of what they pay" is measured in: quality points per dollar of
 * subscription (`usd`), or per unit of each provider's own bars (`bars`: % of a window, or tokens where the
 * provider meters tokens).
 */
export const EstimandUnitSchema = z.enum(['usd', 'bars']);
export type EstimandUnit = z.infer<typeof EstimandUnitSchema>;

/**
 * Stop rules of plans registered before the betting sequence (ADR 0041), kept so those rows still parse: the bounded-mean
 * betting sequence on the share gap (before work per dollar, ADR 0029), and the group-sequential rule on the ratio
 * (ADR 0032, with ADR 0034's tail guard). Readers decide such rows by the betting sequence their settings imply and say so
 * (resolve-plan-rule.ts).
 */
export const LegacySequentialRuleSchema = z.union([
  z.object({
    rule: z.enum(['bounded-mean-betting', 'none']),
    alpha_per_pair: z.number().gt(0).lt(1),
    pairs: z.number().int().positive(),
    tuning_n: z.number().int().positive(),
    margin: z.number().gt(0).lt(1),
  }),
  z.object({
    rule: z.enum(['group-sequential', 'none']),
    alpha_per_pair: z.number().gt(0).lt(1),
    pairs: z.number().int().positive(),
    planned_tasks: z.number().int().positive(),
    spending: z.literal('obrien-fleming'),
    first_look: z.number().int().positive(),
    look_every: z.number().int().positive(),
    relevant_ratio: z.number().gt(1),
    tail_guard: z.number().min(1).optional(),
  }),
]);
export type LegacySequentialRule = z.infer<typeof LegacySequentialRuleSchema>;

/**
 * The one decision procedure a plan pre-registers: every pair's ratio of work per dollar, each arm's dollars bounded by
 * the plan's task budget, followed task by task in an exact anytime-valid confidence sequence by betting at
 * `alpha_per_pair` (alpha / pairs, Bonferroni): it holds at every look and every number of tasks at once, for every
 * cost and quality distribution within the budget (reports/stats/ratio-sequence.ts, ADR 0041). A pair is decided once
 * every ratio on one side of 1 is out of its sequence; a pair whose sequence lies within [1 / relevant_ratio,
 * relevant_ratio] is settled as no relevant difference (it never adds error). `none`: the run never stops early
 * (`--no-stop-rules`); the answer is the same sequence's at its end.
 */
export const SequentialRuleSchema = z.object({
  rule: z.enum(['betting', 'none']),
  alpha_per_pair: z.number().gt(0).lt(1),
  pairs: z.number().int().positive(),
  planned_tasks: z.number().int().positive(),
  /** 1 + the relevant difference: 1.2 for 20% more work per dollar. */
  relevant_ratio: z.number().gt(1),
});
export type SequentialRuleSettings = z.infer<typeof SequentialRuleSchema>;

/**
 * What one arm may spend before the runner stops it (a failure: quality 0, charged what it used), registered before the
 * first arm: the bound that makes the sequence exact and the cap its estimand names. In list-price dollars of the arm's
 * own requests (`cost`, the proxy's count, which a plan's price turns into dollars of subscription); a token count does
 * not bound dollars (tokens are priced by kind). One limit per provider; `source` says how it was set (the flag as
 * given, or the default and why).
 */
export const TaskBudgetSchema = z.strictObject({
  metric: z.literal('cost'),
  limits: z.record(ProviderIdSchema, z.number().positive()),
  source: z.string().min(1),
});
export type TaskBudget = z.infer<typeof TaskBudgetSchema>;

/**
 * What an arm's quality is on a task with fail_to_pass tests: `resolved` (SWE-bench's: 1 when every fail_to_pass and
 * pass_to_pass test passed, else 0), or `fail-to-pass-share` (the share of fail_to_pass tests that passed: partial
 * credit, and a wrong solution that passes old tests renamed into fail_to_pass scores well above 0). Tasks without the
 * lists are scored by counts either way.
 */
export const QualityMeasureSchema = z.enum(['resolved', 'fail-to-pass-share']);
export type QualityMeasure = z.infer<typeof QualityMeasureSchema>;

export const AnalysisPlanRowSchema = StampSchema.extend({
  kind: z.literal('analysis-plan'),
  plan_id: z.string().min(1),
  /** The plan's providers in arm order. */
  providers: z.array(ProviderIdSchema).min(2),
  /** The within-task difference in efficiency, in this unit, is the primary estimand. */
  estimand: EstimandUnitSchema,
  /** `crossover`: AB/BA (Grizzle) for two providers, least squares with subject, period, treatment and first-order carryover for three or more. */
  method: z.literal('crossover'),
  alpha: z.number().gt(0).lt(1),
  /** The smallest relevant difference, as a fraction of the reference provider's mean efficiency. */
  min_effect: z.number().gt(0).lt(10),
  /** Tasks the plan holds: the planned n of the primary analysis and the stop rule's tuning. */
  planned_tasks: z.number().int().positive(),
  /** The reference provider of the relative difference; null: the first provider of the plan. */
  reference: ProviderIdSchema.nullable(),
  /**
   * What the decision is on: `ratio-of-sums`, each provider's sum of quality over its sum of dollars,
   * pairs compared by the ratio of the two. `share-gap` on rows recorded before it (the per-task share, who wins the
   * typical task); absent on rows older still. Readers decide on the ratio of sums and say when a row registered
   * something else.
   */
  statistic: z.enum(['ratio-of-sums', 'share-gap']).optional(),
  /** What an arm's quality is (see QualityMeasureSchema); absent on rows older than the measure, whose arms scored the share. */
  quality: QualityMeasureSchema.optional(),
  /** The stop rule the runner checks after every arm and the report states; older rows carry a legacy one. */
  sequential: z.union([SequentialRuleSchema, LegacySequentialRuleSchema]).optional(),
  /** Each arm's budget (see TaskBudgetSchema); absent on rows before it, whose costs are bounded by the dearest arm seen. */
  task_budget: TaskBudgetSchema.optional(),
  /**
   * What the plan's power was computed with before the run, and where it came from (the tasks needed, the smallest
   * ratio it can detect), so the report can show the figure the run promised beside what the data now say.
   */
  planning: z
    .object({
      success_rate: z.number().min(0).max(1),
      cost_spread: z.number().nonnegative(),
      detectable_ratio: z.number().positive().nullable(),
      power_at_relevant: z.number().min(0).max(1),
      tasks_for_power: z.number().int().positive().nullable(),
      source: z.string().min(1),
    })
    .optional(),
  /**
   * Where the plan's tasks came from: the built-in bank, `experiment tasks import` (tagged imported), `experiment tasks
   * synthesize` (tagged synthesized), or the user's own; absent on rows older than the field. The report says the mix.
   */
  task_sources: z
    .strictObject({
      builtin: z.number().int().nonnegative(),
      imported: z.number().int().nonnegative(),
      synthesized: z.number().int().nonnegative(),
      own: z.number().int().nonnegative(),
    })
    .optional(),
  /**
   * The run's flags that change what is measured beyond the analysis: each `--plan provider=plan` given and
   * `--upstream`. A resume is refused when its own differ, and `experiment status` prints them in the resume
   * command; absent on rows before them (those resumes are compared on the estimand only).
   */
  run_flags: z
    .strictObject({
      plans: z.record(ProviderIdSchema, PlanIdSchema),
      upstream: z.string().min(1).nullable(),
    })
    .optional(),
  /** Rows before work per dollar (ADR 0029): the SD of a task's share gap the plan's power was computed with. */
  planning_sd: z.number().positive().optional(),
  planning_source: z.string().min(1).optional(),
});
export type AnalysisPlanRow = z.infer<typeof AnalysisPlanRowSchema>;

/** What a plan pre-registers when its user names nothing: 5% two-sided, a 20% relevant difference, dollars of subscription, quality `resolved`. */
export const ANALYSIS_DEFAULTS = { estimand: 'usd', method: 'crossover', alpha: 0.05, min_effect: 0.2, quality: 'resolved' } as const;

export interface SequentialRuleRequest {
  /** How many providers the plan compares: the rule watches each of their k(k-1)/2 pairs. */
  providers: number;
  alpha: number;
  /** The relevant relative difference (0.2: 20% more work per dollar). */
  minEffect: number;
  plannedTasks: number;
  /** False: `--no-stop-rules`, the run never stops early. */
  enabled: boolean;
}

/** The stop rule a plan registers (see {@link SequentialRuleSchema}); the same for every reader of the plan. */
export function buildSequentialRule(request: SequentialRuleRequest): SequentialRuleSettings {
  const pairs = Math.max(1, (request.providers * (request.providers - 1)) / 2);
  return {
    rule: request.enabled ? 'betting' : 'none',
    alpha_per_pair: request.alpha / pairs,
    pairs,
    planned_tasks: Math.max(1, request.plannedTasks),
    relevant_ratio: 1 + request.minEffect,
  };
}
