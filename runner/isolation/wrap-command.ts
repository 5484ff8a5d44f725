// Wraps one command (an agent or the hidden tests) in the run's isolation, and hands the arm folder to its uid.
import { randomBytes } from 'node:crypto';
import { existsSync, lchownSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { buildBwrapArgv, isInside } from './build-bwrap-args.js';
import { buildPodmanArgv } from './build-podman-args.js';
import { findSlirp4netns, type OutboundNetwork, wrapOutbound } from './outbound-network.js';
import { placeHides } from './place-hides.js';
import { mergePairs, reachThrough } from './reach-through.js';
import type { IsolationPlan } from './resolve-isolation.js';

export interface SandboxCommand {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** Run once the command has ended or been killed, and by the watchdog if the runner dies (podman: `podman rm -f`). */
  cleanup?: { file: string; args: string[] };
  /**
   * Set when the command waits for its outbound network: its spawner gives it a pipe on fd 3 and stdin, and attaches
   * slirp4netns (attach-outbound-network.ts). A spawner that does not leaves it without network (it exits 1).
   */
  outbound?: OutboundNetwork;
}

export interface WrapOptions {
  /** The arm folder (work/ and home/): the only place the command may write. */
  writable: string;
  /**
   * The agent reaches the proxy on 127.0.0.1 (true); the hidden tests need no network (false); a set-up with
   * --setup-network reaches the registries, and nothing of the host's loopback ('outbound': build-bwrap-args.ts).
   */
  shareNet: boolean | 'outbound';
  /** Build caches shared by the sandboxes of one import, writable too (docs/isolation.md says which and why). */
  shared?: readonly string[] | undefined;
  /** Read-only folders laid into the arm folder, and empty writable ones over parts of them (build-bwrap-args.ts). */
  readOnly?: ReadonlyArray<{ source: string; target: string }> | undefined;
  scratch?: readonly string[] | undefined;
  /** Folders of the arm bound writable at a second place inside the sandbox (a work folder at its GOPATH import path). */
  binds?: ReadonlyArray<{ source: string; target: string }> | undefined;
  /** Where the command starts inside the sandbox when it is not command.cwd (a bind's target, which the host lacks). */
  chdir?: string | undefined;
}

/**
 * The same command, run inside bwrap or podman when the plan says so; unchanged for `none`. An agent command runs as
 * the real file the plan resolved on the host (its folder is bound back; the PATH folder of its link may be hidden).
 * The environment passes
 * through bwrap as is; podman gets the names only (`--env NAME` reads the value from podman's own environment).
 */
export function wrapCommand(plan: IsolationPlan | undefined, command: SandboxCommand, options: WrapOptions): SandboxCommand {
  if (!plan || plan.mode === 'none') return command;
  const writable = resolve(options.writable);
  const exposed = plan.hideAlways.find((dir) => [writable, ...(options.shared ?? [])].some((place) => isInside(resolve(place), dir)));
  if (exposed)
    throw new AppError(
      'BAD_USAGE',
      `expected the arm sandbox outside the data dir's tree, got ${writable} holding ${exposed}: use another --sandbox-dir`,
      { where: '--sandbox-dir' },
    );
  return wrapInPlan({ ...plan, hideAlways: plan.hideAlways.filter(isFolderNow) }, command, options);
}

/**
 * A data dir found earlier may be gone (a test's, removed since) or a link now: a tmpfs over a missing folder under the
 * read-only root fails bwrap ("Can't mkdir parents"), and one over a link would cover wherever it points.
 */
function isFolderNow(dir: string): boolean {
  return lstatSync(dir, { throwIfNoEntry: false })?.isDirectory() === true;
}

/**
 * Drops from the plan the data dirs gone since they were found, and says whether there were any: a sandbox that could
 * not start may have met one removed after wrapCommand looked (the window is the spawn's few milliseconds).
 */
export function pruneVanishedHides(plan: IsolationPlan | undefined): boolean {
  if (!plan || plan.mode === 'none') return false;
  const kept = plan.hideAlways.filter(isFolderNow);
  if (kept.length === plan.hideAlways.length) return false;
  plan.hideAlways = kept;
  return true;
}

function wrapInPlan(plan: IsolationPlan, command: SandboxCommand, options: WrapOptions): SandboxCommand {
  const file = plan.commands?.[command.file] ?? command.file;
  const writable = resolve(options.writable);
  // Never the host's network instead: no slirp4netns, no set-up with network (podman runs the same program).
  const outbound = options.shareNet === 'outbound' ? findSlirp4netns(process.env.PATH) : undefined;
  if (plan.mode === 'podman') {
    if (plan.runAs) checkReachable(dirname(writable), plan.runAs.uid); // runc gives a tmpfs the mode it covers: no way round
    // Never fall back to bwrap (or nothing) quietly: a podman plan comes from resolveIsolation, which probed it.
    if (!plan.engine) throw new AppError('BAD_INPUT', 'expected a podman plan with the engine its probe found, got none');
    const podman = buildPodmanArgv({
      ...plan,
      engine: plan.engine,
      name: `agent-tracker-${process.pid}-${randomBytes(6).toString('hex')}`,
      writable,
      shared: options.shared,
      readOnly: options.readOnly,
      scratch: options.scratch,
      binds: options.binds,
      shareNet: options.shareNet,
      cwd: options.chdir ?? command.cwd,
      file,
      args: command.args,
      envNames: Object.keys(command.env),
    });
    return { file: podman.file, args: podman.args, env: command.env, cwd: command.cwd, cleanup: podman.cleanup };
  }
  // bwrap starts as the sandbox's uid: it cannot look up an arm folder, or a toolchain it binds (rustup under a
  // 0700 /root), below a folder closed to that uid; nor mount a hide there (place-hides.ts).
  const runAs = plan.runAs;
  const pairs = runAs
    ? mergePairs(
        [writable, ...(options.shared ?? []), ...(options.readOnly ?? []).map((bind) => bind.source), ...plan.expose].flatMap((target) => {
          const closed = findHighestUnreachable(dirname(target), runAs.uid);
          return closed === null ? [] : [{ closed, target }];
        }),
        plan.hide,
      )
    : [];
  const hides = runAs ? placeHides(plan, { pairs, isClosed: (dir) => findUnreachableHere(dir, runAs.uid) !== null }) : plan;
  const wrapped = buildBwrapArgv({
    ...plan,
    ...hides,
    writable,
    shared: options.shared,
    readOnly: options.readOnly,
    scratch: options.scratch,
    binds: options.binds,
    shareNet: options.shareNet,
    cwd: options.chdir ?? command.cwd,
    file,
    args: command.args,
  });
  const run = runAs && pairs.length > 0 ? reachThrough(pairs, runAs, wrapped) : wrapped;
  if (!outbound) return { ...run, env: command.env, cwd: command.cwd };
  return { ...wrapOutbound(run, process.getuid?.() === 0), env: command.env, cwd: command.cwd, outbound };
}

/** The highest folder at or above `dir` that `uid` cannot search (every folder above it can be), or null. */
function findHighestUnreachable(dir: string, uid: number): string | null {
  let highest: string | null = null;
  for (let at = resolve(dir); at !== dirname(at); at = dirname(at)) if (findUnreachableHere(at, uid)) highest = at;
  return highest;
}

/**
 * bwrap, started as the unprivileged uid, looks the arm folder up on the host as that uid: every folder above it must
 * let it through (search permission). A 0700 parent (a mkdtemp folder of root) does not; say so before the agent starts.
 */
export function checkReachable(writable: string, uid: number): void {
  const blocked = findUnreachable(writable, uid);
  if (blocked)
    throw new AppError(
      'BAD_USAGE',
      `expected every folder above the arm sandbox to be searchable by uid ${uid} (the sandbox's user), got ${blocked}: use another --sandbox-dir (or chmod o+x it)`,
      { where: '--sandbox-dir' },
    );
}

/**
 * Under podman a hidden folder keeps its host mode (runc gives a tmpfs the mode of the folder it covers, whatever
 * `mode=` says: runc 1.1.5, measured), so node or a CLI installed under a 0700 /root cannot be reached by uid 65534.
 */
export function checkPodmanExposures(plan: IsolationPlan): void {
  if (!plan.runAs) return;
  for (const dir of plan.expose) {
    // A file (package.json) needs its folder searchable, not itself.
    const blocked = findUnreachable(existsSync(dir) && !statSync(dir).isDirectory() ? dirname(dir) : dir, plan.runAs.uid);
    if (blocked)
      throw new AppError(
        'BAD_USAGE',
        `expected node, this package's runtime files and the agent CLIs to be reachable by uid ${plan.runAs.uid} under --isolation podman, got ${dir} behind ${blocked}: use --isolation bwrap, or install them elsewhere`,
        { where: '--isolation' },
      );
  }
}

/** The first folder at or above `dir` that `uid` cannot search, as "<path> with mode <octal>"; null when all can be. */
export function findUnreachable(dir: string, uid: number): string | null {
  for (let at = resolve(dir); at !== dirname(at); at = dirname(at)) {
    const blocked = findUnreachableHere(at, uid);
    if (blocked) return blocked;
  }
  return null;
}

function findUnreachableHere(at: string, uid: number): string | null {
  if (!existsSync(at)) return null; // made later by the runner (mkdir keeps the umask's o+x)
  const stat = statSync(at);
  return stat.uid !== uid && (stat.mode & 0o001) === 0 ? `${at} with mode ${(stat.mode & 0o777).toString(8)}` : null;
}

/**
 * Gives the arm folder to the plan's unprivileged uid (a root runner), so the sandboxed agent and tests can write
 * there and nowhere else. Called before the agent and again before the tests (the runner's own git and the
 * hidden tests' copy leave root-owned files). Symlinks are chowned themselves, never followed.
 */
export function handOverSandbox(plan: IsolationPlan | undefined, root: string): void {
  if (plan?.runAs) chownTree(resolve(root), plan.runAs.uid, plan.runAs.gid);
}

/** A kept arm folder goes back to the runner's own uid, so the user (and git, "dubious ownership") can read it as theirs. */
export function reclaimSandbox(plan: IsolationPlan | undefined, root: string): void {
  if (plan?.runAs && process.getuid && process.getgid) chownTree(resolve(root), process.getuid(), process.getgid());
}

function chownTree(path: string, uid: number, gid: number): void {
  lchownSync(path, uid, gid);
  if (!lstatSync(path).isDirectory()) return;
  for (const name of readdirSync(path)) chownTree(join(path, name), uid, gid);
}
