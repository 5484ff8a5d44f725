// Reads each task's status from a task bank folder (`DIR/<task>/task.json`) for the G2 gate: I/O at the edge.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../ledger/index.js';
import type { TaskStatus } from '../reports/index.js';

/** The part of a task's metadata G2 reads; other fields are the task bank's own. */
const TaskMetaSchema = z.looseObject({
  id: z.string().min(1).optional(),
  status: z.string().min(1),
  blocked_by: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
});

/**
 * One entry per `DIR/<task>/task.json` (the task id is its `id`, else the folder name). Null when the folder
 * does not exist or holds no task.json: G2 then says "not evaluable: no task bank yet". A task.json that is
 * not JSON, or has no `status`, is refused with its path.
 */
export function readTaskStatuses(dir: string): TaskStatus[] | null {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return null;
  const tasks: TaskStatus[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, 'task.json');
    if (!existsSync(file)) continue;
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new AppError('BAD_INPUT', `not JSON (${(error as Error).message})`, { where: file });
    }
    const parsed = TaskMetaSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('BAD_INPUT', `${issue?.path.map(String).join('.') || 'task'}: ${issue?.message ?? 'invalid'} (G2 reads {"status": "ready", "blocked_by": ["capacity"]})`, { where: file });
    }
    const blocked = parsed.data.blocked_by;
    tasks.push({ task_id: parsed.data.id ?? name, status: parsed.data.status, blocked_by: blocked === undefined ? [] : typeof blocked === 'string' ? [blocked] : blocked });
  }
  return tasks.length === 0 ? null : tasks;
}
