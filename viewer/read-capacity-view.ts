// The Bars, Usage and Limit changes pages' data: each subscription's bar series, the usage tables and tokens per 1% (contracts 2 and 3).
import { type ReportWindow, readUsageInputs, visitBarInputs, type WindowSubscription } from '../ledger/index.js';
import { finishEverydayUses, type ViewLedger } from './read-view-ledger.js';
import {
  type BarSeries,
  calibrateAccounts,
  type EverydayCalibration,
  buildLimitChanges,
  buildGroupTable,
  buildSessionTable,
  buildUsageTable,
  createAccountLabeler,
  createBarSeriesCollector,
  mapRealAccounts,
  trimBarHistory,
  type LimitChanges,
  type ProviderCalibration,
  selectPlanPrices,
  type GroupRow,
  type SessionRow,
  type UsageRow,
} from '../reports/index.js';
import type { Headroom } from '../reports/headroom/index.js';
import { type AccountHistory, collectHeadroom } from '../reports/plans/index.js';
import { isPricedBar } from '../ledger/schemas/index.js';
import { resolveLoginPlans } from '../budget/logins/index.js';
import { createPlanTable } from '../budget/plans/index.js';
import { createPriceTable } from '../budget/prices/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';
import type { FailoverDay } from './fold-failover-moves.js';

export interface CapacityView {
  bars: BarSeries[];
  /**
   * ccusage's four reports: by day, ISO week and month, and by agent session; and by project (`tracker usage --by`).
   * No sub-agent table: the reader folds the proxy's rows per day and session, not per sub-agent.
   */
  usage: { day: UsageRow[]; week: UsageRow[]; month: UsageRow[]; session: SessionRow[]; project: GroupRow[] };
  limits: { day: LimitChanges; week: LimitChanges };
  /** Each provider's everyday calibration over the bars kept (tracker calibrate's, on the Limit changes page). */
  calibration: EverydayCalibration[];
  /** Each account's tasks left before a bar binds, at the reading's time (the Bars page; docs/plans.md#headroom-as-tasks). */
  headroom: Headroom[];
  /** The time zone the days and weeks are cut in (the server's). */
  time_zone: string;
  problems: string[];
  /**
   * Accounts that only take other providers' routed sub-agent requests, each with those providers: `glm` ->
   * [`sim-claude+glm`]. Their bars and tokens show as a provider of their own, which a reader cannot place.
   */
  routed: Record<string, string[]>;
  /** The proxy's failover moves per day, newest first (the Bars page's table under the bars). */
  failovers: FailoverDay[];
}

/** The plans `experiment view --plan` was given, by provider or account (`claude@acct-…`), as `tracker plans` takes them. */
export type ViewPlans = ReadonlyMap<string, WindowSubscription>;

