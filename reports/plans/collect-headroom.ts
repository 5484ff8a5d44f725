// Each account's headroom now: its bars' last readings in their current period, their calibration, its recent tasks (pure).
import { BAR_KINDS, isPricedBar, type PricedBar } from '../../ledger/schemas/index.js';
import type { BarSeries } from '../bars/bar-types.js';
import { collectTasks, type TaskUse } from './collect-tasks.js';
import { estimateHeadroom, type Headroom, type HeadroomBasis, type HeadroomInput, HISTORY_TASKS, type Spread } from '../headroom/index.js';
import type { AccountHistory } from './price-plan-outcome.js';
import { findAccount } from '../usage/account-keys.js';

export interface HeadroomSources {
  histories: readonly AccountHistory[];
  series: readonly BarSeries[];
  account: (provider: string) => string;
  confidence?: number;
  /** The provider and account keys of the bars' rows (listBarKeys): a login its status line named, beside its uses'. */
  bar_keys?: readonly string[];
}

/** One headroom per account with use, at `now_ms` (the end of the span). */
export function collectHeadroom(uses: readonly TaskUse[], sources: HeadroomSources, nowMs: number): Headroom[] {
  const tasks = collectTasks(uses, sources.account, nowMs);
  return sources.histories.map((history) => {
    const rates = collectRates(history);
    const bars: HeadroomInput['bars'] = {};
    for (const one of sources.series) {
      if (sources.account(one.provider) !== history.provider || !isPricedBar(one.bar)) continue;
      const last = one.points.filter((point) => Date.parse(point.at) <= nowMs).at(-1);
      // A reading whose period has ended (or, without a reset, older than one period) says nothing of the bar now.
      const ended =
        last &&
        (last.resets_at === null ? nowMs - Date.parse(last.at) > BAR_KINDS[one.bar].minutes * 60_000 : Date.parse(last.resets_at) <= nowMs);
      if (!last || ended) continue;
      bars[one.bar] = { used_pct: last.used_pct, resets_at: last.resets_at, tokens_per_pct: rates[one.bar] ?? null };
    }
    const own = tasks.get(history.provider) ?? { unit: 'request' as const, tokens: [], at: [] };
    return estimateHeadroom({
      provider: history.provider,
      bars,
      tasks: own.tokens,
      unit: own.unit,
      confidence: sources.confidence ?? 0.95,
    });
  });
}

/** What each account's headroom rests on, kept for a reader without the ledger (the status line): its bars' rates, its last tasks. */
export function collectHeadroomBases(uses: readonly TaskUse[], sources: HeadroomSources, nowMs: number): HeadroomBasis[] {
  const tasks = collectTasks(uses, sources.account, nowMs);
  const keys = [...(sources.bar_keys ?? []), ...new Set(uses.map((use) => use.provider))];
  return sources.histories.map((history) => {
    const own = tasks.get(history.provider) ?? { unit: 'request' as const, tokens: [], at: [] };
    const rates: HeadroomBasis['rates'] = {};
    const known = collectRates(history);
    for (const bar of Object.keys(known) as PricedBar[]) {
      const rate = known[bar];
      if (rate) rates[bar] = rate;
    }
    return {
      provider: history.provider,
      account: findAccount(history.provider) ?? findOnlyAccount(keys, sources.account, history.provider),
      unit: own.unit,
      tasks: own.tokens.slice(-HISTORY_TASKS),
      rates,
      confidence: sources.confidence ?? 0.95,
      reckoned_at: new Date(nowMs).toISOString(),
    };
  });
}

/**
 * The login a plain label (`claude`: the provider's rows named one login or none) is of: the one its rows name, so a
 * status line signed in to another login does not take it for its own; null where no row names one.
 */
function findOnlyAccount(keys: readonly string[], account: (provider: string) => string, label: string): string | null {
  for (const key of keys) {
    const named = findAccount(key);
    if (named !== null && account(key) === label) return named;
  }
  return null;
}

/** The account's calibrated rates: a bar sized through another comes so from the calibration (borrowBarRates), as every surface reads it. */
function collectRates(history: AccountHistory): Partial<Record<PricedBar, Spread | null>> {
  const rates: Partial<Record<PricedBar, Spread | null>> = {};
  for (const bar of Object.keys(history.bars) as PricedBar[]) rates[bar] = history.bars[bar]?.tokens_per_pct ?? null;
  return rates;
}
