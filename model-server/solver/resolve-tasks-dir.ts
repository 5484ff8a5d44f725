// Checks the solver's task-bank folder before the server starts: it must exist and be a folder.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../kernel/index.js';

/** The folder as an absolute path; AppError NOT_FOUND when it is missing, BAD_USAGE when it is a file. */
export function resolveTasksDir(dir: string, where = 'solver.tasksDir'): string {
  const absolute = resolve(dir);
  let isFolder: boolean;
  try {
    isFolder = statSync(absolute).isDirectory();
  } catch (error) {
    throw new AppError(
      'NOT_FOUND',
      `expected an existing task-bank folder (DIR/<id>/solution/...), got ${JSON.stringify(dir)}, which does not exist`,
      { where, cause: error },
    );
  }
  if (!isFolder)
    throw new AppError('BAD_USAGE', `expected a task-bank folder (DIR/<id>/solution/...), got ${JSON.stringify(dir)}, which is a file`, {
      where,
    });
  return absolute;
}
