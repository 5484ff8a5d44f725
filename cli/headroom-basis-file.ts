// The headroom's basis kept in the agent's state (written by `tracker plans`, read by `tracker statusline`): the status
// line reckons tasks left on the bars it is handed without reading the ledger on every prompt.
import { join } from 'node:path';
import { readStateJson, resolveAgentStateDir, writeJsonAtomically } from '../ledger/store/index.js';
import type { HeadroomBasis } from '../reports/headroom/index.js';

const FILE = 'headroom.json';
/** Older than this, a basis is not shown: the calibration and the recent tasks it holds may have moved. */
const MAX_AGE_MS = 7 * 86_400_000;
/** A basis from later than now is no basis (a clock a minute off is forgiven): it would be shown for ever. */
const MAX_AHEAD_MS = 60_000;
/**
 * Tokens of one task, or per 1% of a bar, past any real one (the largest sessions run to hundreds of millions with
 * cache reads): with every figure between its bounds, tasks left = (100 - used) x rate / mean task stays finite.
 */
const MAX_TOKENS = 1e12;

export function writeHeadroomBases(dataDir: string, agentId: string, bases: readonly HeadroomBasis[]): void {
  writeJsonAtomically(join(resolveAgentStateDir(dataDir, agentId), FILE), { bases });
}

/** The status line's login: its provider, and the account its config dir's `.claude.json` names (null: none named). */
export interface BasisLogin {
  provider: string;
  account: string | null;
}

/**
 * The basis of the login a status line runs for, if a recent one is kept and well-formed; else null (never throws,
 * never blocks). Its own login's first (a month of two logins keeps `claude@acct-…` apart: read by provider alone, login
 * B's line showed none, or A's); else the provider's only basis, when that names no other login (one login as far as
 * `tracker plans` could tell) or the line cannot tell its own. A file written before bases named their login has the
 * account in the label where two were told apart, and none on a plain one: that is read as naming none.
 */
export function readHeadroomBasis(dataDir: string, agentId: string, login: BasisLogin, nowMs: number): HeadroomBasis | null {
  const value = readStateJson(join(resolveAgentStateDir(dataDir, agentId), FILE)) as { bases?: unknown } | undefined;
  const bases: unknown[] = typeof value === 'object' && value !== null && Array.isArray(value.bases) ? value.bases : [];
  const kept = bases.filter((one): one is HeadroomBasis => isBasis(one) && splitLabel(one.provider).provider === login.provider);
  const own = login.account === null ? undefined : kept.find((basis) => findBasisAccount(basis) === login.account);
  const only = kept.length === 1 ? kept[0] : undefined;
  const basis = own ?? (only && (login.account === null || findBasisAccount(only) === null) ? only : undefined);
  if (!basis) return null;
  const age = nowMs - Date.parse(basis.reckoned_at);
  return age >= -MAX_AHEAD_MS && age <= MAX_AGE_MS ? basis : null;
}

function findBasisAccount(basis: HeadroomBasis): string | null {
  return basis.account ?? splitLabel(basis.provider).account;
}

/** `claude@acct-…` -> claude and acct-…; `claude` -> claude and null (reports' account keys, read here without their door). */
function splitLabel(label: string): BasisLogin {
  const at = label.indexOf('@');
  return at === -1 ? { provider: label, account: null } : { provider: label.slice(0, at), account: label.slice(at + 1) };
}

/**
 * A kept basis, checked field by field and each figure within its range (the status line loads no schema library: it
 * runs on every prompt). A forged file had it print `~-7.3 sessions` (a negative rate) and `~Infinity sessions`.
 */
function isBasis(value: unknown): value is HeadroomBasis {
  if (typeof value !== 'object' || value === null) return false;
  const one = value as Record<string, unknown>;
  const tokens = (x: unknown) => typeof x === 'number' && x >= 0 && x <= MAX_TOKENS;
  // A task of a fraction of a token would make the mean task tiny and the tasks left without end.
  const task = (x: unknown) => x === 0 || (tokens(x) && (x as number) >= 1);
  const end = (x: unknown) => x === null || x === undefined || tokens(x);
  const spread = (x: unknown) => {
    if (typeof x !== 'object' || x === null) return false;
    const { estimate, low, high } = x as Record<string, unknown>;
    return tokens(estimate) && (estimate as number) > 0 && end(low) && end(high);
  };
  return (
    typeof one.provider === 'string' &&
    (one.account === undefined || one.account === null || typeof one.account === 'string') &&
    (one.unit === 'session' || one.unit === 'request') &&
    Array.isArray(one.tasks) &&
    one.tasks.every(task) &&
    typeof one.rates === 'object' &&
    one.rates !== null &&
    Object.values(one.rates).every(spread) &&
    typeof one.confidence === 'number' &&
    one.confidence > 0 &&
    one.confidence < 1 &&
    typeof one.reckoned_at === 'string' &&
    Number.isFinite(Date.parse(one.reckoned_at))
  );
}
