// Where the task bank is: the --tasks folders (one or several), else the one shipped in this package; and where each task came from.
import { existsSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError, resolvePackagePath } from '../kernel/index.js';
import { type BankTask, loadTaskBank } from '../runner/index.js';

/** The package's own bank: `task-bank/` at the package root (found from the root, so the bundled bins find it too). */
export function resolveTaskBankDir(flag: string | undefined): string {
  if (flag !== undefined) return flag;
  const dir = resolvePackagePath('task-bank');
  return existsSync(dir) ? dir : 'task-bank';
}

/** `--tasks` as given: absent, one folder, or several (repeated `--tasks`; a run queued before it was repeatable has one). */
export function listTaskBankDirs(flag: string | readonly string[] | undefined): string[] {
  if (flag === undefined) return [resolveTaskBankDir(undefined)];
  return typeof flag === 'string' ? [flag] : [...flag];
}

/**
 * Every task of every bank, sorted by id: built-in, imported and synthesized tasks can be run together. A task id in two
 * banks is refused, naming both, since windows, the solver and `--only` know a task by its id alone.
 */
export function loadTaskBanks(flag: string | readonly string[] | undefined): { dirs: string[]; bank: BankTask[] } {
  const dirs = listTaskBankDirs(flag);
  const from = new Map<string, string>();
  const bank: BankTask[] = [];
  for (const dir of dirs)
    for (const task of loadTaskBank(dir)) {
      const other = from.get(task.meta.id);
      if (other !== undefined)
        throw new AppError('BAD_USAGE', `task ${task.meta.id} is in two banks, ${other} and ${dir}: give each task once`, {
          where: '--tasks',
        });
      from.set(task.meta.id, dir);
      bank.push(task);
    }
  return { dirs, bank: bank.sort((a, b) => a.meta.id.localeCompare(b.meta.id)) };
}

export interface TaskSources {
  builtin: number;
  imported: number;
  synthesized: number;
  own: number;
}

function resolveRealPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** How many tasks are built-in (in the package's bank), imported or synthesized (their task.json tags), or the user's own. */
export function countTaskSources(bank: readonly BankTask[]): TaskSources {
  const builtin = resolveRealPath(resolveTaskBankDir(undefined));
  const sources: TaskSources = { builtin: 0, imported: 0, synthesized: 0, own: 0 };
  for (const task of bank) {
    if (task.meta.tags.includes('synthesized')) sources.synthesized += 1;
    else if (task.meta.tags.includes('imported')) sources.imported += 1;
    else if (resolveRealPath(dirname(task.dir)) === builtin) sources.builtin += 1;
    else sources.own += 1;
  }
  return sources;
}
