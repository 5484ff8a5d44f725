// Invariant 6: bar-based and token-based capacity of a window compared through the provider's usual tokens per 1%.
import type { Capacity } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { foldRows, type FoldableRow } from '../store/fold-rows.js';
import { scanLedger } from '../store/scan-ledger.js';

/** More than 10% apart counts as divergent (seed 001, section 1.6). */
export const DIVERGENCE_LIMIT = 0.1;
/** Earlier windows needed before a typical rate is trusted. */
export const MIN_EARLIER_WINDOWS = 2;

export interface Divergence {
  /** Median tokens per 1% of the 5h window over earlier windows of the provider. */
  tokensPerPercent: number;
  /** What the bars say the window used, in tokens. */
  expectedTokens: number;
  /** What the token counts say. */
  countedTokens: number;
  /** |counted - expected| / expected. */
  gap: number;
  divergent: boolean;
}

/** Null when the window lacks either side, or the provider has too little history to say what is usual. */
export function checkDivergence(capacity: Capacity | null, earlierRates: number[]): Divergence | null {
  const tokens = capacity?.tokens?.delta;
  const percent = capacity?.unit === 'pct_5h' ? capacity.delta : null;
  if (tokens === null || tokens === undefined || percent === null || percent === undefined || percent <= 0) return null;
  if (earlierRates.length < MIN_EARLIER_WINDOWS) return null;
  const tokensPerPercent = median(earlierRates);
  const expectedTokens = percent * tokensPerPercent;
  const gap = expectedTokens === 0 ? Number.POSITIVE_INFINITY : Math.abs(tokens - expectedTokens) / expectedTokens;
  return { tokensPerPercent, expectedTokens, countedTokens: tokens, gap, divergent: gap > DIVERGENCE_LIMIT };
}

/** Tokens per 1% of the 5h window of the provider's completed windows (all agents), except the one named. */
export function learnTokensPerPercent(dataDir: string, provider: string, except: { agentId: string; windowId: string }): number[] {
  const rows: (FoldableRow & Record<string, unknown>)[] = [];
  scanLedger(dataDir, LEDGER_FILES.windows, (row) => rows.push(row as FoldableRow & Record<string, unknown>), {
    needles: [JSON.stringify(provider)],
  });
  const rates: number[] = [];
  for (const row of foldRows(rows)) {
    if (row.kind !== 'window' || row.provider !== provider) continue;
    if (row.agent_id === except.agentId && row.window_id === except.windowId) continue;
    const capacity = row.capacity as Capacity | null | undefined;
    const tokens = capacity?.tokens?.delta;
    if (capacity?.unit === 'pct_5h' && capacity.delta && capacity.delta > 0 && tokens && tokens > 0) rates.push(tokens / capacity.delta);
  }
  return rates;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
