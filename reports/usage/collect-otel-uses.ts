// The agents' own OpenTelemetry as dated uses: each provider's day from its request rows, or its token metrics alone (pure).
import type { PriceTable } from '../../budget/prices/index.js';
import type { UsageOtelRow } from '../../ledger/index.js';
import { createTokenUseGroups, type ProxyUseOptions } from './fold-proxy-uses.js';
import type { TokenUse } from './usage-inputs.js';
import { keyAccount } from './account-keys.js';

/**
 * The rows that count. Claude Code's `claude_code.token.usage` points add up the same requests as its `api_request`
 * events (docs/otel.md), so a provider's day with any request row counts those alone. A day with token metrics and no
 * request row (Claude Code with OTEL_METRICS_EXPORTER=otlp and no OTEL_LOGS_EXPORTER) counts the metrics: they are
 * the agent's own count of those requests, by model and session, just coarser in time (one point per kind and
 * export interval, 60 s by default). Days are keyed by `dayOf` (the report's zone).
 */
export function selectCountedOtelRows(rows: readonly UsageOtelRow[], dayOf: (iso: string) => string | null): UsageOtelRow[] {
  const withRequests = new Set<string>();
  for (const row of rows) if (!row.metric) withRequests.add(`${keyAccount(row.provider, row.account)}\u0000${dayOf(row.occurred_at)}`);
  if (withRequests.size === 0) return [...rows];
  return rows.filter((row) => !row.metric || !withRequests.has(`${keyAccount(row.provider, row.account)}\u0000${dayOf(row.occurred_at)}`));
}

/** The counted rows added up per provider, day and model (and session), priced at list prices as the proxy's are. */
export function collectOtelUses(
  rows: readonly UsageOtelRow[],
  prices: PriceTable,
  dayOf: (iso: string) => string | null,
  options: ProxyUseOptions = {},
): TokenUse[] {
  const groups = createTokenUseGroups('otel', prices, dayOf, options);
  for (const row of selectCountedOtelRows(rows, dayOf)) {
    const { provider, model, input, output, cache_read, cache_creation } = row;
    groups.add(
      {
        provider: keyAccount(provider, row.account),
        model,
        session: row.session_id,
        subagent: row.subagent_id ?? null,
        at: row.occurred_at,
      },
      { input, output, cache_read, cache_creation },
    );
  }
  return groups.finish();
}
