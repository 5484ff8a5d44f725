// What `tracker plans` says of failover: each plan held, and the ways out of its limits (chains, a bigger tier, a seat).
import type { Spread } from '../headroom/index.js';
import type { Portfolio } from './compose-portfolio.js';
import type { WorkPerToken } from './measure-work-per-token.js';
import type { AccountHistory, PlanCandidate, PlanOutcome } from './price-plan-outcome.js';
import type { ProviderCatalog } from '../../ledger/vocabulary/index.js';

/** A way out of the held plan's limits, and what it would have changed over the history. */
export interface FailoverOption {
  /** `chain` (claude>glm), `tier` (hold a bigger one), `seat` (the experiment's one more seat). */
  kind: 'chain' | 'tier' | 'seat';
  /** What it is: `claude>claude` with the second account's plan, a tier's id, the seat portfolio's plans. */
  name: string;
  plans: string[];
  /** The account work moves to (a chain): `a second claude account`, an account you hold, or one of another provider. */
  to: string | null;
  /** Dollars a month more than the plan held (0 for a chain to a plan you already pay for). */
  added_usd_per_month: number;
  hits: Spread | null;
  waited_hours: Spread | null;
  /** Against the plan held alone (and the second's own use alone): windows no longer hitting a limit, hours no longer waited. */
  hits_avoided: Spread | null;
  hours_saved: Spread | null;
  /** Tokens a month that moved (in the account they moved to), and correct work a month per dollar. */
  moved_tokens: number | null;
  work_per_usd: Spread | null;
  work_na: string | null;
  na: string | null;
}

export interface FailoverAdvice {
  provider: string;
  plan: string;
  usd_per_month: number;
  hits: Spread | null;
  waited_hours: Spread | null;
  options: FailoverOption[];
}

export interface FailoverInputs {
  histories: readonly AccountHistory[];
  accounts: readonly { provider: string; held: string | null; outcomes: PlanOutcome[] }[];
  portfolios: readonly Portfolio[];
  /** Every plan the table knows of the providers in play (the candidates). */
  plans: (provider: string) => PlanCandidate[];
  /** A provider's bars where you have no use of it (the experiment's readings), or null when none were read. */
  readBars: (provider: string) => AccountHistory | null;
  work: ReadonlyMap<string, WorkPerToken>;
  /** The data dir's provider catalog: which providers speak a protocol, and the plans they sell. */
  catalog: ProviderCatalog;
  /** Months in the history (a portfolio's tokens a month are the history's times this). */
  per_month: number;
}
