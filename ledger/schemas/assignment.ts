// An assignment row (assignments.jsonl): one arm of a seeded experiment plan, in execution order.
import * as z from 'zod';
import { ProviderIdSchema, TaskIdSchema } from './ids.js';
import { StampSchema } from './stamp.js';

export const AssignmentRowSchema = StampSchema.extend({
  kind: z.literal('assignment'),
  plan_id: z.string().min(1),
  seed: z.string().min(1),
  /** The plan's providers in arm order: the first is arm A. */
  providers: z.array(ProviderIdSchema).min(2),
  task_id: TaskIdSchema,
  /** Arm letters in period order (AB, BA, or a Williams row such as ACB). */
  sequence: z.string().regex(/^[A-Z]{2,12}$/, 'expected a sequence of arm letters such as AB or BA'),
  period: z.number().int().positive(),
  provider: ProviderIdSchema,
  /** 0-based position in the plan's execution order. */
  arm_index: z.number().int().nonnegative(),
  /** With `--epochs K` (K > 1): which repeat of the task's crossover this arm is (1-based), and K. */
  epoch: z.number().int().positive().optional(),
  epochs: z.number().int().positive().optional(),
});
export type AssignmentRow = z.infer<typeof AssignmentRowSchema>;
