// The task bank's metadata (`task-bank/<id>/task.json`); the task id rule itself lives with the other ids in ledger/schemas/ids.ts.
import { z } from 'zod';
import { TaskIdSchema } from '../../ledger/index.js';

export { isTaskId, TASK_ID_PATTERN, TaskIdSchema } from '../../ledger/index.js';

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

/**
 * The part of a task.json gate G2 reads (reports/gates): looser than TaskMetaSchema, so a bank kept by
 * other tools (blocked_by as one string, no id) can still be judged; other fields are not checked.
 */
export const TaskStatusFieldsSchema = z.looseObject({
  id: z.string().min(1).optional(),
  status: z.string().min(1),
  blocked_by: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
});
