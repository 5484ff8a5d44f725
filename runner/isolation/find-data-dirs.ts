// Finds the data dirs an arm's sandbox could see, wherever they lie: a folder holding the marker every data dir gets, or
// a ledger file (a data dir from before the marker). Each one found is hidden in the sandbox (build-isolation-plan.ts).
import { type Dirent, readdirSync, type Stats, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
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
  for (let step = walk.next(); ; step = walk.next(lookInto(step.value))) if (step.done) return step.value;
}

/** The same walk with non-blocking reads: an arm's refresh, while the run's proxy serves the other arms in this process. */
export async function findDataDirsAsync(search: DataDirSearch): Promise<FoundDataDirs> {
  const walk = walkDataDirs(search);
  for (let step = walk.next(); ; step = walk.next(await lookIntoAsync(step.value))) if (step.done) return step.value;
}

/** Yields each folder to read and takes what it holds back, so one walk serves the blocking and the non-blocking read. */
function* walkDataDirs(search: DataDirSearch): Generator<string, FoundDataDirs, FolderLook> {
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
    const look = yield dir;
    if (look.signed) {
      found.add(dir);
      continue; // the whole folder is hidden
    }
    if (depth >= maxDepth) continue;
    for (const name of look.folders) {
      const child = join(dir, name);
      if (!SANDBOX_FOLDER.test(name) && !skip.has(child)) queue.push({ dir: child, depth: depth + 1 });
    }
  }
  return { found: [...found].sort(), folders, complete: true };
}

/** What the walk needs of a folder: whether it holds a data dir's sign, and its sub-folders (links are not folders). */
interface FolderLook {
  signed: boolean;
  folders: string[];
}

/** A folder's look when it was read, and what identifies that state of it. */
interface RememberedLook extends FolderLook {
  ino: number;
  mtimeMs: number;
  ctimeMs: number;
  readAt: number;
}

/**
 * A run searches before its first arm and once a minute after, and one process (a spec worker, `experiment worker`)
 * runs many: most folders are the same each time. A folder's listing changes only with its mtime and ctime (an entry
 * added, removed or renamed in it sets both; utimes sets ctime), so a stat (a tenth of a listing's CPU here) tells a
 * folder read before. One modified within RACY_MS of its reading is read again: a change in the same clock tick as
 * the reading would leave its times as they were (git's "racy" index entries, the same problem).
 */
const remembered = new Map<string, RememberedLook>();
const RACY_MS = 2_000;
/** About 100 bytes a folder: a bound on what a long-lived process keeps (the walk's own bound is 200,000 folders). */
const MAX_REMEMBERED = 400_000;

/** An unreadable or vanished folder holds nothing the sandbox could read either. */
const NOTHING: FolderLook = { signed: false, folders: [] };

function lookInto(dir: string): FolderLook {
  const stats = tryReading(() => statSync(dir));
  if (!stats) return NOTHING;
  const known = recallLook(dir, stats);
  if (known) return known;
  const readAt = Date.now();
  const entries = tryReading(() => readdirSync(dir, { withFileTypes: true }));
  return entries ? rememberLook(dir, stats, readAt, entries) : NOTHING;
}

async function lookIntoAsync(dir: string): Promise<FolderLook> {
  const stats = await stat(dir).catch(() => null);
  if (!stats) return NOTHING;
  const known = recallLook(dir, stats);
  if (known) return known;
  const readAt = Date.now();
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => null);
  return entries ? rememberLook(dir, stats, readAt, entries) : NOTHING;
}

function tryReading<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

function recallLook(dir: string, stats: Stats): FolderLook | null {
  const known = remembered.get(dir);
  const same = known && known.ino === stats.ino && known.mtimeMs === stats.mtimeMs && known.ctimeMs === stats.ctimeMs;
  return same && known.readAt - Math.max(known.mtimeMs, known.ctimeMs) > RACY_MS ? known : null;
}

function rememberLook(dir: string, stats: Stats, readAt: number, entries: Dirent[]): FolderLook {
  const look: FolderLook = {
    signed: entries.some((entry) => SIGNS.has(entry.name) && entry.isFile()),
    folders: entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name),
  };
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(dir, { ...look, ino: stats.ino, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, readAt });
  return look;
}
