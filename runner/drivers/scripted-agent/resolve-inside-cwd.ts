// Resolves a tool's file path and refuses anything outside the working directory (by `..`, an absolute path or a symlink).
import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { AppError } from '../../../kernel/index.js';

/**
 * The real path a tool may use for `filePath` (relative paths are taken from cwd). Every part of the path that
 * exists is resolved through its symlinks, so a link pointing out of cwd is refused as well; a dangling link is
 * refused since where it would write cannot be checked.
 */
export function resolveInsideCwd(cwd: string, filePath: string): string {
  if (filePath.trim() === '') throw new AppError('BAD_INPUT', 'expected a file path, got an empty string', { where: 'file_path' });
  const root = realpathSync(cwd);
  const wanted = resolve(cwd, filePath);
  const real = realpathOfMaybeMissing(wanted);
  if (!isInside(root, real)) {
    throw new AppError(
      'BAD_INPUT',
      `expected a path inside the working directory ${root}, got ${filePath}${real === wanted ? '' : ` (really ${real})`}`,
      { where: 'file_path' },
    );
  }
  return real;
}

/** realpath of the deepest existing ancestor, with the missing rest appended. */
function realpathOfMaybeMissing(path: string): string {
  try {
    return realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (isDanglingLink(path))
    throw new AppError('BAD_INPUT', `expected a file or a missing path, got a symlink whose target does not exist: ${path}`, {
      where: 'file_path',
    });
  const parent = dirname(path);
  if (parent === path) return path;
  return resolve(realpathOfMaybeMissing(parent), basename(path));
}

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}
