// The solver's quota as data and as a file: units per account and when the periods began, so a restarted server goes on.
import { existsSync } from 'node:fs';
import * as z from 'zod';
import { AppError } from '../../kernel/index.js';
import { readJsonFile, writeJsonAtomically } from '../../ledger/index.js';

const UnitsSchema = z
  .number({ error: 'expected a number of units' })
  .int('expected a whole number of units')
  .nonnegative('expected a non-negative number of units');
const EpochMsSchema = z
  .number({ error: 'expected epoch milliseconds' })
  .int('expected epoch milliseconds')
  .nonnegative('expected epoch milliseconds');

/**
 * `started_at_ms`: the server start the periods count from (computeBarResets), so resets fall at the same moments after
 * a restart. Per account, `units`: settled units, final; `charges`: `[epoch ms, units]` of each charge made since, in
 * order, kept until settled so that a resumed run can drop those of an arm the ledger never finished (a run settles
 * an arm's charges when the arm ends: cli/load-run-quota.ts).
 */
export const QuotaStateSchema = z.strictObject({
  version: z.literal(1, { error: 'expected 1 (the only version of the quota state)' }),
  started_at_ms: EpochMsSchema,
  accounts: z.record(z.string().min(1), z.strictObject({ units: UnitsSchema, charges: z.array(z.tuple([EpochMsSchema, UnitsSchema])) })),
});
export type QuotaState = z.infer<typeof QuotaStateSchema>;
type AccountQuota = QuotaState['accounts'][string];

const EMPTY: AccountQuota = { units: 0, charges: [] };

export function createQuotaState(startedAtMs: number): QuotaState {
  return { version: 1, started_at_ms: startedAtMs, accounts: {} };
}

/** The file's state; a fresh one (periods starting at `nowMs`) when there is no file. A bad file is one line naming it. */
export function readQuotaState(file: string, nowMs: number): { state: QuotaState; found: boolean } {
  if (!existsSync(file)) return { state: createQuotaState(nowMs), found: false };
  const hint = '(the scripted quota state; remove the file to start the simulated subscriptions afresh)';
  return { state: readJsonFile(file, QuotaStateSchema, { hint, label: 'quota state' }), found: true };
}

/** Through a temp file and a rename (ledger/store): a kill leaves the old state or the new one, never half of one. */
export function writeQuotaState(file: string, state: QuotaState): void {
  try {
    writeJsonAtomically(file, state);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError('IO', `cannot keep the scripted quota state (${code ?? (error as Error).message})`, {
      where: file,
      kind: 'quota-state-write',
      cause: error,
    });
  }
}

/** Units charged to the account so far, settled or not (0 for an account never charged). */
export function countUnits(state: QuotaState, account: string): number {
  const quota = Object.hasOwn(state.accounts, account) ? (state.accounts[account] as AccountQuota) : EMPTY;
  return quota.charges.reduce((sum, [, units]) => sum + units, quota.units);
}

/** The state after one charge; with `journal` false it is settled at once (nothing a resume could drop). */
export function addCharge(state: QuotaState, account: string, units: number, atMs: number, journal: boolean): QuotaState {
  const quota = Object.hasOwn(state.accounts, account) ? (state.accounts[account] as AccountQuota) : EMPTY;
  const next = journal
    ? { units: quota.units, charges: [...quota.charges, [atMs, units] as [number, number]] }
    : { units: quota.units + units, charges: quota.charges };
  return { ...state, accounts: { ...state.accounts, [account]: next } };
}

/**
 * A resumed run's state: each account's charges made at or before its cutoff are settled, the later ones dropped
 * (`-Infinity` drops every unsettled charge). Returns the same object when there was nothing to settle or drop.
 */
export function rewindCharges(state: QuotaState, cutoffOf: (account: string) => number): { state: QuotaState; dropped: number } {
  return cutCharges(state, cutoffOf, false);
}

/** Settles the charges of `accounts` (every account when null) made at or before `upToMs`: a resume keeps them. */
export function settleCharges(state: QuotaState, upToMs: number, accounts: readonly string[] | null): QuotaState {
  const only = accounts === null ? null : new Set(accounts);
  return cutCharges(state, (account) => (only === null || only.has(account) ? upToMs : Number.NEGATIVE_INFINITY), true).state;
}

/** Settles each account's charges up to its cutoff; the later ones are kept unsettled, or dropped. */
function cutCharges(state: QuotaState, cutoffOf: (account: string) => number, keepLater: boolean): { state: QuotaState; dropped: number } {
  let dropped = 0;
  let changed = false;
  const accounts: Record<string, AccountQuota> = {};
  for (const [account, quota] of Object.entries(state.accounts)) {
    const cutoff = cutoffOf(account);
    const kept = quota.charges.filter(([at]) => at <= cutoff);
    const later = quota.charges.filter(([at]) => at > cutoff);
    if (!keepLater) dropped += later.length;
    changed ||= kept.length > 0 || (!keepLater && later.length > 0);
    accounts[account] = { units: kept.reduce((sum, [, units]) => sum + units, quota.units), charges: keepLater ? later : [] };
  }
  return { state: changed ? { ...state, accounts } : state, dropped };
}

/**
 * Raises each listed account the state has never charged to the given units, settled: a file that lost an account
 * (deleted, or written before this version) must not put its bars below what the ledger recorded. An account the
 * state knows is left alone: the state is written before any answer shows its bars, so it is never behind a capture.
 */
export function liftUnits(state: QuotaState, floors: ReadonlyMap<string, number>): { state: QuotaState; lifted: string[] } {
  const lifted = [...floors].filter(([account, units]) => units > 0 && !Object.hasOwn(state.accounts, account));
  if (lifted.length === 0) return { state, lifted: [] };
  const accounts = { ...state.accounts };
  for (const [account, units] of lifted) accounts[account] = { units, charges: [] };
  return { state: { ...state, accounts }, lifted: lifted.map(([account]) => account) };
}
