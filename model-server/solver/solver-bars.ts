// Solver subscription bars per account: units (input + 5 x output) fill a 5-hour, a 7-day and a daily window, shown as headers.
import { findModelProvider, findProtocolAccount, findProtocolVendor, type ProtocolId } from '../../ledger/vocabulary/index.js';
import type { ModelApi } from '../inspect-request.js';
import { formatAnthropicBars, formatCodexBars } from '../rate-limit-headers.js';
import type { ResolvedUsage } from '../resolve-usage.js';
import { addCharge, countUnits, createQuotaState, settleCharges, type QuotaState } from './quota-state.js';
import { selectSolverProfile } from './solver-profiles.js';

/** Window sizes in units, and how much an output token weighs against an input token. */
export const SOLVER_BAR_LIMITS = {
  fiveHourUnits: 2_000_000,
  sevenDayUnits: 20_000_000,
  // The daily bar of a Google AI plan (Code Assist's quota): Google counts requests; the stand-in counts units as for
  // every account, which moves the bar with use as a requests meter does (model-server/README.md).
  dailyUnits: 4_000_000,
  outputWeight: 5,
  warnAt: 0.8,
} as const;

/** The two windows' lengths in seconds (what the quota endpoints report as their window sizes). */
export const BAR_WINDOW_S = { fiveHour: 5 * 3600, sevenDay: 7 * 86400, day: 86400 } as const;

export interface BarState {
  account: string;
  /** Units charged to the account so far, this answer included. */
  units: number;
  /** Fractions 0..1, capped at 1 and rounded to 4 decimals. */
  fiveHour: number;
  sevenDay: number;
  day: number;
}

export interface SolverBars {
  /** Adds one answer's units to its account and returns the state after it. */
  charge(account: string, units: number): BarState;
  /** The state now (0 for an account never charged). */
  read(account: string): BarState;
  /** Settles the charges of `accounts` (every account when null) made up to `upToMs`: a resumed run keeps them. */
  settle(upToMs: number, accounts: readonly string[] | null): void;
}

/** Where the bars are kept besides memory (quota-state.ts); without it they live and die with the server. */
export interface BarKeeping {
  /** What to start from: a restarted server's (a resumed run's) state. */
  state: QuotaState;
  /**
   * Writes the state after each charge. The charge is made in memory only once the write succeeded, and before the
   * answer that shows it leaves, so no one ever sees a bar the file does not hold: a kill between the two loses a
   * charge no answer carried. When the write throws, the charge is not made and the error goes to the caller.
   */
  save: (state: QuotaState) => void;
  /** Keep each charge's time until it is settled (a run settles an arm's when the arm ends); false settles each at once. */
  journal: boolean;
}

/** `scripted-*` models are their own account (their `-haiku` tier too); every other model shares its API family's (anthropic, openai, google; a Google login's apart). */
export function selectAccount(model: string | null, api: ProtocolId): string {
  // `<model>-haiku` is that model's subscription sending its haiku-tier (sub-agent) requests: the same account.
  if (model?.startsWith('scripted-')) return model.endsWith('-haiku') ? model.slice(0, -'-haiku'.length) : model;
  // A provider's own models (GLM's) are its subscription, not the API family they are spoken in (Z.ai's Anthropic-compatible endpoint).
  return (model ? findModelProvider(model) : null) ?? findProtocolAccount(api);
}

export function measureUnits(usage: ResolvedUsage): number {
  return usage.input_tokens + SOLVER_BAR_LIMITS.outputWeight * usage.output_tokens;
}

/** An account's window sizes in units: its model's own (a plan's size), else the shared default. */
export function selectBarLimits(account: string): { fiveHourUnits: number; sevenDayUnits: number; dailyUnits: number } {
  const own = selectSolverProfile(account).barLimits;
  return own ? { dailyUnits: SOLVER_BAR_LIMITS.dailyUnits, ...own } : SOLVER_BAR_LIMITS;
}

