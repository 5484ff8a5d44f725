// A preview row: what `tracker preview --record` showed, kept so gates can look back at earlier previews.
import * as z from 'zod';
import { EfficiencyUnitSchema } from './capacity.js';
import { EstimandUnitSchema } from './analysis-plan.js';
import { ProviderIdSchema } from './ids.js';
import { StampSchema } from './stamp.js';

/**
 * A provider's AB/BA crossover against the baseline on the tasks both ran (reports/metrics/pair-power.ts): the power
 * of the two-sided test on the efficiency share gap at alpha / pairs to see the relevant gap. Optional: older rows lack it.
 */
/**
 * A provider's power against the baseline. Since work per dollar (ADR 0029): the chance the plan's decision on work per $ (one look at
 * these tasks, alpha / pairs) names the provider ahead when it truly does `ratio` x the baseline's work per $,
 * simulated on the pair's tasks resampled (`basis` 'simulation', `mc_error` its Monte Carlo SE). Rows before it
 * carry the share-gap crossover's `sd_gap` and `gap` instead.
 */
export const PairPowerSchema = z.object({
  n_tasks: z.number().int().nonnegative(),
  sd_gap: z.number().nonnegative().nullable().optional(),
  gap: z.number().optional(),
  ratio: z.number().gt(1).optional(),
  basis: z.literal('simulation').optional(),
  mc_error: z.number().nonnegative().nullable().optional(),
  alpha_adjusted: z.number().gt(0).lt(1),
  power: z.number().min(0).max(1).nullable(),
  /** Why power is n/a (fewer than 3 tasks, a price unknown); null when it is a number. */
  na: z.string().nullable(),
});
export type PairPowerRecord = z.infer<typeof PairPowerSchema>;

export const ProviderSummarySchema = z.object({
  provider: ProviderIdSchema,
  unit: EfficiencyUnitSchema,
  windows: z.number().int().nonnegative(),
  /** Windows with a non-zero capacity delta and a quality score: the n of the efficiency mean. */
  n: z.number().int().nonnegative(),
  mean_efficiency: z.number().nullable(),
  ci_low: z.number().nullable(),
  ci_high: z.number().nullable(),
  ci_width: z.number().nullable(),
  /** Optional (added for the G1 gate; older rows lack them). SD of the efficiency samples; null below 2. */
  sd_efficiency: z.number().nonnegative().nullable().optional(),
  /** Mean quality score over the provider's windows in this unit. */
  mean_quality: z.number().min(0).max(1).nullable().optional(),
  /** mean_quality / the baseline provider's mean quality (1 for the baseline itself); null without a baseline. */
  quality_ratio: z.number().nonnegative().nullable().optional(),
  /** Power of the two-sided t test against the baseline to detect `gate_basis.min_effect` (see reports/gates). */
  power: z.number().min(0).max(1).nullable().optional(),
  /** The power's basis against the baseline; null for the baseline itself (it is no candidate). Rows with `unit` have it. */
  pair_power: PairPowerSchema.nullable().optional(),
});
export type ProviderSummary = z.infer<typeof ProviderSummarySchema>;

export const PreviewRowSchema = StampSchema.extend({
  kind: z.literal('preview'),
  providers: z.array(ProviderSummarySchema),
  anomalies: z.number().int().nonnegative(),
  /** Set when the preview covered only part of the ledger; gates read only unfiltered previews. */
  filter: z.object({ provider: z.string().optional(), agent_id: z.string().optional() }).optional(),
  /** Set when `experiment run` recorded the preview at the end of a period of this plan. */
  plan_id: z.string().min(1).optional(),
  period: z.number().int().positive().optional(),
  /**
   * The efficiency unit every figure of the row is in: `usd` (dollars of subscription), `bars` (% of the 5h window,
   * or tokens for token-metered windows) or `tokens` (per 1M tokens). Optional: rows recorded before it lack it,
   * and G1 does not compare them (their power was a two-sample test against a baseline that could change).
   */
  unit: z.union([EstimandUnitSchema, z.literal('tokens')]).optional(),
  /** Why the unit is not the one asked for (`usd` asked, a window cannot be priced). */
  unit_reason: z.string().nullable().optional(),
  /** The provider every power is against: the plan's pre-registered reference, `--baseline`, or the first by name. */
  baseline: ProviderIdSchema.optional(),
  baseline_source: z.enum(['plan-reference', 'flag', 'first-by-name']).optional(),
  /** What `quality_ratio` and `power` were computed against (optional: older rows lack it). */
  gate_basis: z
    .object({
      baseline: ProviderIdSchema.nullable(),
      /** The smallest efficiency difference worth detecting, as a fraction of the baseline's mean. */
      min_effect: z.number().positive(),
      alpha: z.number().gt(0).lt(1),
      /** The pairs Holm adjusts over, k(k-1)/2: power is at alpha / pairs. Optional: older rows lack it. */
      pairs: z.number().int().positive().optional(),
    })
    .optional(),
});
export type PreviewRow = z.infer<typeof PreviewRowSchema>;
