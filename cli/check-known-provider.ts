// Refuses a manual capture for a provider id this data dir has never seen, unless --new-provider says it is meant.
import { existsSync } from 'node:fs';
import { findLinesContaining, LEDGER_FILES, locateLedgerFile } from '../ledger/store/index.js';
import { AppError, findClosest } from '../kernel/index.js';
import { listKnownProviderIds, PROVIDERS } from '../ledger/vocabulary/index.js';

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
  const needle = `"provider":${JSON.stringify(provider)}`;
  for (const file of [LEDGER_FILES.windows, LEDGER_FILES.snapshots]) {
    const path = locateLedgerFile(dataDir, file);
    if (existsSync(path) && findLinesContaining(path, [needle]).length > 0) return;
  }
  const close = findClosest(provider, known);
  throw new AppError(
    'BAD_USAGE',
    `provider ${JSON.stringify(provider)} is new to this data dir${close ? `; did you mean ${close}?` : ''} (it knows ${known.join(', ')}): pass --new-provider to start measuring a new one, or list it in providers.json`,
    { where: '--provider' },
  );
}
