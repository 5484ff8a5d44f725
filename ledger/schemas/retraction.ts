// A retraction row: removes an earlier row from the folded view without touching its bytes (undo).
import { z } from 'zod';
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
});
export type RetractionRow = z.infer<typeof RetractionRowSchema>;
