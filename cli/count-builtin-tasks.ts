// Counts the package's own task bank for the report's advice, without loading the runner (`experiment report` stays light).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePackagePath } from '../kernel/index.js';

/** Folders of `task-bank/` with a task.json: what `--all-tasks` runs; undefined when the bank is not there. */
export function countBuiltinTasks(): number | undefined {
  const dir = resolvePackagePath('task-bank');
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'task.json')))
    .length;
}
