// Refuses links in an arm's evidence folder: through one, whoever can write the data dir shows or fills any file of the user.
import { closeSync, constants, lstatSync, openSync, readlinkSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { resolveEvidenceDir, resolveEvidenceRoot } from './evidence-paths.js';

/**
 * On 36062f1 `evidence/<window>/diff.patch -> /etc/shadow` and `tests.log -> /root/.bashrc` were
 * served as the arm's diff and test log by a viewer that could read them; writing the data dir is enough, and it is
 * often a shared team folder. The runner and the proxy never make a link there, so a link is refused and named, never
 * followed.
 */
export const LINK_REFUSED = 'a symbolic link, refused (evidence is read only from the files a run wrote there, never through a link)';

/**
 * Why the evidence root or a window's folder cannot be read: either is a link or not a folder (lstat, which does not
 * follow). Null when both are real folders, or when one is missing (no evidence yet).
 */
export function findEvidenceDirProblem(dataDir: string, windowId: string): string | null {
  const folders: Array<[string, string]> = [
    ['evidence', resolveEvidenceRoot(dataDir)],
    [`evidence/${windowId}`, resolveEvidenceDir(dataDir, windowId)],
  ];
  for (const [label, path] of folders) {
    let isLink: boolean;
    let isDirectory: boolean;
    try {
      const stat = lstatSync(path);
      isLink = stat.isSymbolicLink();
      isDirectory = stat.isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' ? null : `${label}: cannot read it (${code ?? (error as Error).message})`;
    }
    if (isLink) return `${label}: ${LINK_REFUSED}`;
    if (!isDirectory) return `${label}: not a folder, not read`;
  }
  return null;
}

/** The writers' check: a run writes its evidence into no folder that is a link (it would land wherever the link points). */
export function assertEvidenceDirWritable(dataDir: string, windowId: string): void {
  const problem = findEvidenceDirProblem(dataDir, windowId);
  if (problem !== null) throw new AppError('IO', problem, { where: dataDir, kind: 'evidence-link' });
}

/** The data dir as the kernel resolves it (it may itself be a link, a shared folder mounted elsewhere); null if it has none. */
export function resolveRealDataDir(dataDir: string): string | null {
  try {
    return realpathSync(dataDir);
  } catch {
    return null;
  }
}

/**
 * Opens an evidence file to read: O_NOFOLLOW refuses a link at its name (ELOOP), O_NONBLOCK keeps a FIFO from
 * hanging the reader. The folders were checked with lstat before, but one could be swapped for a link between that
 * check and this open; on Linux the descriptor's own path (/proc/self/fd) must then still be `expected` (the path
 * under the data dir's real path), else the file is closed and refused. Elsewhere /proc is absent and that check
 * is skipped. A link at the name throws Node's own ELOOP error; a file found elsewhere, an AppError.
 */
export function openEvidenceFile(path: string, expected: string | null): number {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  if (expected === null) return fd;
  let actual: string;
  try {
    actual = readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return fd;
  }
  // A file replaced while open (the writers rename a new one over it) reads as "<path> (deleted)": still the same place.
  if (actual.replace(/ \(deleted\)$/, '') === expected) return fd;
  closeSync(fd);
  throw new AppError('IO', 'a folder on its path was swapped for a link while it was opened, refused', { kind: 'evidence-link' });
}

/** Where `name` of a window's evidence is, under the data dir's real path, for openEvidenceFile's check. */
export function expectEvidencePath(realDataDir: string | null, windowId: string, name: string): string | null {
  return realDataDir === null ? null : join(resolveEvidenceDir(realDataDir, windowId), name);
}
