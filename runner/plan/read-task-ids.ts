// Lists a task bank's task ids: the names of the sub-folders that hold a task.json.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isTaskId } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';

/** Reads directory names only (never the task files); refuses a missing bank, a bad id or an empty bank. */
export function readTaskIds(dir: string, where = '--tasks'): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new AppError('NOT_FOUND', `no task folder at ${JSON.stringify(dir)}`, { where });
  const ids = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'task.json')))
    .map((entry) => entry.name)
    .sort();
  const bad = ids.find((id) => !isTaskId(id));
  if (bad !== undefined)
    throw new AppError(
      'BAD_INPUT',
      `task id ${JSON.stringify(bad)} is invalid: expected lower-case letters, digits and "-" (3 to 48, not starting with "-")`,
      { where },
    );
  if (ids.length === 0)
    throw new AppError('NOT_FOUND', `no task folders (sub-folders with a task.json) in ${JSON.stringify(dir)}`, { where });
  return ids;
}
