// An anomaly row: something suspicious in the data, with a code a reader can count and filter.
import * as z from 'zod';
import { ProviderIdSchema, WindowIdSchema } from './ids.js';
import { StampSchema } from './stamp.js';

export const ANOMALY_CODES = [
  'negative-delta',
  'late-after',
  'reset-crossed',
  'torn-tail',
  'unreadable-row',
  'divergent:ccusage',
  'divergent:otel',
  'overlapping-windows',
] as const;

export const AnomalyRowSchema = StampSchema.extend({
  kind: z.literal('anomaly'),
  code: z.string().min(1),
  message: z.string().min(1),
  provider: ProviderIdSchema.optional(),
  window_id: WindowIdSchema.optional(),
  /** Rows the anomaly is about. */
  ref_ids: z.array(z.string()).optional(),
  /** The ledger file it concerns, relative to the data directory. */
  file: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AnomalyRow = z.infer<typeof AnomalyRowSchema>;
