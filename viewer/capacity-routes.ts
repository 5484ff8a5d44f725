// /api/bars, /api/usage and /api/limits: the capacity pages' answers, from the reader process's last reading of the ledger.
import { AppError } from '../kernel/index.js';
import { type AccountNames, parseThresholds, projectBars, sumUsageTotal } from '../reports/index.js';
import type { ApiContext } from './api-context.js';
import type { CapacityView } from './read-capacity-view.js';

/** The failover table's newest rows (day, back ends, reason) sent; the answer says how many there are. */
const MAX_FAILOVER_ROWS = 60;

/** The thresholds the issue names; `?thresholds=` sets others. */
const DEFAULT_THRESHOLDS = [80, 95];

export function parseThresholdsParameter(text: string | null): number[] {
  if (text === null || text.trim() === '') return DEFAULT_THRESHOLDS;
  const thresholds = parseThresholds(text);
  if (thresholds === null || text.split(',').length > 5)
    throw new AppError(
      'BAD_USAGE',
      `thresholds must be up to 5 percentages above 0 and at most 100, such as 80,95; got ${JSON.stringify(text)}`,
    );
  return thresholds;
}

/** The usage tables: by day, week or month, session or project (`tracker usage --by`); the limit changes by day or week. */
function parsePeriod<T extends string>(text: string | null, periods: readonly T[]): T {
  if (text === null || text === '') return 'week' as T;
  if ((periods as readonly string[]).includes(text)) return text as T;
  throw new AppError('BAD_USAGE', `by must be ${periods.join(', ')}, got ${JSON.stringify(text)}`);
}

/**
 * The e-mail of each `provider@acct-…` label an answer shows, by label (`tracker plans`' Logins line, for the page to
 * put beside it): only those labels, so an answer names no login it does not show. Plain provider names get none.
 */
export function nameAccountLabels(labels: Iterable<string>, names: AccountNames | undefined): Record<string, string> {
  const named: Record<string, string> = {};
  if (!names || names.size === 0) return named;
  for (const label of labels) {
    const at = label.indexOf('@');
    const known = at === -1 ? undefined : names.get(label.slice(at + 1));
    if (known) named[label] = known.name;
  }
  return named;
}

/** Answers one of the three paths and says true, or says false when `path` is none of them. */
export async function answerCapacity(
  ctx: ApiContext,
  path: string,
  params: URLSearchParams,
  send: (value: unknown, status?: number) => void,
): Promise<boolean> {
  if (path !== '/api/bars' && path !== '/api/usage' && path !== '/api/limits') return false;
  const thresholds = path === '/api/bars' ? parseThresholdsParameter(params.get('thresholds')) : [];
  const usageBy = path === '/api/usage' ? parsePeriod(params.get('by'), ['day', 'week', 'month', 'session', 'project'] as const) : 'week';
  const by = path === '/api/limits' ? parsePeriod(params.get('by'), ['day', 'week'] as const) : 'week';
  if (ctx.work.current.capacity === null) await ctx.work.waitForCapacity(1);
  const capacity = ctx.work.current.capacity;
  if (capacity === null) {
    send({ error: ctx.work.current.error ?? 'the ledger could not be read' }, 503);
    return true;
  }
  const view: CapacityView = capacity.view;
  const base = { generation: capacity.generation, time_zone: view.time_zone, problems: view.problems.slice(0, 20), routed: view.routed };
  const named = (labels: Iterable<string>) => ({ account_names: nameAccountLabels(labels, ctx.accountNames) });
  if (path === '/api/bars') {
    const shown = [...view.bars, ...view.headroom].map((one) => one.provider);
    const projections = projectBars(view.bars, ctx.now(), thresholds);
    const failovers = { failovers: view.failovers.slice(0, MAX_FAILOVER_ROWS), failover_rows: view.failovers.length };
    send({ ...base, ...named(shown), thresholds, series: view.bars, projections, headroom: view.headroom, ...failovers });
  } else if (path === '/api/usage') {
    const rows = view.usage[usageBy];
    // The total line: dollars n/a when any row's are (a partial sum would read as the whole), as `tracker usage` says.
    send({ ...base, ...named(rows.map((row) => row.provider)), by: usageBy, rows, total: sumUsageTotal(rows) });
  } else {
    const shown = [...view.limits[by].points, ...view.calibration].map((one) => one.provider);
    send({ ...base, ...named(shown), by, ...view.limits[by], calibration: view.calibration });
  }
  return true;
}
