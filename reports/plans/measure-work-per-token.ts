// The experiment's correct work per token of each account: its scored arms' quality over their tokens, with an interval (pure).
import type { ReportWindow } from '../../ledger/index.js';
import type { PriceTable } from '../../budget/prices/index.js';
import { computeNormalUpperQuantile } from '../stats/normal-tail.js';
import { summarizeWindowUsage } from '../metrics/summarize-window-usage.js';
import type { UsageTelemetry } from '../usage/usage-inputs.js';
import type { Spread } from './price-plan-outcome.js';

/** Fewer scored arms than this give no interval worth a decision. */
const MIN_ARMS = 3;

export type ExperimentWindow = Pick<ReportWindow, 'provider' | 'window_id' | 'quality' | 'capacity' | 'plan_id'>;

export interface WorkPerToken extends Spread {
  /** Scored arms (an experiment's windows: infrastructure failures have none) and their tokens. */
  arms: number;
  tokens: number;
}

/**
 * Correct work per million tokens of each account whose experiment arms counted their tokens (the proxy's rows of the
 * arm's window, else the window's own token count): the ratio of sums
 * (quality over tokens, failures' tokens included), its interval (95% by default) by the delta method over arms (the ratio
 * estimator's linearisation, Cochran, Sampling Techniques, 3rd ed., 6.3). Fewer than 3 arms: no entry.
 */
export function measureWorkPerToken(
  windows: readonly ExperimentWindow[],
  telemetry: readonly UsageTelemetry[],
  prices: PriceTable,
  account: (provider: string) => string,
  confidence = 0.95,
): Map<string, WorkPerToken> {
  const z = computeNormalUpperQuantile((1 - confidence) / 2);
  const counted = summarizeWindowUsage(telemetry, prices);
  const arms = new Map<string, { quality: number; tokens: number }[]>();
  for (const window of windows) {
    const tokens = counted.get(window.window_id)?.tokens ?? window.capacity?.tokens?.delta ?? null;
    if (window.plan_id === undefined || tokens === null || !(tokens > 0)) continue;
    const key = account(window.provider);
    const list = arms.get(key) ?? [];
    list.push({ quality: window.quality, tokens: tokens / 1e6 });
    arms.set(key, list);
  }
  const result = new Map<string, WorkPerToken>();
  for (const [provider, list] of arms) {
    if (list.length < MIN_ARMS) continue;
    const quality = list.reduce((sum, arm) => sum + arm.quality, 0);
    const tokens = list.reduce((sum, arm) => sum + arm.tokens, 0);
    const ratio = quality / tokens;
    const n = list.length;
    const residuals = list.map((arm) => arm.quality - ratio * arm.tokens);
    const variance = residuals.reduce((sum, r) => sum + r * r, 0) / (n - 1);
    const se = Math.sqrt(variance / n) / (tokens / n);
    result.set(provider, { estimate: ratio, low: Math.max(0, ratio - z * se), high: ratio + z * se, arms: n, tokens: tokens * 1e6 });
  }
  return result;
}
