// A run-stop row (assignments.jsonl): the runner stopped launching a plan's arms early, which rule, and what it saw.
import * as z from 'zod';
import { ProviderIdSchema } from './ids.js';
import { StampSchema } from './stamp.js';

export const RunStopRowSchema = StampSchema.extend({
  kind: z.literal('run-stop'),
  plan_id: z.string().min(1),
  /** `data-quality`: seed 001's halt of a provider (negative deltas, a non-finite interval); `sequential`: the pre-registered stop rule. */
  rule: z.enum(['data-quality', 'sequential']),
  /** The rule's words, as the run printed them. */
  reason: z.string().min(1),
  /** The provider halted (data-quality), else null. */
  provider: ProviderIdSchema.nullable(),
  /**
   * The sequential rule's decision per pair when it decided: `superiority-A`/`-B` a provider ahead, `futility` no
   * relevant difference, `continue` open. `low`/`high` on the `scale` of the rule: `ratio` (A's work per $ over
   * B's, the repeated interval at the look), or the share gap of rows recorded before it (no `scale`).
   */
  pairs: z.array(
    z.object({
      a: ProviderIdSchema,
      b: ProviderIdSchema,
      decision: z.enum(['continue', 'superiority-A', 'superiority-B', 'futility']),
      low: z.number().nullable(),
      high: z.number().nullable(),
      tasks: z.number().int().nonnegative(),
      ratio: z.number().nullable().optional(),
      decided_at: z.number().int().positive().nullable().optional(),
    }),
  ),
  scale: z.literal('ratio').optional(),
  /** Arms with a window when it stopped, and those never started. */
  arms_done: z.number().int().nonnegative(),
  arms_not_started: z.number().int().nonnegative(),
  unit: z.string().min(1),
});
export type RunStopRow = z.infer<typeof RunStopRowSchema>;
