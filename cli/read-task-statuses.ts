// Reads each task's status from a task bank folder (`DIR/<task>/task.json`) for the G2 gate: I/O at the edge.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile } from '../ledger/index.js';
import { TaskStatusFieldsSchema } from '../runner/index.js';
import type { TaskStatus } from '../reports/index.js';

/**
 * One entry per `DIR/<task>/task.json` (the task id is its `id`, else the folder name). Null when the folder
 * does not exist or holds no task.json: G2 then says "not evaluable: no backlog given (experiment report --tasks DIR)". A task.json that is
 * not JSON, or has no `status`, is refused with its path.
 */
export function readTaskStatuses(dir: string): TaskStatus[] | null {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return null;
  const tasks: TaskStatus[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, 'task.json');
    if (!existsSync(file)) continue;
    const meta = readJsonFile(file, TaskStatusFieldsSchema, {
      label: 'task',
      hint: '(G2 reads {"status": "ready", "blocked_by": ["capacity"]})',
    });
    const blocked = meta.blocked_by;
    tasks.push({
      task_id: meta.id ?? name,
      status: meta.status,
      blocked_by: blocked === undefined ? [] : typeof blocked === 'string' ? [blocked] : blocked,
    });
  }
  return tasks.length === 0 ? null : tasks;
}
