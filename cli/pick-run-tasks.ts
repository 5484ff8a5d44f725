// Which tasks of a bank a run (or a plan, or verify) takes: --only, --all-tasks, and the built-in bank's default subset.
import { AppError } from '../kernel/index.js';
import type { BankTask } from '../runner/index.js';

export interface TaskFlags {
  /** One bank folder or several (repeated --tasks). */
  tasks?: string | readonly string[] | undefined;
  only?: string | undefined;
  allTasks?: boolean | undefined;
}

/**
 * The built-in bank with neither --tasks nor --only nor --all-tasks: only its tasks tagged `default`, the small fast
 * subset (the bank holds more tasks than a quick run needs). A bank of the user's own (--tasks) runs whole.
 */
export function pickRunTasks(all: BankTask[], flags: TaskFlags): { bank: BankTask[]; subsetNote: string | null } {
  if (flags.allTasks && flags.only !== undefined)
    throw new AppError('BAD_USAGE', 'expected either --all-tasks or --only, got both', { where: '--all-tasks' });
  if (flags.tasks !== undefined || flags.only !== undefined || flags.allTasks)
    return { bank: selectTasks(all, flags.only), subsetNote: null };
  const bank = all.filter((task) => task.meta.tags.includes('default'));
  if (bank.length === 0) return { bank: all, subsetNote: null };
  return {
    bank,
    subsetNote: `tasks: the ${bank.length} built-in tasks tagged default (of ${all.length}); --all-tasks runs them all, --only picks some`,
  };
}

/** The tasks `--only` names (all when it is absent); an unknown id is an error naming them all. */
export function selectTasks(bank: BankTask[], only: string | undefined): BankTask[] {
  if (only === undefined) return bank;
  const wanted = only
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const missing = wanted.filter((id) => !bank.some((task) => task.meta.id === id));
  if (missing.length > 0)
    throw new AppError(
      'BAD_USAGE',
      `no task ${missing.map((id) => JSON.stringify(id)).join(', ')} in the bank (it has ${bank.map((task) => task.meta.id).join(', ')})`,
      { where: '--only' },
    );
  return bank.filter((task) => wanted.includes(task.meta.id));
}
