// What an import is asked (ImportRequest) and what it answers (ImportSummary), and when it stops for its environment.
import type { TaskMeta } from '../task-bank/task-schema.js';
import type { ChangeLimits } from './judge-change.js';
import type { StagedEnvironment, StagedVerdict } from './verify-imported-task.js';

/** Verifies a staged task; `signal` is aborted when the import stops while it runs (--max reached, an environment stop). */
export type VerifyStaged = (taskDir: string, meta: TaskMeta, options?: { signal?: AbortSignal }) => Promise<StagedVerdict>;

export interface ImportRequest {
  repo: string;
  out: string;
  since?: string;
  /** Stop after this many kept tasks. */
  max: number;
  /** The user's own test command (argv); absent: detected per change. */
  testCommand?: string[];
  /** The user's own set-up command (argv), for every task; absent: `npm ci --prefer-offline --ignore-scripts` when a lockfile pins dependencies. */
  setupCommand?: string[];
  limits: ChangeLimits;
  verify: VerifyStaged;
  onProgress?: (line: string) => void;
  /** The set-up may reach the registry (`--setup-network`): a repository with no lockfile can then be installed. */
  setupNetwork?: boolean;
  /** How many candidates are examined at once (default 1); their outcomes are still taken in history order. */
  jobs?: number;
  /** Keep a change whose hidden tests call names that are not public (tagged internal-api); default: reject it. */
  allowInternal?: boolean;
  /** Keep a change whose commit message says next to nothing (tagged thin-spec); default: reject it. */
  allowThinSpecs?: boolean;
  /** `path:line` secret findings to let through (`--allow-secret`). */
  allowSecrets?: ReadonlySet<string>;
  /**
   * A time limit (`--time-limit`): once `signal` is aborted the import stops where it is, the candidates under way are
   * stopped and dropped, and the summary holds the tasks already in the bank and `stopped` with `cause`.
   */
  stop?: { signal: AbortSignal; cause: string };
}

/** Why an import stopped before its last candidate, other than --max. */
export type ImportStop =
  /** ENVIRONMENT_STOP candidates failed the same environment way before any was kept. */
  | { by: 'environment'; cause: string; fix: string; candidates: number; commits: string[] }
  /** The caller's time limit (ImportRequest.stop) was reached. */
  | { by: 'time-limit'; cause: string };

export interface KeptTask {
  id: string;
  commit: string;
  difficulty: string;
  lines: number;
  /** Fixture files left out (secrets, credential files, symlinks, large binaries). */
  leftOut: string[];
}

export interface RejectedCandidate {
  commit: string;
  subject: string;
  reason: string;
  /** The tests never ran: what is missing and what to do, with the output's last lines for the log. */
  environment?: StagedEnvironment | undefined;
}

/** After this many candidates fail the same environment way, with none kept yet, the import stops: the next ones would too. */
export const ENVIRONMENT_STOP = 3;

export interface ImportSummary {
  repo: string;
  out: string;
  examined: number;
  commits: number;
  kept: KeptTask[];
  rejected: RejectedCandidate[];
  /** Said once for the whole import (a repository whose dependencies cannot be installed offline). */
  notes?: string[];
  /** Why the import stopped early (an environment every candidate fails in, a time limit); absent when it did not. */
  stopped?: ImportStop;
}

/**
 * The environment cause ENVIRONMENT_STOP rejections share, if any, while no task is kept: the import stops there. The
 * stop is for an environment that cannot run any test; once one task is kept it can, and the import goes on, each
 * candidate set aside with its reason and log. A module the repository provides itself never stops it.
 */
export function findEnvironmentStop(
  rejected: readonly RejectedCandidate[],
  kept: number,
): Extract<ImportStop, { by: 'environment' }> | undefined {
  if (kept > 0) return undefined;
  const seen = new Map<string, string[]>();
  for (const { environment, commit } of rejected) {
    if (!environment || environment.ownModule !== undefined) continue;
    const commits = [...(seen.get(environment.cause) ?? []), commit];
    seen.set(environment.cause, commits);
    if (commits.length >= ENVIRONMENT_STOP)
      return { by: 'environment', cause: environment.cause, fix: environment.fix, candidates: commits.length, commits };
  }
  return undefined;
}
