// Where the task bank is: the --tasks folder, else the one shipped in this package.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package's own bank: `task-bank/` at the package root, two or three levels above this file (sources or dist/). */
export function resolveTaskBankDir(flag: string | undefined): string {
  if (flag !== undefined) return flag;
  for (const up of ['../task-bank', '../../task-bank']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  return 'task-bank';
}
