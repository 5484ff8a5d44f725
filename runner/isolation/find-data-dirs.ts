// Finds the data dirs an arm's sandbox could see, wherever they lie: a folder holding the marker every data dir gets, or
// a ledger file (a data dir from before the marker). Each one found is hidden in the sandbox (build-isolation-plan.ts).
import { type Dirent, readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DATA_DIR_MARKER, LEDGER_FILES } from '../../ledger/index.js';

/** What a data dir holds: the marker, or one of its ledgers (an unmarked data dir, made before the marker existed). */
const SIGNS = new Set<string>([DATA_DIR_MARKER, ...Object.values(LEDGER_FILES), 'Churn_Ledger.csv', 'Token_Churn_Ledger.csv']);

/**
 * Never searched: kernel file systems, the sandbox's own private /tmp, and the system's program folders (a data dir is
 * never made there; /usr/local is searched). Everything else under / that the sandbox sees is.
 */
export const UNSEARCHED = [
  '/proc',
  '/sys',
  '/dev',
  '/run',
  '/tmp',
  '/boot',
  '/bin',
  '/sbin',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/etc',
  '/usr',
];
const SEARCHED_UNDER_SKIPPED = ['/usr/local'];

/** Folders made by the runner for sandboxed code (arm, set-up, import, synthesis folders): it could have changed them. */
const SANDBOX_FOLDER = /^agent-tracker-(arm|setup|task-setup|synthesize|import|go-mod)-/;

export interface DataDirSearch {
  /** Folders the sandbox sees inside folders it hides (the exposures): searched too. */
  exposed: readonly string[];
  /** Folders the sandbox does not see (hidden by a tmpfs), or that sandboxed code can write: not searched. */
  skip: readonly string[];
  /** Below each searched root; default 8 (`/srv/team/alice/experiments/run-3/tracker-data` is 6 below /). */
  maxDepth?: number;
  /** Folders read in all; default 200 000 (about 1 s on a warm cache). */
  maxFolders?: number;
  /** Default / and /usr/local: the whole visible tree. */
  roots?: readonly string[];
}

export interface FoundDataDirs {
  found: string[];
  /** How many folders were read, and whether the search ended before its bound (false: a deeper data dir may remain). */
  folders: number;
  complete: boolean;
}

/**
 * A breadth-first walk that never follows a link (a link's Dirent is a link, never a folder) and never enters a folder
 * sandboxed code can write. Unreadable folders are passed over (the sandbox's uid cannot read them either, unless it is
 * the runner's own: then the runner could, and it did).
 */
export function findDataDirs(search: DataDirSearch): FoundDataDirs {
  const walk = walkDataDirs(search);
  for (let step = walk.next(); ; step = walk.next(readEntries(step.value))) if (step.done) return step.value;
}

/** The same walk with non-blocking reads: an arm's refresh, while the run's proxy serves the other arms in this process. */
export async function findDataDirsAsync(search: DataDirSearch): Promise<FoundDataDirs> {
  const walk = walkDataDirs(search);
  for (let step = walk.next(); ; step = walk.next(await readEntriesAsync(step.value))) if (step.done) return step.value;
}

/** Yields each folder to read and takes its entries back, so one walk serves the blocking and the non-blocking read. */
function* walkDataDirs(search: DataDirSearch): Generator<string, FoundDataDirs, Dirent[]> {
  const maxDepth = search.maxDepth ?? 8;
  const maxFolders = search.maxFolders ?? 200_000;
  // Compared by path: a walk meets a skipped folder itself before anything in it, and a root inside one (an exposure
  // inside a hidden HOME, /usr/local) never meets it.
  const skip = new Set([...UNSEARCHED, ...search.skip].map((dir) => resolve(dir)));
  const roots = [...(search.roots ?? ['/', ...SEARCHED_UNDER_SKIPPED]), ...search.exposed].map((dir) => resolve(dir));
  const queue: Array<{ dir: string; depth: number }> = roots.map((dir) => ({ dir, depth: 0 }));
  const seen = new Set<string>();
  const found = new Set<string>();
  let folders = 0;
  for (let at = 0; at < queue.length; at += 1) {
    const { dir, depth } = queue[at] as { dir: string; depth: number };
    if (seen.has(dir)) continue;
    seen.add(dir);
    if (folders >= maxFolders) return { found: [...found].sort(), folders, complete: false };
    folders += 1;
    const entries = yield dir;
    if (entries.some((entry) => SIGNS.has(entry.name) && entry.isFile())) {
      found.add(dir);
      continue; // the whole folder is hidden
    }
    if (depth >= maxDepth) continue;
    for (const entry of entries) {
      const child = join(dir, entry.name);
      if (entry.isDirectory() && !SANDBOX_FOLDER.test(entry.name) && !skip.has(child)) queue.push({ dir: child, depth: depth + 1 });
    }
  }
  return { found: [...found].sort(), folders, complete: true };
}

function readEntries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

async function readEntriesAsync(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
