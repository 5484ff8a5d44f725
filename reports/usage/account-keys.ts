// Several accounts of one provider kept apart: rows keyed `provider@acct-…`, shown so only where a provider has two or more (pure).

/** The key a row is gathered under: its provider, and its account when the source told it. */
export function keyAccount(provider: string, account: string | null | undefined): string {
  return account ? `${provider}@${account}` : provider;
}

/** The provider of a key or label (`claude@acct-…` -> `claude`): what plan tables and flags name. */
export function findBaseProvider(key: string): string {
  const at = key.indexOf('@');
  return at === -1 ? key : key.slice(0, at);
}

/** The account of a key (`claude@acct-…` -> `acct-…`); null for a plain provider. */
export function findAccount(key: string): string | null {
  const at = key.indexOf('@');
  return at === -1 ? null : key.slice(at + 1);
}

/**
 * The name each key is shown and calibrated under. A provider whose rows name one account (or none) keeps its plain
 * name, its rows without an account joined to it: the everyday case, one login. A provider whose rows name two
 * accounts or more shows each as `provider@acct-…`, side by side; its rows that name none (a status line, an
 * ingest) stay under the plain name, never given to either. `account` maps a provider to the subscription it spends
 * (a run's `codex-chatgpt` arms spend your `codex`), before the account is put back.
 */
export function createAccountLabeler(keys: Iterable<string>, account: (provider: string) => string = (id) => id): (key: string) => string {
  const accounts = countAccounts(keys, account);
  return (key) => {
    const at = key.indexOf('@');
    const base = account(at === -1 ? key : key.slice(0, at));
    return at !== -1 && (accounts.get(base)?.size ?? 0) > 1 ? `${base}@${key.slice(at + 1)}` : base;
  };
}

/** The providers (as `account` names them) whose keys name two accounts or more: their rows that name none are neither's. */
export function listSplitProviders(keys: Iterable<string>, account: (provider: string) => string = (id) => id): Set<string> {
  return new Set([...countAccounts(keys, account)].flatMap(([base, held]) => (held.size > 1 ? [base] : [])));
}

function countAccounts(keys: Iterable<string>, account: (provider: string) => string): Map<string, Set<string>> {
  const accounts = new Map<string, Set<string>>();
  for (const key of keys) {
    const at = key.indexOf('@');
    if (at === -1) continue;
    const base = account(key.slice(0, at));
    const held = accounts.get(base) ?? new Set<string>();
    accounts.set(base, held.add(key.slice(at + 1)));
  }
  return accounts;
}

/** A login's readable name (the e-mail it signed in with) and where it was read, by account (`acct-…`). */
export type AccountNames = ReadonlyMap<string, { name: string; from: string }>;

/**
 * The line that names the accounts shown apart (`claude@acct-…`) a report lists: `Logins: claude@acct-… is
 * you@example.com (~/.claude); …`, those with a known name; null when none has one. Labels stay the keys flags take.
 */
export function describeAccountNames(labels: Iterable<string>, names: AccountNames | undefined): string | null {
  if (!names || names.size === 0) return null;
  const named = [...new Set(labels)].flatMap((label) => {
    const account = findAccount(label);
    const known = account === null ? undefined : names.get(account);
    return known ? [`${label} is ${known.name} (${known.from})`] : [];
  });
  return named.length === 0 ? null : `Logins: ${named.join('; ')}`;
}
