// Build and package caches that the sandboxes of one import share: go's build cache, cargo target dirs, pip's and jest's caches.
import {
  chmodSync,
  copyFileSync,
  lchownSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listSetupEntries } from './setup-manifests.js';

/** What one sandboxed command gets: the folders it may write besides its own, and the variables naming them. */
export interface CacheLease {
  writable: string[];
  env: Record<string, string>;
  /** jest's cache (its transforms), which jest takes from its command line only (`--cacheDirectory`). */
  jestCache: string;
  release: () => void;
}

/** A set-up's own entry (node_modules), copied once for the import: bound read-only into each run's work folder. */
export interface MountedEntry {
  name: string;
  source: string;
  /** Folders below it (relative) that get an empty writable tmpfs: where test tools keep caches (node_modules/.cache). */
  scratch: string[];
}

export interface SharedCaches {
  /** Takes a lease for one command; `release` gives its cargo target dir back to the pool. */
  lease: () => CacheLease;
  /** The set-up's own entries (what `tree` has beyond `fixtureDir`), copied read-only once per set-up for this import. */
  mountSetup: (tree: string, fixtureDir: string) => MountedEntry[];
  /** Removes every cache (the import is over). */
  remove: () => void;
}

/**
 * Where test tools write below node_modules: vitest's results (.vite/vitest, .vitest), babel, ava and nyc (.cache),
 * and vite's bundled config (.vite-temp: vite 8's loadConfigFromBundledFile, dist/node/chunks/node.js, mkdirs it and
 * falls back only on EACCES, so a read-only bind stopped every vitest project before its tests).
 */
const NODE_SCRATCH = ['.cache', '.vite', '.vite-temp', '.vitest'];

/**
 * Caches written by sandboxed code and read by sandboxed code only, of one import, in a temp folder that is removed at
 * its end: never the user's own (~/.cache/go-build, ~/.cargo, ~/.cache/pip), which the host runs from. GOCACHE is
 * safe under concurrent go processes (cmd/go/internal/cache); cargo locks its target dir for a whole build
 * ("Blocking waiting for file lock on build directory"), so each command takes a target dir no other command holds.
 * Owned by the sandbox's uid when the runner is root, so the tools can write there.
 */
export function createSharedCaches(runAs: { uid: number; gid: number } | null): SharedCaches {
  const root = mkdtempSync(join(tmpdir(), 'agent-tracker-import-caches-'));
  // Traversable, not listable: each cache below is the sandbox user's own (0700).
  chmodSync(root, 0o711);
  const make = (name: string): string => {
    const dir = join(root, name);
    mkdirSync(dir, { mode: 0o700 });
    if (runAs) lchownSync(dir, runAs.uid, runAs.gid);
    return dir;
  };
  const goBuild = make('go-build');
  const pip = make('pip');
  const jest = make('jest');
  const idle: string[] = [];
  let targets = 0;
  const mounted = new Map<string, MountedEntry[]>();
  return {
    lease: () => {
      targets += idle.length === 0 ? 1 : 0;
      const target = idle.pop() ?? make(`cargo-target-${targets}`);
      return {
        writable: [goBuild, pip, jest, target],
        jestCache: jest,
        // -count=1: go would otherwise answer a rerun from its cache of test results, and flaky tests would pass as steady.
        env: { GOCACHE: goBuild, GOFLAGS: '-count=1', PIP_CACHE_DIR: pip, CARGO_TARGET_DIR: target },
        release: () => idle.push(target),
      };
    },
    mountSetup: (tree, fixtureDir) => {
      const done = mounted.get(tree);
      if (done) return done;
      const copy = join(root, 'setups', `${mounted.size}`);
      const entries = copyReadable(tree, fixtureDir, copy);
      mounted.set(tree, entries);
      return entries;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * Lays the set-up's own top-level entries (node_modules, a .venv) of the stored tree into the import's folder, readable
 * by anyone and written by no sandbox (a read-only bind): each verification run used to copy them into its work folder and remove them
 * after, 10-58 s and 12-32 s of commander.js's 142 MB node_modules a run on this loaded machine, against 10-13 s of jest.
 */
function copyReadable(tree: string, fixtureDir: string, into: string): MountedEntry[] {
  const entries: MountedEntry[] = [];
  mkdirSync(into, { recursive: true });
  for (const name of listSetupEntries(tree, fixtureDir)) {
    const source = join(into, name);
    linkOrCopy(join(tree, name), source);
    const scratch = name === 'node_modules' && lstatSync(source).isDirectory() ? NODE_SCRATCH : [];
    for (const dir of scratch) mkdirSync(join(source, dir), { recursive: true }); // mount points: the bind is read-only
    makeReadable(source);
    entries.push({ name, source, scratch });
  }
  return entries;
}

/**
 * Hard links to the stored set-up's files (a copy across file systems): nothing writes them, since every run gets them
 * through a read-only bind and nothing chowns them; the stored tree is only ever copied from (applyTaskSetup).
 */
function linkOrCopy(from: string, to: string): void {
  const stat = lstatSync(from);
  if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
  else if (stat.isDirectory()) {
    mkdirSync(to, { mode: stat.mode & 0o777 });
    for (const name of readdirSync(from)) linkOrCopy(join(from, name), join(to, name));
  } else
    try {
      linkSync(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      copyFileSync(from, to);
    }
}

/** o+r on files, o+rx on folders: the sandbox's user reads what a set-up made, whatever modes it left. */
function makeReadable(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  chmodSync(path, stat.mode | (stat.isDirectory() ? 0o005 : 0o004));
  if (stat.isDirectory()) for (const name of readdirSync(path)) makeReadable(join(path, name));
}
