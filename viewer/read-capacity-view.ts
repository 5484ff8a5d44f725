// The Bars, Usage and Limit changes pages' data: each subscription's bar series, the usage tables and tokens per 1% (contracts 2 and 3).
import { readBarInputs, readUsageInputs } from '../ledger/index.js';
import type { ViewLedger } from './read-view-ledger.js';
import {
  type BarSeries,
  buildLimitChanges,
  buildUsageTable,
  collectBarSeries,
  trimBarHistory,
  type LimitChanges,
  type UsageRow,
} from '../reports/index.js';

export interface CapacityView {
  bars: BarSeries[];
  usage: { day: UsageRow[]; week: UsageRow[] };
  limits: { day: LimitChanges; week: LimitChanges };
  /** The time zone the days and weeks are cut in (the server's). */
  time_zone: string;
  problems: string[];
}

/** The time zone the viewer cuts days and weeks in: the machine's. */
export function findViewTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** `read`: the windows and folded proxy rows the reader already holds (in this zone), not read again. */
export function readCapacityView(dataDir: string, read?: ViewLedger): CapacityView {
  // The last 8 days of each bar: its current period whole (what the projection reads) and the day before it.
  const bars = trimBarHistory(collectBarSeries(readBarInputs(dataDir)), Date.now());
  const timeZone = read?.folded.timeZone ?? findViewTimeZone();
  const usage = { ...readUsageInputs(dataDir, read?.ledger), folded: read?.folded };
  return {
    bars,
    usage: { day: buildUsageTable(usage, 'day', timeZone), week: buildUsageTable(usage, 'week', timeZone) },
    limits: { day: buildLimitChanges(usage, 'day', timeZone), week: buildLimitChanges(usage, 'week', timeZone) },
    time_zone: timeZone,
    problems: usage.problems,
  };
}