/** The time zone the viewer cuts days and weeks in: the machine's. */
export function findViewTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * The usage tables, limit changes and everyday calibration: from `read` when given (its windows can then be let go),
 * else read here (then with no calibration: it reads the requests the reading folded over the bars' span). The
 * calibration is `tracker calibrate`'s: a real run's providers under the account your readings name (mapRealAccounts).
 */
export function buildUsageViews(
  dataDir: string,
  catalog: ProviderCatalog,
  read?: ViewLedger,
  bars: readonly BarSeries[] = [],
  plans: ViewPlans = new Map(),
): Omit<CapacityView, 'bars'> & { prices: Map<string, ProviderCalibration> } {
  const timeZone = read?.folded.timeZone ?? findViewTimeZone();
  // The catalog's prices: the folded proxy rows were priced with them, and whatever else is read here is priced alike.
  const usage = { ...readUsageInputs(dataDir, read?.ledger, read?.otel), folded: read?.folded, prices: createPriceTable(catalog) };
  const accounts = mapRealAccounts(usage.windows, []);
  const subscription = (provider: string): string => accounts.get(provider) ?? provider;
  // The bars came labelled by their own rows (one account: the plain name); the use is labelled alongside them, and
  // a label counted again names the same accounts (createAccountLabeler), so the finished use's labels give it back.
  const label = (keys: readonly string[]) => createAccountLabeler([...bars.map((series) => series.provider), ...keys], subscription);
  const everyday = read ? finishEverydayUses(read, usage.readings, label) : null;
  // The plans the CLIs' logins say, as `tracker calibrate` takes them (the built-in table and the data dir's declared plans).
  const logins = resolveLoginPlans(createPlanTable(catalog), dataDir);
  const account = label(everyday ? [...everyday.tokens.keys()] : []);
  const calibration = everyday
    ? // A --plan wins over the windows' plans and the logins', as it does in tracker calibrate and tracker plans.
      calibrateAccounts({ series: bars, uses: everyday, windows: usage.windows, plans, logins, account, confidence: 0.95 })
    : [];
  return {
    // The same prices for the Report page: one price per plan, the one the Limit changes page shows.
    prices: selectPlanPrices(calibration, accounts),
    usage: {
      day: buildUsageTable(usage, 'day', timeZone),
      week: buildUsageTable(usage, 'week', timeZone),
      month: buildUsageTable(usage, 'month', timeZone),
      session: buildSessionTable(usage, timeZone),
      project: buildGroupTable(usage, 'project', timeZone),
    },
    limits: { day: buildLimitChanges(usage, 'day', timeZone), week: buildLimitChanges(usage, 'week', timeZone) },
    calibration,
    headroom: read
      ? collectHeadroom(read.tasks, { histories: calibration.map(readHeadroomHistory), series: bars, account }, Date.now())
      : [],
    time_zone: timeZone,
    problems: usage.problems,
    routed: collectRoutedAccounts(usage.windows),
    failovers: read?.failovers ?? [],
  };
}

/** What headroom reads of an account's calibration: its bars' tokens per 1% (no demand: it counts tasks, not a replay). */
function readHeadroomHistory(calibration: EverydayCalibration): AccountHistory {
  const bars: AccountHistory['bars'] = {};
  for (const bar of calibration.bars) if (isPricedBar(bar.bar)) bars[bar.bar] = { tokens_per_pct: bar.tokens_per_pct, anchor_ms: null };
  return { provider: calibration.provider, held: null, demand: { at_ms: [], amount: [] }, bars };
}

/** Each sub-agent account a window's capacity names (`subagent_capacity.provider`), with the providers whose windows name it. */
export function collectRoutedAccounts(windows: readonly Pick<ReportWindow, 'provider' | 'subagent_capacity'>[]): Record<string, string[]> {
  const routed = new Map<string, Set<string>>();
  for (const window of windows) {
    const account = window.subagent_capacity?.provider;
    if (account === undefined || account === window.provider) continue;
    routed.set(account, (routed.get(account) ?? new Set()).add(window.provider));
  }
  return Object.fromEntries([...routed].map(([account, providers]) => [account, [...providers].sort()]));
}

/**
 * Every reading of each bar (the calibration's: the same as `tracker calibrate`'s and the report's, whatever the span),
 * and the last 8 days of each for the Bars page: its current period whole (what the projection reads) and the day before.
 */
export function readBarsView(dataDir: string): { all: BarSeries[]; shown: CapacityView['bars'] } {
  // Each row becomes its points as it is read: the rows and their points held at once were the bars' peak.
  const collector = createBarSeriesCollector();
  visitBarInputs(dataDir, collector);
  const all = collector.finish();
  return { all, shown: trimBarHistory(all, Date.now()) };
}

/** When the kept bars begin: the everyday calibration reads the requests from then on (infinity without bars). */
export function findBarsStart(bars: readonly BarSeries[]): number {
  let start = Number.POSITIVE_INFINITY;
  for (const series of bars) {
    const first = series.points[0];
    if (first) start = Math.min(start, Date.parse(first.at));
  }
  return start;
}
