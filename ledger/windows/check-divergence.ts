// Invariant 6: bar-based and token-based capacity of a window compared through the provider's usual tokens per 1%.
import type { Capacity } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { foldRows, type FoldableRow } from '../store/fold-rows.js';
import { scanLedger } from '../store/scan-ledger.js';

/** More than 10% apart, beyond what the readings' rounding explains, counts as divergent (seed 001, section 1.6). */
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
  /** The readings' resolution in percent (1 for whole-% screens): each end of the bar's delta is within it. */
  step: number;
  /** The tokens the bars allow, their rounding and the 10% margin included: counted tokens outside are divergent. */
  low: number;
  high: number;
  divergent: boolean;
}

/**
 * Null when the window lacks either side, or the provider has too little history to say what is usual. `counted` is
 * the window's token count when it comes from elsewhere than the captures' counters (ccusage's report of it).
 *
 * The band: a bar read in whole percents (Claude's /usage and status line, the quota endpoints) is floored or rounded
 * at each end, each end within one step of the truth, so a delta of P read from two screens is a true rise anywhere
 * in (P - 1, P + 1). At 4% that is 3% to 5%: at 1,000 tokens per 1%, 3,000 to 5,000 tokens are all honest counts,
 * and 4,900 (22.5% from 4,000) was flagged by a 10% rule on the point alone. So the counted tokens are divergent when
 * they fall outside [(P - step) x rate x 0.9, (P + step) x rate x 1.1]: [2,700, 5,500] for that window, where a count
 * 97% away (7,880, or 120) is well outside. Readings with decimals (the proxy's headers, 0.01) narrow it to the 10%.
 */
export function checkDivergence(capacity: Capacity | null, earlierRates: number[], counted: number | null = null): Divergence | null {
  const tokens = counted ?? capacity?.tokens?.delta;
  const percent = capacity?.unit === 'pct_5h' ? capacity.delta : null;
  if (tokens === null || tokens === undefined || percent === null || percent === undefined || percent <= 0) return null;
  if (earlierRates.length < MIN_EARLIER_WINDOWS) return null;
  const tokensPerPercent = median(earlierRates);
  const expectedTokens = percent * tokensPerPercent;
  const gap = expectedTokens === 0 ? Number.POSITIVE_INFINITY : Math.abs(tokens - expectedTokens) / expectedTokens;
  const step = findReadingStep(capacity?.before ?? null, capacity?.after ?? null);
  const low = Math.max(0, percent - step) * tokensPerPercent * (1 - DIVERGENCE_LIMIT);
  const high = (percent + step) * tokensPerPercent * (1 + DIVERGENCE_LIMIT);
  return { tokensPerPercent, expectedTokens, countedTokens: tokens, gap, step, low, high, divergent: tokens < low || tokens > high };
}

/**
 * The resolution of the two readings a delta came from: 10^-d with d the most decimals either shows (at most 2, as
 * the finest source, the proxy's headers, reads 0.01). Two whole numbers are taken as whole-% screens, step 1: a
 * finer source that happened to read whole numbers widens the band, never flags rounding.
 */
export function findReadingStep(before: number | null, after: number | null): number {
  const decimals = [before, after].map((value) => {
    if (value === null || Number.isInteger(value)) return 0;
    const text = String(value);
    return Math.min(2, text.length - text.indexOf('.') - 1);
  });
  return 10 ** -Math.max(...decimals);
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
