// Finds a symlink in a tree that points outside it: a task's set-up (the repository's own code) may leave one.
import { type Dirent, readdirSync, readlinkSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * The first symlink under `root` whose target is absolute or resolves outside `root`, by its path; null when every link
 * stays inside. A set-up's tree is copied into work folders the runner writes into later (the solution, the hidden
 * tests): a link out of it would carry those writes onto the host. Relative links inside (node_modules/.bin) are fine.
 */
export function findEscapingSymlink(root: string): string | null {
  const pending = [root];
  while (pending.length > 0) {
    const folder = pending.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue; // unreadable: nothing under it is copied either
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isSymbolicLink() && isEscaping(root, path)) return path;
    }
  }
  return null;
}

function isEscaping(root: string, link: string): boolean {
  const target = readlinkSync(link);
  if (isAbsolute(target)) return true;
  const rel = relative(root, resolve(dirname(link), target));
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}
