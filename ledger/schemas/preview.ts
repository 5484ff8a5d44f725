// A preview row: what `tracker preview --record` showed, kept so gates can look back at earlier previews.
import { z } from 'zod';
import { CapacityUnitSchema } from './capacity.js';
import { ProviderIdSchema } from './ids.js';
import { StampSchema } from './stamp.js';

export const ProviderSummarySchema = z.object({
  provider: ProviderIdSchema,
  unit: CapacityUnitSchema,
  windows: z.number().int().nonnegative(),
  /** Windows with a non-zero capacity delta and a quality score: the n of the efficiency mean. */
  n: z.number().int().nonnegative(),
  mean_efficiency: z.number().nullable(),
  ci_low: z.number().nullable(),
  ci_high: z.number().nullable(),
  ci_width: z.number().nullable(),
});
export type ProviderSummary = z.infer<typeof ProviderSummarySchema>;

export const PreviewRowSchema = StampSchema.extend({
  kind: z.literal('preview'),
  providers: z.array(ProviderSummarySchema),
  anomalies: z.number().int().nonnegative(),
  /** Set when the preview covered only part of the ledger; gates read only unfiltered previews. */
  filter: z.object({ provider: z.string().optional(), agent_id: z.string().optional() }).optional(),
});
export type PreviewRow = z.infer<typeof PreviewRowSchema>;
