// Refuses a manual capture for a provider id this data dir has never seen, unless --new-provider says it is meant.
import { existsSync } from 'node:fs';
import { findLinesContaining, LEDGER_FILES, locateLedgerFile } from '../ledger/store/index.js';
import { AppError, findClosest } from '../kernel/index.js';
import { listKnownProviderIds, listProviders, PROVIDERS, type ProviderCatalog } from '../ledger/vocabulary/index.js';

/** The providers every data dir knows (their descriptors); `providers.json` in the data dir adds more (ids, or whole providers). */
const BUILT_IN = PROVIDERS.map((provider) => provider.id);

/**
 * A typo such as `--provider cladue` would silently start a second provider's ledger and split its windows
 * in two. Known: the built-in ids, those listed in `providers.json`, and any with a window or snapshot
 * already (searched as bytes, and only when the id is not built in, so the common case reads nothing). The
 * declarations (the catalog, their zod schemas, the price and plan tables) load only then: a capture of a built-in
 * provider does not load them at all.
 */
export async function checkKnownProvider(dataDir: string, provider: string, newProvider: boolean): Promise<void> {
  if (newProvider || BUILT_IN.includes(provider)) return;
  const { loadProviderCatalog } = await import('./load-provider-catalog.js');
  const known = listKnownProviderIds(loadProviderCatalog(dataDir));
  if (known.includes(provider)) return;
  if (isSeenInLedger(dataDir, provider, [LEDGER_FILES.windows, LEDGER_FILES.snapshots])) return;
  const close = findClosest(provider, known);
  throw new AppError(
    'BAD_USAGE',
    `provider ${JSON.stringify(provider)} is new to this data dir${close ? `; did you mean ${close}?` : ''} (it knows ${known.join(', ')}): pass --new-provider to start measuring a new one, or list it in providers.json`,
    { where: '--provider' },
  );
}

/** An account of a provider, as `tracker usage` keys it: `claude@acct-` and 10 hex digits (account-fingerprint.ts). */
const ACCOUNT_SUFFIX = /@acct-[0-9a-f]{10}$/;

/**
 * A read command's provider ids (`--provider`, the provider of a `--plan`): each one the catalog or the data dir's
 * providers.json declares, a profile of one, or one the ledger has rows of; an account `id@acct-…` when its provider
 * is. Anything else would answer nothing and exit 0: refused in one line, with the closest known id.
 */
export function checkReadProviders(catalog: ProviderCatalog, dataDir: string, ids: readonly string[], where: string): void {
  const declared = listProviders(catalog).flatMap((provider) => [provider.id, ...provider.profiles]);
  for (const id of ids) {
    const at = id.indexOf('@');
    const base = at < 0 ? id : id.slice(0, at);
    if (at >= 0 && !ACCOUNT_SUFFIX.test(id))
      throw new AppError('BAD_USAGE', `${JSON.stringify(id)} is not an account: an account is PROVIDER@acct- and 10 hex digits`, { where });
    if (declared.includes(base)) continue;
    if (isSeenInLedger(dataDir, base, READ_FILES)) continue;
    const close = findClosest(base, declared);
    throw new AppError(
      'BAD_USAGE',
      `no provider ${JSON.stringify(base)} in the catalog or this data dir${close ? ` (did you mean ${close}?)` : ''}: it knows ${declared.join(', ')}`,
      { where },
    );
  }
}

const READ_FILES = [LEDGER_FILES.windows, LEDGER_FILES.snapshots, LEDGER_FILES.otelUsage, LEDGER_FILES.proxyTelemetry];

/** Whether a row of these files names the provider (searched as bytes: the common case, a declared id, reads nothing). */
function isSeenInLedger(dataDir: string, provider: string, files: readonly string[]): boolean {
  const needles = [`"provider":${JSON.stringify(provider)}`, `"backend_provider":${JSON.stringify(provider)}`];
  for (const file of files) {
    const path = locateLedgerFile(dataDir, file as (typeof READ_FILES)[number]);
    if (!existsSync(path)) continue;
    for (const needle of needles) if (findLinesContaining(path, [needle]).length > 0) return true;
  }
  return false;
}
