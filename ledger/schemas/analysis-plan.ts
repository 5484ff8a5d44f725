// An analysis-plan row (assignments.jsonl): the primary analysis a plan commits to before any arm runs (pre-registration).
import { z } from 'zod';
import { ProviderIdSchema } from './ids.js';
import { StampSchema } from './stamp.js';

/**
 * What "more correct work per unit of what they pay" is measured in: quality points per dollar of
 * subscription (`usd`), or per unit of each provider's own bars (`bars`: % of a window, or tokens where the
 * provider meters tokens).
 */
export const EstimandUnitSchema = z.enum(['usd', 'bars']);
export type EstimandUnit = z.infer<typeof EstimandUnitSchema>;

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
});
export type AnalysisPlanRow = z.infer<typeof AnalysisPlanRowSchema>;

/** What a plan pre-registers when its user names nothing: 5% two-sided, a 20% relevant difference, dollars of subscription. */
export const ANALYSIS_DEFAULTS = { estimand: 'usd', method: 'crossover', alpha: 0.05, min_effect: 0.2 } as const;
