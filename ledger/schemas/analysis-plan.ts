// An analysis-plan row (assignments.jsonl): the primary analysis a plan commits to before any arm runs (pre-registration).
import { z } from 'zod';
import { convertRelativeToGap } from '../../kernel/index.js';
import { ProviderIdSchema } from './ids.js';
import { StampSchema } from './stamp.js';

/**
 * What "more correct work per unit of what they pay" is measured in: quality points per dollar of
 * subscription (`usd`), or per unit of each provider's own bars (`bars`: % of a window, or tokens where the
 * provider meters tokens).
 */
export const EstimandUnitSchema = z.enum(['usd', 'bars']);
export type EstimandUnit = z.infer<typeof EstimandUnitSchema>;

/**
 * The sequential rule a plan pre-registers: a bounded-mean betting confidence sequence on each pair's share gaps
 * (exact at every look for any distribution on [-1, 1]), each pair at `alpha / pairs` (Bonferroni, so all pairs
 * hold at once), tuned for the planned tasks; the run stops when every pair is settled (one ahead, or all of its
 * sequence inside +-margin). `none`: the run never stops early (`--no-stop-rules`).
 */
export const SequentialRuleSchema = z.object({
  rule: z.enum(['bounded-mean-betting', 'none']),
  alpha_per_pair: z.number().gt(0).lt(1),
  pairs: z.number().int().positive(),
  tuning_n: z.number().int().positive(),
  /** The futility margin on the share-gap scale: the relevant difference min_effect as r / (2 + r). */
  margin: z.number().gt(0).lt(1),
});
export type SequentialRuleSettings = z.infer<typeof SequentialRuleSchema>;

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
   * The per-task quantity both the fixed-n primary and the sequential rule analyse (issue 32): `share-gap`, A's
   * share of the pair's efficiency minus B's, 2 * effA / (effA + effB) - 1, bounded in [-1, 1]. Absent on rows
   * recorded before it existed; readers then take the same default.
   */
  statistic: z.literal('share-gap').optional(),
  /** The stop rule the runner checks after every arm and the report states; absent on older rows (the default then). */
  sequential: SequentialRuleSchema.optional(),
  /**
   * The SD of a task's share gap the plan's power was computed with, and where it came from, so the report can
   * say how many tasks that same assumption needs now (the figure the run promised) beside the observed one.
   */
  planning_sd: z.number().positive().optional(),
  planning_source: z.string().min(1).optional(),
});
export type AnalysisPlanRow = z.infer<typeof AnalysisPlanRowSchema>;

/** What a plan pre-registers when its user names nothing: 5% two-sided, a 20% relevant difference, dollars of subscription. */
export const ANALYSIS_DEFAULTS = { estimand: 'usd', method: 'crossover', alpha: 0.05, min_effect: 0.2 } as const;

export interface SequentialRuleRequest {
  /** How many providers the plan compares: the rule watches each of their k(k-1)/2 pairs. */
  providers: number;
  alpha: number;
  /** The relevant relative difference (0.2: 20% more work per unit). */
  minEffect: number;
  plannedTasks: number;
  /** False: `--no-stop-rules`, the run never stops early. */
  enabled: boolean;
}

/** The stop rule a plan registers (see {@link SequentialRuleSchema}); the same for every reader of the plan. */
export function buildSequentialRule(request: SequentialRuleRequest): SequentialRuleSettings {
  const pairs = Math.max(1, (request.providers * (request.providers - 1)) / 2);
  return {
    rule: request.enabled ? 'bounded-mean-betting' : 'none',
    alpha_per_pair: request.alpha / pairs,
    pairs,
    tuning_n: Math.max(1, request.plannedTasks),
    margin: convertRelativeToGap(request.minEffect),
  };
}
