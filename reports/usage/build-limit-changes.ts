// Tokens one percent of each bar bought, period by period, and the periods whose interval leaves the earlier level: pure.
import { calibrateBar, type BarCalibration, type BarSample } from '../metrics/calibrate-bars.js';
import { createUsageAttribution, findHeldProbe, measureWindowTokens } from '../metrics/compute-window-metrics.js';
import { summarizeWindowUsage } from '../metrics/summarize-window-usage.js';
import { createDayKeyer, toPeriod, type UsagePeriod } from './period-keys.js';
import type { LimitChanges, LimitPoint, UsageInputs } from './usage-inputs.js';

/** Below this many windows a period (or the pool before it) has no interval worth testing against. */
const MIN_WINDOWS = 3;

/**
 * A change smaller than this share of the earlier level is not called a shift, however narrow the interval: over
 * thousands of windows the interval is a percent wide, and whole-percent bars and a change of task mix (more cache
 * reads, another model) move the rate by a few percent without any change of limit.
 */
export const MIN_CHANGE = 0.1;

type BarName = 'five_hour' | 'weekly';
const BAR_LABELS: Record<BarName, string> = { five_hour: '5h', weekly: 'weekly' };
const PROVIDER_LABELS: Record<string, string> = { claude: 'Claude', codex: 'Codex', glm: 'GLM' };

/**
 * Each window with a bar delta and a token count is a sample of the bar's rate; calibrateBar pools a period's
 * samples into % per token with a t interval, and the reciprocal of each end is the interval of tokens per 1%
 * (the map is monotone, so the coverage is the same). A period shifts when its interval excludes the level
 * pooled over the earlier periods, both with at least MIN_WINDOWS windows, and its estimate is at least
 * MIN_CHANGE away from that level. The pool starts again at a shift (a control chart's new centre line), so a
 * lowered limit is named once, not in every period after it. Periods are the day or ISO week in `timeZone`
 * of each window's end.
 */