export function createSolverBars(keeping?: BarKeeping): SolverBars {
  let state = keeping?.state ?? createQuotaState(0);
  const journal = keeping?.journal === true;
  const read = (account: string): BarState => {
    const total = countUnits(state, account);
    const limits = selectBarLimits(account);
    return {
      account,
      units: total,
      fiveHour: toFraction(total, limits.fiveHourUnits),
      sevenDay: toFraction(total, limits.sevenDayUnits),
      day: toFraction(total, limits.dailyUnits),
    };
  };
  return {
    charge(account, added) {
      const next = addCharge(state, account, added, Date.now(), journal);
      keeping?.save(next);
      state = next;
      return read(account);
    },
    read,
    settle(upToMs, accounts) {
      const next = settleCharges(state, upToMs, accounts);
      if (next === state) return;
      // Settling moves no bar, only what a resume may drop: a write that fails here is carried by the next charge's,
      // and until then the file holds these charges unsettled, which a resume judges against the ledger as any other.
      state = next;
      try {
        keeping?.save(next);
      } catch {}
    },
  };
}

/**
 * The scripted periods began an hour before the server started, so they reset 4 h / 6 d 23 h after it:
 * a period starting at server start would put every after of the first 5 minutes inside the ledger's
 * reset buffer (invariant 2) and tag it late-after.
 */
export const PERIOD_STARTED_BEFORE_S = 3600;

/** When the windows reset, epoch seconds: one place, so headers and quota endpoints always agree. */
export function computeBarResets(startedAtSeconds: number): { fiveHour: number; sevenDay: number; day: number } {
  const periodStart = startedAtSeconds - PERIOD_STARTED_BEFORE_S;
  return {
    fiveHour: periodStart + BAR_WINDOW_S.fiveHour,
    sevenDay: periodStart + BAR_WINDOW_S.sevenDay,
    day: periodStart + BAR_WINDOW_S.day,
  };
}

/** The bars as the API's headers: Anthropic unified utilization, or Codex used percent. */
export function buildSolverBarHeaders(api: ModelApi, state: BarState, startedAtSeconds: number): Record<string, string> {
  const resets = computeBarResets(startedAtSeconds);
  // Gemini's answers carry no bars in their headers (its plan's limits are requests per day and per minute).
  if (findProtocolVendor(api) === 'google') return {};
  if (api === 'anthropic-messages') {
    return {
      ...formatAnthropicBars(
        { '5h': { utilization: state.fiveHour, reset: resets.fiveHour }, '7d': { utilization: state.sevenDay, reset: resets.sevenDay } },
        SOLVER_BAR_LIMITS.warnAt,
      ),
      // Anthropic names the organization the request's key or token belongs to on every answer (since 2025-02-10).
      'anthropic-organization-id': simulateOrganizationId(state.account),
    };
  }
  return formatCodexBars({
    primary: { usedPercent: toPercent(state.fiveHour), windowMinutes: BAR_WINDOW_S.fiveHour / 60, resetAt: resets.fiveHour },
    secondary: { usedPercent: toPercent(state.sevenDay), windowMinutes: BAR_WINDOW_S.sevenDay / 60, resetAt: resets.sevenDay },
  });
}

/** A UUID-shaped organization id of its own for each simulated account, the same at every answer. */
export function simulateOrganizationId(account: string): string {
  let hash = 0x811c9dc5;
  for (const char of account) hash = Math.imul(hash ^ (char.codePointAt(0) as number), 0x01000193) >>> 0;
  const hex = hash.toString(16).padStart(8, '0');
  return `${hex}-0000-4000-8000-${hex}${hex.slice(0, 4)}`;
}

function toFraction(units: number, windowUnits: number): number {
  return Math.round(Math.min(1, units / windowUnits) * 10_000) / 10_000;
}

/** A 4-decimal fraction as a percent, without float noise (0.0123 -> 1.23). */
export function toPercent(fraction: number): number {
  return Math.round(fraction * 1_000_000) / 10_000;
}
