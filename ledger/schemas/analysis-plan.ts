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
 * The stop rule of a plan registered before work per dollar (ADR 0029: the bounded-mean betting sequence on the share gap). Kept so
 * those rows still parse; readers take the group-sequential rule in its place and say so (resolve-plan-rule.ts).
 */
export const LegacySequentialRuleSchema = z.object({
  rule: z.enum(['bounded-mean-betting', 'none']),
  alpha_per_pair: z.number().gt(0).lt(1),
  pairs: z.number().int().positive(),
  tuning_n: z.number().int().positive(),
  margin: z.number().gt(0).lt(1),
});
export type LegacySequentialRule = z.infer<typeof LegacySequentialRuleSchema>;

/**
 * The one decision procedure a plan pre-registers: every pair's ratio of work per dollar, looked at
 * after each finished task from `first_look` on (every `look_every` tasks), each look against a Lan-DeMets
 * O'Brien-Fleming-type boundary spending `alpha_per_pair` (alpha / pairs, Bonferroni) over the information
 * fraction tasks / `planned_tasks`; the last planned task is the last look, so the early stop and the final answer
 * together err at most alpha. A pair whose repeated interval lies within [1 / relevant_ratio, relevant_ratio] is
 * settled as no relevant difference (non-binding: it never adds error). `none`: the run never stops early, and
 * the answer is the same boundaries' (`--no-stop-rules`).
 */
export const SequentialRuleSchema = z.object({
  rule: z.enum(['group-sequential', 'none']),
  alpha_per_pair: z.number().gt(0).lt(1),
  pairs: z.number().int().positive(),
  planned_tasks: z.number().int().positive(),
  spending: z.literal('obrien-fleming'),
  first_look: z.number().int().positive(),
  look_every: z.number().int().positive(),
  /** 1 + the relevant difference: 1.2 for 20% more work per dollar. */
  relevant_ratio: z.number().gt(1),
  /**
   * The largest runaway a side may have that its tasks have not shown yet, as a multiple of its mean arm cost: a look
   * on n tasks cannot rule out such arms at a rate up to 3 / n (the rule of three), so its interval is widened by
   * 1 + 3 (tail_guard - 1) / n each way (docs/decisions/0034-unseen-tails.md). 1: no guard. Absent on plans before
   * it, which are decided as they were.
   */
  tail_guard: z.number().min(1).optional(),
});
export type SequentialRuleSettings = z.infer<typeof SequentialRuleSchema>;

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
  /** The stop rule the runner checks after every arm and the report states; older rows carry the legacy one. */
  sequential: z.union([SequentialRuleSchema, LegacySequentialRuleSchema]).optional(),
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
  /** The runaway size the rule guards against (see SequentialRuleSchema's tail_guard); default DEFAULT_TAIL_GUARD. */
  tailGuard?: number;
}

/**
 * Runaways up to 30 times a task's mean cost are guarded against unless the plan says otherwise: that holds the whole
 * decision's error rate within alpha on one-sided loops of 5 to 60x at rates of 2 to 15%, Pareto tails and timeouts
 * (all measured cells at most 5.1%; unguarded, up to 59.6%). The price is power no procedure can keep (a sample that
 * has not met a tail looks exactly like a provider that has none): at g = 30 a true 2x is named in 4.4% of runs at
 * 100 tasks and 96.4% at 200; g = 5 keeps most of it (99.5% at 100) and guards loops up to about 15x; 1 is no guard
 * (docs/decisions/0034-unseen-tails.md, with the table). `experiment simulate --tail-guard` measures both sides.
 */
export const DEFAULT_TAIL_GUARD = 30;

/**
 * The first look: a fifth of the planned tasks, and never fewer than 5 (below that a delta-method SE is noise, and
 * O'Brien-Fleming spending leaves almost nothing to spend there anyway). Looks after every finished task up to 100
 * looks, then every `look_every` tasks, so the boundaries stay quick to compute (200 looks: about 0.13 s).
 */
export const MIN_FIRST_LOOK = 5;
export const MAX_LOOKS = 100;

/** The stop rule a plan registers (see {@link SequentialRuleSchema}); the same for every reader of the plan. */
export function buildSequentialRule(request: SequentialRuleRequest): SequentialRuleSettings {
  const pairs = Math.max(1, (request.providers * (request.providers - 1)) / 2);
  const planned = Math.max(1, request.plannedTasks);
  return {
    rule: request.enabled ? 'group-sequential' : 'none',
    alpha_per_pair: request.alpha / pairs,
    pairs,
    planned_tasks: planned,
    spending: 'obrien-fleming',
    first_look: Math.min(planned, Math.max(MIN_FIRST_LOOK, Math.ceil(planned / 5))),
    look_every: Math.max(1, Math.ceil(planned / MAX_LOOKS)),
    relevant_ratio: 1 + request.minEffect,
    tail_guard: request.tailGuard ?? DEFAULT_TAIL_GUARD,
  };
}
