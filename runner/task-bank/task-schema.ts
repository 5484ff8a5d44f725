// The task bank's metadata (`task-bank/<id>/task.json`) and the task id rule: lower-case kebab, no path tricks.
import { z } from 'zod';

/** Lower-case letters, digits and dashes, 3-48 characters, starting with a letter or digit: never `.`, `/` or `\`. */
export const TASK_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,47}$/;

export const TaskIdSchema = z.string().regex(TASK_ID_PATTERN, 'expected a lower-case kebab id such as "lru-cache-ttl" (3-48 of a-z, 0-9, -)');

export const TaskMetaSchema = z.strictObject({
  id: TaskIdSchema,
  title: z.string().min(1),
  estimated_lines: z.number().int().positive(),
  timeout_s: z.number().int().positive(),
  status: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a status such as "ready" or "blocked-by-capacity"'),
  blocked_by: z.array(z.string().min(1)).default([]),
  language: z.enum(['javascript', 'typescript']),
});

export type TaskMeta = z.infer<typeof TaskMetaSchema>;

/** True when `id` is a safe task id (usable as one path segment). */
export function isTaskId(id: string): boolean {
  return TASK_ID_PATTERN.test(id);
}
