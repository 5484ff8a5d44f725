// Reads a task's reference solution: every file under DIR/<id>/solution, by relative path, sorted, never outside it.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isTaskId } from '../../ledger/index.js';

export interface SolutionFile {
  /** Path relative to the solution folder, with `/` separators (e.g. `src/lru-cache.js`). */
  rel: string;
  /** The file's text (solution files are UTF-8 text). */
  content: string;
}

/**
 * The solution files of task `id` in `tasksDir`, sorted by relative path; null when the id is not a task id or the
 * task has no solution folder. Symlinks are followed only when they resolve to a file inside the solution folder.
 */
export function listSolutionFiles(tasksDir: string, id: string): SolutionFile[] | null {
  if (!isTaskId(id)) return null;
  const root = join(tasksDir, id, 'solution');
  if (!isDirectory(root)) return null;
  const realRoot = realpathSync(root);
  const files: SolutionFile[] = [];
  walkFolder(root, realRoot, '', files);
  return files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

function walkFolder(folder: string, realRoot: string, prefix: string, files: SolutionFile[]): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) walkFolder(path, realRoot, rel, files);
    else if (entry.isFile()) files.push({ rel, content: readFileSync(path, 'utf8') });
    else if (entry.isSymbolicLink() && isFileInside(path, realRoot)) files.push({ rel, content: readFileSync(path, 'utf8') });
  }
}

/** A symlink counts only when its target is a regular file inside the solution folder (linked folders are skipped). */
function isFileInside(path: string, realRoot: string): boolean {
  try {
    const target = realpathSync(path);
    const rel = relative(realRoot, target);
    return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && statSync(target).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}
