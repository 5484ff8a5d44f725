// Reads the files of a repository's HEAD, with each symlink to a file of the repository replaced by that file's bytes.
import { posix } from 'node:path';
import type { TreeFile } from '../task-import/assemble-task.js';
import { readTree } from '../task-import/read-candidate.js';

/**
 * A task folder holds plain files only, so a symlink would be left out of the fixture; python-semver's
 * `tests/coerce.py` is a link to `docs/advanced/coerce.py`, which its conftest imports, and without it no test runs
 * ("No module named 'coerce'"). A link to a file inside the repository becomes a copy of it; any other link
 * (outside the tree, to a folder, to a link) stays out.
 */
export function resolveInTreeLinks(tree: readonly TreeFile[]): Map<string, Buffer> {
  const blobs = new Map(
    tree.filter((file) => file.type === 'blob' && file.mode !== '120000' && file.bytes).map((file) => [file.path, file.bytes as Buffer]),
  );
  const files = new Map(blobs);
  for (const link of tree) {
    if (link.mode !== '120000' || !link.bytes) continue;
    const target = posix.normalize(posix.join(posix.dirname(link.path), link.bytes.toString('utf8')));
    const bytes = target.startsWith('../') || posix.isAbsolute(target) ? undefined : blobs.get(target);
    if (bytes) files.set(link.path, bytes);
  }
  return files;
}

/** HEAD's tracked files by path (symlinks resolved as above). */
export async function readHeadFiles(repo: string, commit: string): Promise<Map<string, Buffer>> {
  return resolveInTreeLinks(await readTree(repo, commit));
}
