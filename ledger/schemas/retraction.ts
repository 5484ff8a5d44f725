// A retraction row: removes an earlier row from the folded view without touching its bytes (undo).
import * as z from 'zod';
import { PhaseSchema } from './snapshot.js';
import { ProviderIdSchema, WindowIdSchema } from './ids.js';
import { StampSchema } from './stamp.js';

export const RetractionRowSchema = StampSchema.extend({
  kind: z.literal('retraction'),
  target_id: z.string().min(1),
  target_kind: z.string().min(1),
  /** Where the target sits, so readers can fold without an index of every id. */
  target: z.object({ provider: ProviderIdSchema, window_id: WindowIdSchema, phase: PhaseSchema.optional() }).optional(),
  reason: z.string().min(1),
  /**
   * The attempt's account gave its charges back (a simulated account does when a run is resumed: cli/load-run-quota.ts);
   * its readings and requests then describe no bar of the account, and the everyday prices leave them out. A real
   * account keeps a killed attempt's spend: its retractions never carry this.
   */
  given_back: z.literal(true).optional(),
});
export type RetractionRow = z.infer<typeof RetractionRowSchema>;
