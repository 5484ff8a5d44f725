// `tracker plans --backtest`: sized on weeks 1..k, each week k+1's limit hits and tokens predicted for the plan held, against what was seen (pure).
import { collectAccountHistories, type PlansOptions } from './build-plans-advice.js';
import { collectEverydayInputs, type EverydayLedger } from '../metrics/build-everyday-calibration.js';
import { addCoverage, type BarCoverage, checkHeadroomCoverage, type HeadroomCoverage } from './check-headroom-coverage.js';
import { readTaskUses } from './collect-tasks.js';
import { pricePlanOutcome, type Spread } from './price-plan-outcome.js';

const DAY_MS = 24 * 3_600_000;
const WEEK_MS = 7 * DAY_MS;

export interface BacktestWeek {
  provider: string;
  plan: string;
  /** The week predicted, and the weeks before it that sized its bars. */
  week: number;
  start: string;
  fitted_weeks: number;
  /** Windows the replay of the week's use against the fitted bars hits, and the periods its bars were seen at 100%. */
  predicted_hits: Spread | null;
  seen_hits: number;
  /**
   * The tokens of the weeks fitted on over the whole weeks they span (a week the history began in counts from the day
   * of its first use), times the days of this week the history spans; null before any day of use. And the week's own.
   */
  predicted_tokens: number | null;
  tokens: number;
  /** Days of the week within the history (7 but in the week of the account's first use). */
  days: number;
  /** Why the week could not be predicted (no bars sized in the weeks before). */
  na: string | null;
}

export interface PlansBacktest {
  weeks: BacktestWeek[];
  /** Mean of |predicted - seen| hits a week, and of |predicted - actual| / actual tokens, over the weeks predicted. */
  hits_mean_abs_error: number | null;
  tokens_mean_abs_pct_error: number | null;
  /** At each reading of a period that reached its limit: did the tasks done before it fall in the headroom's interval? Each bar's apart too. */
  headroom_coverage: HeadroomCoverage;
  notes: string[];
}

/**
 * The backtest replays all the use that moved the bars (an experiment's arms with yours): it checks the sizing against
 * the limits the bars were seen at, which the arms helped reach.
 */
export function backtestPlans(ledger: EverydayLedger, options: PlansOptions): PlansBacktest {
  const count = Math.floor((options.until_ms - options.since_ms) / WEEK_MS);
  const span = (from: number, to: number) => ({
    ...options,
    since_ms: options.since_ms + from * WEEK_MS,
    until_ms: options.since_ms + to * WEEK_MS - 1,
  });
  const uses = readTaskUses(ledger);
  const weekly = Array.from({ length: count }, (_, week) => collectAccountHistories(ledger, span(week, week + 1)));
  const days = countHistoryDays(ledger, options);
  const weeks: BacktestWeek[] = [];
  const checks: BarCoverage[][] = [];
  for (let week = 1; week < count; week += 1) {
    const fitted = collectAccountHistories(ledger, span(0, week));
    // The headroom at each of this week's readings, on bars sized before it: out of sample, as the hits are.
    checks.push(checkHeadroomCoverage(uses, { ...fitted, series: weekly[week]?.series ?? [], confidence: options.confidence }).bars);
    for (const tested of weekly[week]?.histories ?? []) {
      const fit = fitted.histories.find((history) => history.provider === tested.provider);
      const tokens = sumTokens(tested.demand.amount);
      const before = weekly
        .slice(0, week)
        .map((one) => sumTokens(one.histories.find((h) => h.provider === tested.provider)?.demand.amount ?? []));
      // A week the history began in is counted for its days, not as a whole one (its tokens would read as a light week).
      const spanned = Array.from({ length: week }, (_, k) => days(tested.provider, k)).reduce((sum, value) => sum + value, 0);
      const own = days(tested.provider, week);
      const seen = (weekly[week]?.observed_limits ?? [])
        .filter((limit) => limit.provider === tested.provider)
        .reduce((sum, limit) => sum + limit.periods_at_limit, 0);
      const base = {
        provider: tested.provider,
        week: week + 1,
        start: new Date(options.since_ms + week * WEEK_MS).toISOString(),
        fitted_weeks: week,
        seen_hits: seen,
        predicted_tokens: spanned === 0 ? null : Math.round((before.reduce((sum, value) => sum + value, 0) / spanned) * own),
        tokens: Math.round(tokens),
        days: own,
      };
      const held = fit?.held ?? null;
      if (!fit || held === null) {
        weeks.push({
          ...base,
          plan: tested.held?.id ?? 'unknown',
          predicted_hits: null,
          na: 'no plan held while bars were read in the weeks before',
        });
        continue;
      }
      const outcome = pricePlanOutcome({ ...tested, held, bars: fit.bars }, held);
      weeks.push({ ...base, plan: held.id, predicted_hits: outcome.hits, na: outcome.na });
    }
  }
  const predicted = weeks.filter((week) => week.predicted_hits !== null);
  const forecast = weeks.filter((week) => week.tokens > 0 && week.predicted_tokens !== null);
  const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);
  const notes = count < 2 ? [`the history holds ${count} whole week(s): a backtest needs 2 or more (--weeks)`] : [];
  return {
    weeks,
    headroom_coverage: addCoverage(...checks),
    hits_mean_abs_error: mean(predicted.map((week) => Math.abs((week.predicted_hits?.estimate ?? 0) - week.seen_hits))),
    tokens_mean_abs_pct_error: mean(forecast.map((week) => Math.abs((week.predicted_tokens ?? 0) - week.tokens) / week.tokens)),
    notes,
  };
}

/**
 * Each account's days within the history in a week of the span: 7, but 0 before the UTC day of its first recorded use
 * (over the whole ledger, not the span) and the days from it on in the week it falls in.
 */
function countHistoryDays(ledger: EverydayLedger, options: PlansOptions): (provider: string, week: number) => number {
  const all = collectEverydayInputs(ledger, { ...options, since_ms: null }).uses.tokens;
  const first = new Map([...all].map(([provider, columns]) => [provider, columns.at_ms.reduce((a, b) => Math.min(a, b), Infinity)]));
  return (provider, week) => {
    const start = options.since_ms + week * WEEK_MS;
    const from = Math.floor((first.get(provider) ?? Number.POSITIVE_INFINITY) / DAY_MS) * DAY_MS;
    return Math.max(0, Math.min(7, Math.round((start + WEEK_MS - Math.max(start, from)) / DAY_MS)));
  };
}

function sumTokens(amounts: readonly number[]): number {
  return amounts.reduce((sum, amount) => sum + amount, 0);
}
