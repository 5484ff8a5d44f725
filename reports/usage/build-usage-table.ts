// Daily, weekly or monthly tokens and dollars per provider and model, as ccusage shows them, each token counted once: pure.
import { createEmptyCounts, type TokenUse } from './collect-token-uses.js';
import { nameBackendProvider } from '../name-backend-provider.js';
import { toPeriod, type UsagePeriod } from './period-keys.js';
import { collectCountedUses, isCounted, SOURCE_ORDER } from './usage-sources.js';
import { createAccountLabeler, keyAccount } from './account-keys.js';
import type { UsageInputs, UsageRow } from './usage-inputs.js';
import { AppError } from '../../kernel/index.js';

/**
 * Each provider's day is counted from one source only (usage-sources.ts); a week or month adds up its days. A provider
 * whose uses name two accounts or more shows each as `provider@acct-…` (createAccountLabeler).
 */
export function buildUsageTable(input: UsageInputs, by: UsagePeriod, timeZone: string): UsageRow[] {
  const { uses, winners } = collectCountedUses(input, timeZone);
  const label = createAccountLabeler(uses.map((use) => use.provider));
  const rows = new Map<string, UsageRow & { sources: Set<string> }>();
  for (const use of uses) {
    if (!isCounted(winners, use)) continue;
    const period = toPeriod(use.day, by);
    if (period === null) continue;
    const provider = label(use.provider);
    const key = `${period}\u0000${provider}\u0000${use.model ?? ''}`;
    let row = rows.get(key);
    if (!row) {
      row = { period, provider, model: use.model, ...createEmptyCounts(), source: '', sources: new Set() };
      rows.set(key, row);
    }
    addUse(row, use);
  }
  return [...rows.values()]
    .map(({ sources, ...row }) => ({ ...row, source: SOURCE_ORDER.filter((source) => sources.has(source)).join('+') }))
    .sort(compareRows);
}

/** Adds a use's tokens and dollars to a row; one unpriced use makes the row's dollars unknown. */
export function addUse(row: Omit<UsageRow, 'period' | 'model' | 'source'> & { sources: Set<string> }, use: TokenUse): void {
  row.input += use.input;
  row.output += use.output;
  row.cache_read += use.cache_read;
  row.cache_creation += use.cache_creation;
  row.total += use.total;
  row.sources.add(use.source);
  // One unpriced use makes the sum unknown: a partial sum would read as the whole cost.
  if (use.usd === null) {
    if (row.usd !== null) row.usd_reason = use.usd_reason;
    row.usd = null;
  } else if (row.usd !== null) row.usd += use.usd;
}

function compareRows(a: UsageRow, b: UsageRow): number {
  if (a.period !== b.period) return a.period < b.period ? -1 : 1;
  if (a.provider !== b.provider) return a.provider < b.provider ? -1 : 1;
  if (a.model === b.model) return 0;
  if (a.model === null) return 1;
  if (b.model === null) return -1;
  return a.model < b.model ? -1 : 1;
}

/**
 * Only these providers' rows (the proxy's back ends named as in the table: anthropic is claude, openai codex); an id
 * `provider@acct-…` keeps that account's rows only.
 */
export function narrowUsageInputs(input: UsageInputs, providers: readonly string[]): UsageInputs {
  if (providers.length === 0) return input;
  // Folded rows cannot be narrowed: a window's usage added up over every back end would count the sub-agent requests
  // routed to another provider's subscription, which the narrowed rows leave out.
  if (input.folded)
    throw new AppError(
      'BAD_USAGE',
      'usage inputs whose proxy rows were folded cannot be narrowed to providers: narrow the rows, then fold',
    );
  const wanted = new Set(providers);
  const keep = (provider: string, account?: string | null): boolean => wanted.has(provider) || wanted.has(keyAccount(provider, account));
  return {
    ...input,
    telemetry: input.telemetry.filter((row) => keep(nameBackendProvider(row.backend_provider), row.account)),
    readings: input.readings.filter((row) => keep(row.provider, row.account)),
    otel: input.otel?.filter((row) => keep(row.provider, row.account)),
    windows: input.windows.filter((window) => wanted.has(window.provider)),
  };
}
