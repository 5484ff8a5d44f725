// The isolation plan of bwrap (podman uses it too): what the sandbox hides, what it binds back, which data dirs it hides.
import { existsSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { findPackageRoot } from '../../kernel/index.js';
import { listCredentialDirs } from '../../sources/quota/index.js';
import { isInside } from './build-bwrap-args.js';
import type { PodmanEngine } from './build-podman-args.js';
import { findCommandFile, findInstallDir } from './find-command-file.js';
import { type DataDirSearch, type FoundDataDirs, findDataDirs, findDataDirsAsync } from './find-data-dirs.js';
import { listPackageRuntime } from './package-runtime.js';

/** The unprivileged id a root runner drops to: `nobody`/`nogroup` on Debian. */
export const UNPRIVILEGED_ID = 65534;

/** How every arm of a run is isolated: the agent process and its hidden tests alike. */
export interface IsolationPlan {
  mode: 'bwrap' | 'podman' | 'none';
  /** podman only: the flags its probe found to work. */
  engine?: PodmanEngine;
  /** When the runner is root: the uid/gid the sandboxed code runs as (the arm folder is chowned to it). */
  runAs: { uid: number; gid: number } | null;
  /** Covered by an empty tmpfs: HOME, /root, the data dir's parent, this package's folder. */
  hide: string[];
  /** Bound back read-only: node, this package's runtime files (package-runtime.ts), the CLIs' install dirs. */
  expose: string[];
  /** Hidden after the exposures: the run's data dir and every other data dir the sandbox could see (find-data-dirs.ts). */
  hideAlways: string[];
  /** How far the search for data dirs went (absent in a plan that made none: --no-isolation, tests' own plans). */
  dataDirSearch?: { folders: number; complete: boolean; at: number };
  /**
   * Each agent command as a profile names it (`claude`, a path) -> the real file the sandbox runs: a link resolved on
   * the host (Claude Code's native `~/.local/bin/claude`), so the folder bound back is the program's own and the
   * sandbox never looks the name up on a PATH whose folders it hides. Absent or missing a name: looked up inside.
   */
  commands?: Readonly<Record<string, string>>;
  /** Why a run is unisolated (--no-isolation, or auto without bwrap for the scripted agent only). */
  note: string | null;
}

export interface PlanRequest {
  /** The profiles' `command`s (paths or names on PATH): their install dirs stay readable. */
  commands: readonly string[];
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Default process.getuid(). */
  uid?: number;
  /** Default findDataDirs (a walk of the visible tree). */
  findDataDirs?: (search: DataDirSearch) => FoundDataDirs;
}

/**
 * HOME, /root, the data dir's parent and this package's folder are hidden; node, the package's runtime files and the
 * CLIs' install dirs are bound back; then every data dir the sandbox would still see is hidden, the run's own first.
 */
export function buildIsolationPlan(request: PlanRequest): IsolationPlan {
  const uid = request.uid ?? process.getuid?.() ?? -1;
  const dataDir = resolve(request.dataDir);
  const packageRoot = findPackageRoot();
  const homes = [request.env.HOME, homedir(), '/root', dirname(dataDir), packageRoot].filter(
    (dir): dir is string => typeof dir === 'string' && dir !== '' && dir !== '/' && existsSync(dir),
  );
  // The agents' own logins (CODEX_HOME, GEMINI_CLI_HOME, CLAUDE_CONFIG_DIR) may live outside every home: hidden too.
  const logins = listCredentialDirs(request.env).filter(
    (dir) => dir !== '/' && existsSync(dir) && !homes.some((home) => isInside(resolve(home), resolve(dir))),
  );
  const hide = [...new Set([...homes, ...logins].map((dir) => resolve(dir)))];
  const commands = new Map(
    request.commands.flatMap((command) => {
      const file = findCommandFile(command, request.env.PATH);
      return file === null ? [] : [[command, file] as const];
    }),
  );
  const expose = [
    ...new Set(
      [
        findNodePrefix(),
        ...(packageRoot === null ? [] : listPackageRuntime(packageRoot)),
        ...[...commands.values()].map(findInstallDir),
      ].filter((dir): dir is string => dir !== null && dir !== '/' && existsSync(dir)),
    ),
  ];
  const search = (request.findDataDirs ?? findDataDirs)(describeSearch({ hide, expose }));
  return {
    mode: 'bwrap',
    runAs: uid === 0 ? { uid: UNPRIVILEGED_ID, gid: UNPRIVILEGED_ID } : null,
    hide,
    expose,
    hideAlways: [...new Set([...(existsSync(dataDir) ? [dataDir] : []), ...search.found])],
    dataDirSearch: { folders: search.folders, complete: search.complete, at: performance.now() },
    commands: Object.fromEntries(commands),
    note: null,
  };
}

/** What the sandbox sees: the tree outside the hidden folders, and the exposures inside them. */
function describeSearch(plan: Pick<IsolationPlan, 'hide' | 'expose'>): DataDirSearch {
  return { exposed: plan.expose.filter((dir) => plan.hide.some((hidden) => isInside(hidden, dir))), skip: plan.hide };
}

/** A run's arms start for hours: a data dir made since its last search is hidden too. At most one search a minute. */
const REFRESH_MS = 60_000;

/**
 * Before an arm: searches again (non-blocking: the run's proxy serves other arms in this process) when the last search
 * is a minute old, and adds what it finds to the plan's hidden data dirs. The plan is the run's one object, shared by
 * every arm, its hidden tests and its git: they all get the new hides.
 */
export async function refreshDataDirs(plan: IsolationPlan | undefined, now = performance.now()): Promise<void> {
  if (!plan || plan.mode === 'none' || !plan.dataDirSearch || now - plan.dataDirSearch.at < REFRESH_MS) return;
  plan.dataDirSearch.at = now; // a second arm starting meanwhile does not search too
  const search = await findDataDirsAsync(describeSearch(plan));
  plan.hideAlways = [...new Set([...plan.hideAlways, ...search.found])];
  plan.dataDirSearch = { folders: search.folders, complete: search.complete, at: now };
}

/** Node's install prefix (`<prefix>/bin/node`), so a node under a hidden HOME (nvm) still runs. */
function findNodePrefix(): string {
  return dirname(dirname(realpathSync(process.execPath)));
}
