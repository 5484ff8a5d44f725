// How often the headroom's interval held: at each reading of a period that reached its limit, the tasks predicted
// before the limit against the tasks done before it (pure).
import { isPricedBar, type PricedBar } from '../../ledger/schemas/index.js';
import type { HeadroomSources } from './collect-headroom.js';
import { collectTasks, type TaskUse } from './collect-tasks.js';
import { estimateHeadroom } from '../headroom/index.js';

export interface HeadroomCoverage {
  /** Readings taken in a period before its bar reached 100%, with an interval to check. */
  readings: number;
  /** Those whose tasks done before the limit fell inside the predicted interval. */
  covered: number;
  share: number | null;
  /** The same, each account's bar apart (a bar with no reading to check is not listed). */
  bars: BarCoverage[];
}

export interface BarCoverage {
  provider: string;
  bar: PricedBar;
  readings: number;
  covered: number;
  share: number;
}

/** `sources.histories` give the bars' sizes (fitted before the readings checked), `sources.series` the readings to check. */
export function checkHeadroomCoverage(uses: readonly TaskUse[], sources: HeadroomSources): HeadroomCoverage {
  const all = collectTasks(uses, sources.account, Number.POSITIVE_INFINITY);
  const bars: BarCoverage[] = [];
  for (const one of sources.series) {
    if (!isPricedBar(one.bar)) continue;
    const provider = sources.account(one.provider);
    const rate = sources.histories.find((history) => history.provider === provider)?.bars[one.bar]?.tokens_per_pct ?? null;
    const tasks = all.get(provider);
    if (rate === null || !tasks) continue;
    let [readings, covered] = [0, 0];
    for (const [index, limit] of one.points.entries()) {
      // The first reading at 100% of a period whose reset is known: periods without one cannot be told apart.
      const previous = one.points[index - 1];
      if (limit.used_pct < 100 || limit.resets_at === null) continue;
      if (previous && previous.used_pct >= 100 && previous.resets_at === limit.resets_at) continue;
      const limitAt = Date.parse(limit.at);
      for (const reading of one.points.slice(0, index)) {
        if (reading.resets_at !== limit.resets_at || reading.used_pct >= 100) continue;
        const at = Date.parse(reading.at);
        const before = tasks.tokens.filter((_, k) => (tasks.at[k] as number) <= at);
        const done = tasks.at.filter((taskAt) => taskAt > at && taskAt <= limitAt).length;
        const bars = { [one.bar]: { used_pct: reading.used_pct, resets_at: reading.resets_at, tokens_per_pct: rate } };
        const headroom = estimateHeadroom({ provider, bars, tasks: before, unit: tasks.unit, confidence: sources.confidence ?? 0.95 });
        const predicted = headroom.bars[0]?.tasks;
        // An interval with no upper bound holds anything: it is not counted as a check.
        if (!predicted || predicted.low === null || predicted.high === null) continue;
        readings += 1;
        if (done >= Math.floor(predicted.low) && done <= Math.ceil(predicted.high)) covered += 1;
      }
    }
    if (readings > 0) bars.push({ provider, bar: one.bar, readings, covered, share: covered / readings });
  }
  return addCoverage([], bars);
}

/** Coverages added up, each account's bar with its own (checks of several weeks, or series of one bar). */
export function addCoverage(...parts: readonly (readonly BarCoverage[])[]): HeadroomCoverage {
  const bars = new Map<string, BarCoverage>();
  for (const one of parts.flat()) {
    const key = `${one.provider}\u0000${one.bar}`;
    const sum = bars.get(key) ?? { provider: one.provider, bar: one.bar, readings: 0, covered: 0, share: 0 };
    [sum.readings, sum.covered] = [sum.readings + one.readings, sum.covered + one.covered];
    bars.set(key, { ...sum, share: sum.covered / sum.readings });
  }
  const all = [...bars.values()];
  const readings = all.reduce((sum, one) => sum + one.readings, 0);
  const covered = all.reduce((sum, one) => sum + one.covered, 0);
  return { readings, covered, share: readings === 0 ? null : covered / readings, bars: all };
}
