// Headroom as tasks for the bars a command shows (`tracker watch` alerts): the last 4 weeks of the data dir, read on demand.
import { isAppError } from '../kernel/index.js';
import { mapRealAccounts } from '../reports/index.js';
import { collectAccountHistories, collectHeadroom, readTaskUses } from '../reports/plans/index.js';
import { resolveLoginPlans } from '../budget/logins/index.js';
import { readEverydayFlags, readEverydayLedger } from './everyday-flags.js';
import { loadProviderCatalog } from './load-provider-catalog.js';

const HISTORY_MS = 28 * 86_400_000;

/** A provider's headroom line now (its account's), or `n/a` with the reason. Never throws: an alert must still go out. */
export function readHeadroom(dataDir: string, now: Date): (provider: string) => string {
  try {
    const catalog = loadProviderCatalog(dataDir);
    // No provider check (an alert must go out), but the logins' plans the data dir keeps (Gemini's tier) are read.
    const flags = readEverydayFlags({ plan: [], confidence: '0.95' }, catalog);
    const settings = { ...flags, logins: resolveLoginPlans(flags.table, dataDir) };
    const ledger = readEverydayLedger(dataDir, { quiet: true });
    const accounts = mapRealAccounts(ledger.windows, []);
    const options = { ...settings, since_ms: now.getTime() - HISTORY_MS, until_ms: now.getTime(), accounts, catalog };
    const sources = collectAccountHistories(ledger, options);
    const lines = new Map(
      collectHeadroom(readTaskUses(ledger), sources, now.getTime()).map((headroom) => [headroom.provider, headroom.line]),
    );
    return (provider) =>
      lines.get(sources.account(provider)) ?? `${provider}: headroom n/a (no use recorded in the last 4 weeks to count tasks in)`;
  } catch (error) {
    const why = isAppError(error) ? error.message : 'the ledger could not be read for it';
    return (provider) => `${provider}: headroom n/a (${why})`;
  }
}
