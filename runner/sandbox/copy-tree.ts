// Copies a folder tree of plain files and folders, refusing symlinks and special files so nothing outside it is read.
import { chmodSync, copyFileSync, type Dirent, lstatSync, mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../kernel/index.js';

/** Copies `from` into `to` (created if missing), keeping file modes. Throws BAD_INPUT naming the first symlink or special file. */
export function copyTreeWithoutSymlinks(from: string, to: string): void {
  const stat = lstatSync(from, { throwIfNoEntry: false });
  if (!stat) throw new AppError('NOT_FOUND', 'expected a folder to copy, got nothing', { where: from });
  if (!stat.isDirectory())
    throw new AppError('BAD_INPUT', `expected a folder to copy, got ${stat.isSymbolicLink() ? 'a symlink' : 'a file'}`, { where: from });
  removeSymlinkAt(to);
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      copyTreeWithoutSymlinks(source, target);
    } else {
      copyPlainFile(entry, source, target);
    }
  }
}

/** Copies one directory entry that must be a plain file, keeping its mode; a symlink or special file is refused by path. */
export function copyPlainFile(entry: Dirent, source: string, target: string): void {
  if (!entry.isFile())
    throw new AppError(
      'BAD_INPUT',
      `expected only plain files and folders, got ${entry.isSymbolicLink() ? 'a symlink' : 'a special file'}`,
      {
        where: source,
      },
    );
  removeSymlinkAt(target);
  copyFileSync(source, target);
  chmodSync(target, lstatSync(source).mode & 0o777);
}

/**
 * The destination may be a tree someone else wrote (an agent, a task's set-up): a symlink there would carry the copy
 * outside it, since mkdir and copyFile follow links. The link itself is removed, never what it points to.
 */
function removeSymlinkAt(target: string): void {
  if (lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) unlinkSync(target);
}
