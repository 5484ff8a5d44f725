// How each model behaves under the solver: whether it solves a task (a deterministic hash rule), how verbose, how costly.
import { createHash } from 'node:crypto';
import { findModelProvider } from '../../ledger/vocabulary/index.js';

export interface SolverProfile {
  /** A task is solved iff hashSolveRoll(model, taskId) < solveBelow; 1 solves every task. */
  solveBelow: number;
  /** Verbose answers carry an extra planning paragraph of text. */
  verbose: boolean;
  /** Output tokens = ceil(answer characters / 4 * outputScale), at least 1. */
  outputScale: number;
  /** Milliseconds between the answer's SSE events: a slow model (what agent timeouts are tested with). */
  delayMs?: number;
  /**
   * Whether answers carry the account's bars as rate-limit headers (default true). False stands in for a
   * subscription whose bars are only readable from its quota endpoint (Codex on ChatGPT login, GLM's plan).
   */
  barHeaders?: boolean;
  /** The account's window sizes in units (a plan's size); the shared SOLVER_BAR_LIMITS when absent. */
  barLimits?: { fiveHourUnits: number; sevenDayUnits: number; dailyUnits?: number };
  /**
   * A request that finds the account's 5-hour or weekly bar full is refused as a spent subscription is (429, unified
   * status `rejected`, the resets), charged nothing. Without it a full bar only stays at 100%.
   */
  refuseWhenSpent?: boolean;
}

/** The built-in scripted models; a request names one of them as its `model`. */
export const SOLVER_PROFILES: Readonly<Record<string, SolverProfile>> = {
  'scripted-steady': { solveBelow: 1, verbose: true, outputScale: 1 },
  'scripted-thrifty': { solveBelow: 0.6, verbose: false, outputScale: 0.5 },
  /** The null agent: never edits a file, so its arms measure what a task gives for doing nothing (0 by design). */
  'scripted-noop': { solveBelow: 0, verbose: false, outputScale: 0.2 },
  /** The oracle: writes each task's reference solution, so its arms measure what a task gives for the right answer (1). */
  'scripted-oracle': { solveBelow: 1, verbose: false, outputScale: 1 },
  /** Solves every task, but takes 1 s between events: an agent on it runs into any short timeout. */
  'scripted-sleepy': { solveBelow: 1, verbose: false, outputScale: 1, delayMs: 1000 },
  /**
   * The default run's four subscriptions. Window sizes are small, so one arm moves a bar by whole percents
   * (rounding cannot decide a verdict), and sized against the plans the sim profiles name (sim-max $200,
   * sim-pro $100, sim-lite $30), so dollars per unit of work differ between them.
   * A Claude subscription: solves every task; its bars ride on every answer's unified headers.
   */
  'scripted-claude': { solveBelow: 1, verbose: true, outputScale: 1, barLimits: { fiveHourUnits: 400_000, sevenDayUnits: 2_000_000 } },
  /**
   * A Claude subscription whose window holds about one arm's work and refuses once spent: what a failover portfolio
   * (`sim-claude-tiny>sim-glm`) is run against, so its work moves within a run.
   */
  'scripted-claude-tiny': {
    solveBelow: 1,
    verbose: true,
    outputScale: 1,
    barLimits: { fiveHourUnits: 12_000, sevenDayUnits: 60_000 },
    refuseWhenSpent: true,
  },
  /** The same Claude subscription for the arm whose haiku-tier requests go to GLM: an account of its own. */
  'scripted-claude-glm': { solveBelow: 1, verbose: true, outputScale: 1, barLimits: { fiveHourUnits: 400_000, sevenDayUnits: 2_000_000 } },
  /** A Codex subscription on ChatGPT login: no bar headers, so only GET /backend-api/wham/usage shows its bars. */
  'scripted-codex': {
    solveBelow: 0.7,
    verbose: false,
    outputScale: 0.7,
    barHeaders: false,
    barLimits: { fiveHourUnits: 250_000, sevenDayUnits: 1_250_000 },
  },
  /** A GLM Coding Plan: no bar headers, so only GET /api/monitor/usage/quota/limit shows its bars. */
  'scripted-glm': {
    solveBelow: 0.8,
    verbose: false,
    outputScale: 0.8,
    barHeaders: false,
    barLimits: { fiveHourUnits: 100_000, sevenDayUnits: 500_000 },
  },
  /** A Google AI plan's Gemini: no bar headers, one daily bar only Code Assist's retrieveUserQuota shows. */
  'scripted-gemini': {
    solveBelow: 0.75,
    verbose: false,
    outputScale: 0.8,
    barHeaders: false,
    barLimits: { fiveHourUnits: 2_000_000, sevenDayUnits: 20_000_000, dailyUnits: 150_000 },
  },
  /** GLM's small model taking Claude Code's haiku-tier (sub-agent) requests; its own account, no bar headers. */
  'scripted-glm-air': {
    solveBelow: 1,
    verbose: false,
    outputScale: 0.5,
    barHeaders: false,
    barLimits: { fiveHourUnits: 100_000, sevenDayUnits: 500_000 },
  },
};

/** Any other model (real clients: claude-*, gpt-*, or none named) solves every task at full cost. */
export const DEFAULT_SOLVER_PROFILE: SolverProfile = { solveBelow: 1, verbose: false, outputScale: 1 };

/**
 * A model that is its own provider's account over another's protocol (GLM's, spoken as Anthropic's) gets no rate-limit
 * headers: Z.ai's endpoint sends none, its bars are only on its quota endpoint.
 */
const FOREIGN_ACCOUNT_PROFILE: SolverProfile = { ...DEFAULT_SOLVER_PROFILE, barHeaders: false };

export function selectSolverProfile(model: string | null): SolverProfile {
  if (model !== null && findModelProvider(model) !== null) return FOREIGN_ACCOUNT_PROFILE;
  return (model !== null && Object.hasOwn(SOLVER_PROFILES, model) ? SOLVER_PROFILES[model] : undefined) ?? DEFAULT_SOLVER_PROFILE;
}

/** A number in [0, 1) fixed by model and task: the first 4 bytes of sha256("model|taskId") / 2^32. */
export function hashSolveRoll(model: string, taskId: string): number {
  return createHash('sha256').update(`${model}|${taskId}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** Whether `model` solves `taskId` (a model that names no profile always does). */
export function decideSolves(model: string | null, taskId: string): boolean {
  return hashSolveRoll(model ?? '', taskId) < selectSolverProfile(model).solveBelow;
}
