// Reads the packages an npm lockfile pins (v2/v3 `packages`, v1 nested `dependencies`): names, versions, sources, hashes.
import { readFileSync } from 'node:fs';
import { AppError } from '../../kernel/index.js';

export interface LockedPackage {
  name: string;
  version: string | undefined;
  /** Where npm fetched it (absent when the lockfile omits registry URLs: omit-lockfile-registry-resolved). */
  resolved: string | undefined;
  /** Its SRI hashes, as the lockfile gives them (sha1 in old lockfiles, sha512 since npm 5). */
  integrity: string | undefined;
}

interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, LockEntry>;
}

/** Every package the lockfile pins (links to folders left out); BAD_INPUT naming the file when it is not JSON. */
export function readNpmLockfile(path: string): LockedPackage[] {
  let lock: { packages?: Record<string, LockEntry>; dependencies?: Record<string, LockEntry> };
  try {
    lock = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AppError('BAD_INPUT', `expected a JSON npm lockfile, got ${(error as Error).message}`, { where: path });
  }
  const out: LockedPackage[] = [];
  const add = (name: string, entry: LockEntry): void => {
    out.push({ name: entry.name ?? name, version: entry.version, resolved: entry.resolved, integrity: entry.integrity });
  };
  for (const [at, entry] of Object.entries(lock.packages ?? {})) {
    const cut = at.lastIndexOf('node_modules/');
    if (cut >= 0 && !entry.link) add(at.slice(cut + 'node_modules/'.length), entry);
  }
  const walk = (deps: Record<string, LockEntry> | undefined): void => {
    for (const [name, entry] of Object.entries(deps ?? {})) {
      add(name, entry);
      walk(entry.dependencies);
    }
  };
  if (!lock.packages) walk(lock.dependencies);
  return out;
}
