// A `--plan claude@acct-…` naming an account no row of the data dir names would price nothing: refused, naming those it has.
import type { BarInputs, UsageOtelRow } from '../ledger/index.js';
import { AppError, findClosest } from '../kernel/index.js';
import { findBaseProvider, keyAccount, nameBackendProvider } from '../reports/index.js';

/** The rows of readEverydayLedger that can name an account. */
export interface AccountRows {
  bars: BarInputs;
  telemetry: readonly { backend_provider: string; account?: string | null | undefined }[];
  otel: readonly Pick<UsageOtelRow, 'provider' | 'account'>[];
  readings: readonly { provider: string; account?: string | undefined }[];
}

/** Every `provider@acct-…` key some row names (as `tracker usage` keys them), sorted. */
export function listLedgerAccounts(rows: AccountRows): string[] {
  const keys = new Set<string>();
  for (const list of [rows.bars.snapshots, rows.bars.readings, rows.otel, rows.readings])
    for (const row of list) if (row.account) keys.add(keyAccount(row.provider, row.account));
  for (const list of [rows.bars.telemetry, rows.telemetry])
    for (const row of list) if (row.account) keys.add(keyAccount(nameBackendProvider(row.backend_provider), row.account));
  return [...keys].sort();
}

/**
 * Each `--plan` key with an account (`claude@acct-0123456789`) checked against the accounts the rows name, a provider
 * taken as the subscription it spends (`accounts`: a run's `codex-chatgpt` arms spend your `codex`). An account of a
 * provider the data dir names other accounts of is refused, with the closest; one of a provider it names none of
 * (nothing recorded yet) is let through with the note returned, for stderr. A plain `--plan claude=…` that gives its
 * plan to two logins or more (none named on its own) is noted too: a Max login and a Pro one priced alike otherwise.
 */
export function checkPlanAccounts(
  planned: Iterable<string>,
  rows: AccountRows,
  accounts: ReadonlyMap<string, string> = new Map(),
): string[] {
  const keys = [...planned];
  const named = keys.filter((key) => key.includes('@'));
  const known = listLedgerAccounts(rows);
  const subscription = (key: string): string => {
    const base = findBaseProvider(key);
    return `${accounts.get(base) ?? base}${key.slice(base.length)}`;
  };
  const held = new Set(known.map(subscription));
  const notes = keys.filter((key) => !key.includes('@')).flatMap((key) => noteSharedPlan(key, known, named, subscription));
  for (const key of named) {
    if (held.has(subscription(key))) continue;
    const base = findBaseProvider(subscription(key));
    const own = known.filter((other) => findBaseProvider(subscription(other)) === base);
    if (own.length === 0) {
      notes.push(
        `no row of this data dir names the account ${key} yet (it names ${known.length > 0 ? known.join(', ') : 'no account'}): its plan prices nothing until one does`,
      );
      continue;
    }
    const close = findClosest(key, own);
    throw new AppError(
      'BAD_USAGE',
      `no row of this data dir names the account ${key}${close ? ` (did you mean ${close}?)` : ''}: its accounts of ${base} are ${own.join(', ')}`,
      { where: '--plan' },
    );
  }
  return notes;
}

/** A plain provider's `--plan` that covers two accounts or more the rows name, none with a `--plan` of its own. */
function noteSharedPlan(key: string, known: readonly string[], named: readonly string[], subscription: (key: string) => string): string[] {
  const own = new Set(named.map(subscription));
  const covered = known.filter((other) => findBaseProvider(subscription(other)) === subscription(key) && !own.has(subscription(other)));
  if (covered.length < 2) return [];
  return [
    `--plan ${key}=… is the plan of each of ${covered.join(', ')} (no --plan of their own): if those logins hold different plans, give each its own, --plan ${key}@acct-…=<plan>`,
  ];
}
