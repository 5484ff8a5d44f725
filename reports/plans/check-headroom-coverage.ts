// How often the headroom's interval held: at each reading of a period that reached its limit, the tasks predicted
// before the limit against the tasks done before it (pure).
import { isPricedBar } from '../../ledger/schemas/index.js';
import type { HeadroomSources } from './collect-headroom.js';
import { collectTasks, type TaskUse } from './collect-tasks.js';
import { estimateHeadroom } from '../headroom/index.js';

export interface HeadroomCoverage {
  /** Readings taken in a period before its bar reached 100%, with an interval to check. */
  readings: number;
  /** Those whose tasks done before the limit fell inside the predicted interval. */
  covered: number;
  share: number | null;
}

/** `sources.histories` give the bars' sizes (fitted before the readings checked), `sources.series` the readings to check. */
export function checkHeadroomCoverage(uses: readonly TaskUse[], sources: HeadroomSources): HeadroomCoverage {
  const all = collectTasks(uses, sources.account, Number.POSITIVE_INFINITY);
  let readings = 0;
  let covered = 0;
  for (const one of sources.series) {
    if (!isPricedBar(one.bar)) continue;
    const provider = sources.account(one.provider);
    const rate = sources.histories.find((history) => history.provider === provider)?.bars[one.bar]?.tokens_per_pct ?? null;
    const tasks = all.get(provider);
    if (rate === null || !tasks) continue;
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
  }
  return { readings, covered, share: readings === 0 ? null : covered / readings };
}
