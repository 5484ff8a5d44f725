// Where the task bank is: the --tasks folder, else the one shipped in this package.
import { existsSync } from 'node:fs';
import { resolvePackagePath } from '../kernel/index.js';

/** The package's own bank: `task-bank/` at the package root (found from the root, so the bundled bins find it too). */
export function resolveTaskBankDir(flag: string | undefined): string {
  if (flag !== undefined) return flag;
  const dir = resolvePackagePath('task-bank');
  return existsSync(dir) ? dir : 'task-bank';
}
