// Paths inside an arm folder that the runner (as its own user, often root) may touch after sandboxed code has run there.
import { lstatSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AppError } from '../../kernel/index.js';

/** The kind of the AppError thrown when sandboxed code left a link (or a file) where the runner expects a folder. */
export const SANDBOX_TAMPERED = 'sandbox-tampered';

/**
 * Checks that no folder between `trusted` (a folder the runner made, which the sandbox cannot rename: its mount point
 * or above it) and `path` is a symlink or anything but a folder, and that `path` itself is no symlink. Sandboxed code
 * can rename and replace everything below `trusted`; a link planted there would carry the runner's write, read, chmod
 * or rm outside (`.git/config` linked to a root-only file). Checked once the sandboxed side has ended (its
 * processes die with bwrap's pid namespace), so nothing changes between this check and the use. Returns `path`.
 */
export function checkNoLinkBelow(trusted: string, path: string): string {
  const base = resolve(trusted);
  const full = resolve(path);
  const rel = relative(base, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
    throw new AppError('BAD_INPUT', `expected a path inside ${base}, got ${full}`, { where: full });
  const parts = rel.split(sep);
  let at = base;
  for (const [index, part] of parts.entries()) {
    at = join(at, part);
    const stat = lstatSync(at, { throwIfNoEntry: false });
    if (!stat) return full; // the rest does not exist: nothing to follow
    const last = index === parts.length - 1;
    if (stat.isSymbolicLink() || (!last && !stat.isDirectory()))
      throw new AppError(
        'BAD_INPUT',
        `expected ${relative(base, at)} to be ${last ? 'no symlink' : 'a folder'} inside the arm sandbox, got ${stat.isSymbolicLink() ? 'a symlink' : 'a file'} (left by sandboxed code): the runner will not follow it`,
        { where: at, kind: SANDBOX_TAMPERED },
      );
  }
  return full;
}

/**
 * Writes `content` to `path` as a new file: whatever sandboxed code left there (a file, a symlink, a fifo) is unlinked,
 * never followed, and the file is created with O_CREAT|O_EXCL (`wx`), which refuses to open through a link put back in
 * between. A folder there is refused.
 */
export function replaceSandboxFile(trusted: string, path: string, content: string, mode = 0o644): void {
  checkNoLinkBelow(trusted, dirname(path)); // the file itself may be a link: it is unlinked below
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (stat?.isDirectory())
    throw new AppError('BAD_INPUT', 'expected a file, got a folder (left by sandboxed code)', { where: path, kind: SANDBOX_TAMPERED });
  if (stat) rmSync(path, { force: true });
  writeFileSync(path, content, { flag: 'wx', mode });
}