export function buildLimitChanges(input: UsageInputs, by: UsagePeriod, timeZone = 'UTC', confidence = 0.95): LimitChanges {
  const dayOf = createDayKeyer(timeZone);
  const usage = input.folded?.windowUsage ?? summarizeWindowUsage(input.telemetry, input.prices);
  // Only each window's tokens: with the whole metrics (35 fields a window) held for this loop, the viewer's usage step
  // ran out of a 150 MB heap on 100,000 windows; without them it fits (bench: viewer).
  const { attribute } = createUsageAttribution(input.windows, usage);
  const groups = new Map<string, { provider: string; bar: BarName; periods: Map<string, BarSample[]> }>();
  const add = (provider: string, bar: BarName, period: string, sample: BarSample): void => {
    const key = `${provider}\u0000${bar}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { provider, bar, periods: new Map() }));
    const samples = group.periods.get(period) ?? [];
    samples.push(sample);
    group.periods.set(period, samples);
  };
  for (const window of input.windows) {
    const measured = measureWindowTokens(window, attribute(window));
    // The bar paid only for the provider's own requests, never for sub-agent work routed to another subscription, and
    // for the capacity probe its delta holds.
    const own = measured.own_tokens ?? measured.tokens;
    const tokens = own === null ? null : own + (findHeldProbe(window, usage)?.tokens ?? 0);
    const day = dayOf(window.ended_at ?? window.completed_at);
    const period = day === null ? null : toPeriod(day, by);
    const capacity = window.capacity;
    if (tokens === null || tokens <= 0 || period === null || !capacity) continue;
    if (capacity.unit === 'pct_5h' && capacity.delta !== null && capacity.before !== null && capacity.after !== null)
      add(window.provider, 'five_hour', period, { delta: capacity.delta, before: capacity.before, after: capacity.after, amount: tokens });
    if (capacity.weekly && capacity.weekly.delta !== null)
      add(window.provider, 'weekly', period, { ...capacity.weekly, delta: capacity.weekly.delta, amount: tokens });
  }
  const points: LimitPoint[] = [];
  const shifts: string[] = [];
  for (const group of [...groups.values()].sort((a, b) => (a.provider + a.bar < b.provider + b.bar ? -1 : 1))) {
    let earlier = createPool();
    for (const period of [...group.periods.keys()].sort()) {
      const samples = group.periods.get(period) ?? [];
      const point = toLimitPoint(group.provider, group.bar, period, calibrateBar(samples, confidence), samples.length);
      const pooled = earlier.count >= MIN_WINDOWS ? readPooledLevel(earlier) : null;
      if (pooled !== null && point.tokens_per_pct !== null && point.low !== null) {
        const excluded = pooled < point.low || (point.high !== null && pooled > point.high);
        point.shift = excluded && Math.abs(point.tokens_per_pct / pooled - 1) >= MIN_CHANGE;
        if (point.shift) {
          shifts.push(describeShift(point, pooled, confidence));
          earlier = createPool();
        }
      }
      points.push(point);
      addToPool(earlier, samples);
    }
  }
  return { points, shifts };
}

function toLimitPoint(provider: string, bar: BarName, period: string, calibration: BarCalibration | null, n: number): LimitPoint {
  const point: LimitPoint = { provider, bar, period, tokens_per_pct: null, low: null, high: null, n, shift: false, reason: null };
  if (calibration === null) return { ...point, reason: 'no window with tokens' };
  if (calibration.pct_per_unit <= 0) return { ...point, reason: `the bar did not move over ${n} window(s)` };
  point.tokens_per_pct = 1 / calibration.pct_per_unit;
  if (n < MIN_WINDOWS) return { ...point, reason: `${n} window(s): an interval needs ${MIN_WINDOWS}` };
  point.low = 1 / calibration.high;
  // A rate interval reaching 0 leaves the tokens per 1% unbounded above.
  point.high = calibration.low > 0 ? 1 / calibration.low : null;
  if (point.high === null) point.reason = 'the upper end is unbounded: the bar moved too little to tell from no movement';
  return point;
}

/**
 * The earlier periods' samples as running sums: the level is calibrateBar's rate (sum of deltas over sum of tokens
 * of the usable samples), inverted, and nothing else of it is read. Calibrating the whole pool again for every
 * period was quadratic: 16 s of a 100,000-window ledger's daily view (bench: viewer); these sums add in the same
 * order, so the level is the same to the last bit.
 */
interface SamplePool {
  count: number;
  delta: number;
  tokens: number;
}

function createPool(): SamplePool {
  return { count: 0, delta: 0, tokens: 0 };
}

function addToPool(pool: SamplePool, samples: readonly BarSample[]): void {
  pool.count += samples.length;
  for (const sample of samples) {
    if (!(sample.amount > 0 && Number.isFinite(sample.delta))) continue;
    pool.delta += sample.delta;
    pool.tokens += sample.amount;
  }
}

/** Tokens per 1% over the pool; null when it has no usable sample or the bar did not rise. */
function readPooledLevel(pool: SamplePool): number | null {
  if (pool.tokens <= 0) return null;
  const rate = pool.delta / pool.tokens;
  return rate > 0 ? 1 / rate : null;
}

function describeShift(point: LimitPoint, pooled: number, confidence: number): string {
  const provider = PROVIDER_LABELS[point.provider] ?? point.provider;
  const bar = BAR_LABELS[point.bar as BarName] ?? point.bar;
  const high = point.high === null ? 'unbounded' : roundAbout(point.high);
  return (
    `${provider} ${bar}: 1% bought about ${roundAbout(pooled)} tokens before ${point.period}, ` +
    `about ${roundAbout(point.tokens_per_pct ?? 0)} in ${point.period} ` +
    `(${Math.round(confidence * 100)}% interval ${roundAbout(point.low ?? 0)} to ${high}, ${point.n} windows)`
  );
}

/** Three significant figures with thousands separators: 2,347.6 -> "2,350". */
export function roundAbout(value: number): string {
  return Number(value.toPrecision(3)).toLocaleString('en-US');
}
