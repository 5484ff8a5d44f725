// Tokens and cost of each window from proxy telemetry, joined by window_id: pure.
import { computeUsageCost, type PriceTable } from '../../budget/prices/index.js';
import type { TelemetryRow } from '../../ledger/index.js';
import { readRowTokens } from '../../ledger/vocabulary/index.js';
import { isErrorSample } from '../preview/summarize-proxy-telemetry.js';
import { nameBackendProvider } from '../name-backend-provider.js';
import { AppError } from '../../kernel/index.js';

/** The proxy's count of one window's requests. */
export interface WindowUsage {
  requests: number;
  tokens: number;
  /** null when any request with token counts could not be priced (its model has no price). */
  cost_usd: number | null;
  unpriced_requests: number;
  errors: number;
  /** Tokens per back end the proxy sent the requests to (`backend_provider`), so routed sub-agent work can be told apart. */
  tokens_by_backend: Record<string, number>;
  /** List-price cost per back end, the same way (the priced requests only). */
  cost_by_backend: Record<string, number>;
}

export type TelemetryUsageRow = Pick<
  TelemetryRow,
  'window_id' | 'model' | 'prompt_tokens' | 'completion_tokens' | 'status' | 'error_type'
> &
  Partial<Pick<TelemetryRow, 'cache_read_tokens' | 'cache_creation_tokens' | 'path' | 'backend_provider'>>;

/** One entry per window_id seen in the telemetry (rows without a window are left out). */
export function summarizeWindowUsage(rows: Iterable<TelemetryUsageRow>, prices: PriceTable): Map<string, WindowUsage> {
  const fold = createWindowUsageFold(prices);
  for (const row of rows) fold.add(row);
  return fold.finish();
}

/** summarizeWindowUsage one row at a time, for a reader that folds rows as it reads them rather than holding them. */
export interface WindowUsageFold {
  add(row: TelemetryUsageRow): void;
  /** Forgets every row added (a reader reading the rows again). */
  restart(): void;
  /** Hands the fold's own map over (nothing is copied): the same map again if called again; no row may follow. */
  finish(): Map<string, WindowUsage>;
}

export function createWindowUsageFold(prices: PriceTable): WindowUsageFold {
  // cost_usd adds up the priced requests and turns null at the end when any was unpriced: finishing copies nothing
  // (a copy of 100,000 entries was 25 MB more at the viewer reader's peak, bench: viewer).
  let usage = new Map<string, WindowUsage & { cost_usd: number }>();
  let finished: Map<string, WindowUsage> | null = null;
  return {
    add(row) {
      // A row after finish would add its cost to a null (an unpriced window's) and make it a number again.
      if (finished) throw new AppError('RULE_VIOLATION', 'a window usage fold takes no row once finished');
      if (!row.window_id) return;
      let entry = usage.get(row.window_id);
      if (!entry)
        usage.set(
          row.window_id,
          (entry = { requests: 0, tokens: 0, cost_usd: 0, unpriced_requests: 0, errors: 0, tokens_by_backend: {}, cost_by_backend: {} }),
        );
      const { total, ...tokens } = readRowTokens(row);
      entry.requests += 1;
      entry.tokens += total;
      const backend = row.backend_provider ?? '';
      entry.tokens_by_backend[backend] = (entry.tokens_by_backend[backend] ?? 0) + total;
      if (isErrorSample(row)) entry.errors += 1;
      if (row.prompt_tokens === null && row.completion_tokens === null) return;
      const cost = computeUsageCost(prices, nameBackendProvider(backend), row.model, tokens);
      if (cost.usd === null) entry.unpriced_requests += 1;
      else {
        entry.cost_usd += cost.usd;
        entry.cost_by_backend[backend] = (entry.cost_by_backend[backend] ?? 0) + cost.usd;
      }
    },
    restart() {
      usage = new Map();
      finished = null;
    },
    finish() {
      if (finished) return finished;
      finished = usage;
      for (const entry of finished.values()) if (entry.unpriced_requests > 0) entry.cost_usd = null;
      return finished;
    },
  };
}
