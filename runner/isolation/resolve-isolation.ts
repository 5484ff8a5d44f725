// Decides how an experiment's arms are isolated (--isolation auto|bwrap|podman|none, --no-isolation) and says so in words.
import { execFileSync } from 'node:child_process';
import { AppError } from '../../kernel/index.js';
import { buildBwrapArgv } from './build-bwrap-args.js';
import type { PodmanEngine } from './build-podman-args.js';
import { buildIsolationPlan, type IsolationPlan } from './build-isolation-plan.js';
import { findSlirp4netns } from './outbound-network.js';
import { probePodman } from './probe-podman.js';

export { buildIsolationPlan, type IsolationPlan, UNPRIVILEGED_ID } from './build-isolation-plan.js';

export const ISOLATION_MODES = ['auto', 'bwrap', 'podman', 'none'] as const;
export type IsolationMode = (typeof ISOLATION_MODES)[number];

export interface IsolationRequest {
  mode: IsolationMode;
  /** `--no-isolation`: the explicit opt-out that real agent CLIs need to run on the host. */
  optOut: boolean;
  /** The drivers the run starts (claude, codex, scripted). */
  drivers: readonly string[];
  /** The profiles' `command`s (paths or names on PATH): their install dirs stay readable. */
  commands: readonly string[];
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Runs the probe; returns null when bwrap works, else why not. Default: probeBwrap. */
  probe?: (plan: IsolationPlan) => string | null;
  /** --isolation podman: returns the flags that work, else why none do. Default: probePodman. */
  probePodman?: (plan: IsolationPlan) => PodmanEngine | string;
  /** Default process.getuid(). */
  uid?: number;
  /**
   * Every line of code the arms run is this package's own: the built-in task bank, the built-in scripted agent, and the
   * scripted model server's answers. Only then may `auto` without a working bubblewrap run unisolated (and say so).
   */
  ownCodeOnly?: boolean;
  /** `--setup-network`: a sandboxed set-up then reaches the network through slirp4netns, which must be on PATH. */
  setupNetwork?: boolean;
}

/** Checks the flags, probes bubblewrap when needed and returns the plan; refuses to run a real CLI unisolated by accident. */
export function resolveIsolation(request: IsolationRequest): IsolationPlan {
  if (request.optOut && request.mode !== 'auto' && request.mode !== 'none')
    throw new AppError('BAD_USAGE', `expected either --isolation ${request.mode} or --no-isolation, got both`, { where: '--no-isolation' });
  const real = [...new Set(request.drivers.filter((driver) => driver !== 'scripted'))];
  const clis = `${real.join(' and ')} CLI${real.length > 1 ? 's' : ''}`;
  const none = (note: string): IsolationPlan => ({ mode: 'none', runAs: null, hide: [], expose: [], hideAlways: [], note });
  if (request.optOut) return none("--no-isolation: agents and hidden tests ran on the host as the runner's user");
  if (request.mode === 'none') {
    if (real.length > 0)
      throw new AppError(
        'BAD_USAGE',
        `expected --no-isolation to run the real ${clis} unisolated on the host, got --isolation none alone`,
        { where: '--isolation' },
      );
    return none("--isolation none: the scripted agent and hidden tests ran on the host as the runner's user");
  }
  const plan = buildIsolationPlan(request);
  // Before anything starts: a missing slirp4netns would otherwise fail every set-up, one candidate at a time.
  if (request.setupNetwork === true) findSlirp4netns(request.env.PATH);
  if (request.mode === 'podman') return resolvePodman(request, plan);
  const failure = (request.probe ?? probeBwrap)(plan);
  if (failure === null) return plan;
  if (request.mode === 'bwrap')
    throw new AppError(
      'BAD_USAGE',
      `expected a working bubblewrap for --isolation bwrap, got: ${failure} (install the Debian package bubblewrap)`,
      { where: '--isolation' },
    );
  if (real.length > 0) {
    throw new AppError(
      'BAD_USAGE',
      `expected a working bubblewrap to isolate the real ${clis} (--isolation auto), got: ${failure}; install the Debian package bubblewrap, or pass --no-isolation to run it on the host`,
      { where: '--isolation' },
    );
  }
  // Code the user did not write (a task bank of theirs or imported, a real model's edits) never runs unisolated unasked.
  if (request.ownCodeOnly !== true)
    throw new AppError(
      'BAD_USAGE',
      `expected a working bubblewrap to isolate the hidden tests, which run the task's code (--isolation auto), got: ${failure}; install the Debian package bubblewrap, or pass --no-isolation to run them on the host`,
      { where: '--isolation' },
    );
  return none(
    `bubblewrap unavailable (${failure}): the built-in tasks, the scripted agent and its scripted answers (this package's own code) ran on the host as the runner's user`,
  );
}

/** Podman is chosen by name only (auto never picks it): it works, or the run does not start. */
function resolvePodman(request: IsolationRequest, plan: IsolationPlan): IsolationPlan {
  const engine = (request.probePodman ?? ((probed: IsolationPlan) => probePodman(probed.runAs)))(plan);
  if (typeof engine !== 'string') return { ...plan, mode: 'podman', engine };
  throw new AppError(
    'BAD_USAGE',
    `expected a working podman for --isolation podman, got: ${engine} (install the Debian packages podman and runc, or use --isolation bwrap)`,
    { where: '--isolation' },
  );
}

/** `bwrap ... true` with the plan's own namespaces and uid drop: null when it works, else bwrap's first error line. */
export function probeBwrap(plan: IsolationPlan): string | null {
  const { file, args } = buildBwrapArgv({
    writable: '/tmp',
    hide: [],
    expose: [],
    hideAlways: [],
    shareNet: true,
    cwd: '/',
    file: 'true',
    args: [],
    runAs: plan.runAs,
  });
  try {
    execFileSync(file, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
    return null;
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '')
      .split('\n')
      .find((line) => line.trim() !== '');
    return stderr ?? ((error as NodeJS.ErrnoException).code === 'ENOENT' ? `${file} is not installed` : (error as Error).message);
  }
}

/** The methodology's isolation clause. */
export function describeIsolation(plan: IsolationPlan): string {
  if (plan.mode === 'none') return `isolation: none (UNISOLATED: ${plan.note ?? 'no sandbox'})`;
  const who = plan.runAs ? `as uid ${plan.runAs.uid} (the runner is root)` : "as the runner's uid";
  if (plan.mode === 'podman')
    // No ';' inside: the methodology's clauses are split on it (cli/check-resume-settings.ts).
    return `isolation: podman (agent and hidden tests ${who}, system: the host's root file system read-only, writable: only the arm folder and a private /tmp, hidden: HOME, /root and the data dir, network: the host's for the agent (to reach the proxy), none for the tests, engine: ${plan.engine?.label ?? 'unknown'})`;
  return `isolation: bwrap (agent and hidden tests ${who}, writable: only the arm folder and a private /tmp, hidden: HOME, /root and the data dir, network: the runner's loopback for the agent (to reach the proxy), none for the tests)`;
}

/** A note when the search for other data dirs stopped at its bound (a data dir beyond it would stay visible), else null. */
export function describeDataDirSearch(plan: IsolationPlan): string | null {
  const search = plan.dataDirSearch;
  if (!search || search.complete) return null;
  return `note: the search for data dirs to hide from the sandbox stopped after ${search.folders} folders; a data dir it did not reach stays readable by the arms (docs/isolation.md)`;
}
