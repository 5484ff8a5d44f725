// Samples of a bar's rate from everyday readings: each pair of consecutive readings in one period, with the use recorded between them (pure).
import { BAR_PERIOD_MS, type BarName, type BarPoint } from '../bars/bar-types.js';
import type { BarSample } from './calibrate-bars.js';
import { countAtOrBelow } from './count-sorted.js';
import { parseReset, RESET_JITTER_MS } from './reconcile-bar-points.js';

/**
 * A provider's recorded uses in time order, as columns: when each ended (epoch ms) and how much (list-price dollars,
 * or tokens). Columns, not an object per use: the viewer's reader holds a week of a busy ledger's requests in them.
 */
export interface UseColumns {
  at_ms: number[];
  amount: number[];
  /**
   * Uses this column could not count (in dollars: those no list price covers), in time order: a pair that holds one
   * is left out, since its bar's move would be set against only part of its use.
   */
  skipped_at_ms?: number[];
}

/** Uses with no entries. */
export function createUseColumns(): UseColumns {
  return { at_ms: [], amount: [] };
}

/** What the pairs of a series gave: the samples, and the moves no recorded use explains. */
export interface EverydaySamples {
  samples: BarSample[];
  /** When each sample's later reading was taken (epoch ms), beside `samples`: where a plan change splits them (findLatestEra). */
  ends_ms: number[];
  /** Pairs whose bar moved while nothing was recorded between them: another client (a web chat, an agent that exports nothing) used the account. */
  unrecorded_moves: number;
  /** Percent of the bar those pairs moved together. */
  unrecorded_pct: number;
  /** Hours between the readings of every pair with no recorded use (moved or not): the span that rate is over. */
  idle_hours: number;
}

/**
 * Consecutive readings of one bar are a sample when they belong to one period: the later is before the earlier's
 * reset, their resets agree (within RESET_JITTER_MS) when both are known, the bar did not fall, and they are less
 * than a period apart. The sample's amount is the use recorded in (earlier, later]: a reading is taken after the
 * requests that moved it, so a use at the later reading's instant belongs to it. Over a run of joined pairs the
 * deltas telescope to its last reading minus its first (calibrateBar counts that run's rounding once), and the use to
 * all the use between them: a use recorded a little early or late moves between neighbouring samples only.
 * `points` in time order (BarSeries, reconciled: reconcileBarPoints), `uses` in time order, `stepOf` each source's resolution.
 */
export function buildEverydaySamples(
  bar: BarName,
  points: readonly BarPoint[],
  uses: UseColumns,
  stepOf: ReadonlyMap<string, number> = findSourceSteps(points),
): EverydaySamples {
  const times = uses.at_ms;
  const prefix = [0];
  for (const amount of uses.amount) prefix.push((prefix.at(-1) as number) + amount);
  const usedUpTo = (ms: number): number => prefix[countAtOrBelow(times, ms)] as number;
  const skipped = uses.skipped_at_ms;
  const result: EverydaySamples = { samples: [], ends_ms: [], unrecorded_moves: 0, unrecorded_pct: 0, idle_hours: 0 };
  for (let i = 0; i < points.length; i += 1) {
    const later = points[i] as BarPoint;
    const to = Date.parse(later.at);
    const prior = points[i - 1];
    if (!prior || !isSamePeriod(bar, prior, later, Date.parse(prior.at), to)) {
      // The first reading of a period: its bar rose from exactly 0 at the period's start (its reset less the period).
      const start = findPeriodStart(bar, later, prior);
      if (start !== null) {
        const amount = usedUpTo(to) - usedUpTo(start);
        const hours = (to - start) / 3_600_000;
        const steps = { step_before: 0, step_after: stepOf.get(later.source) as number };
        if (amount > 0) {
          result.samples.push({ delta: later.used_pct, before: 0, after: later.used_pct, amount, hours, anchor: true, ...steps });
          result.ends_ms.push(to);
        }
      }
      continue;
    }
    const earlier = prior;
    const from = Date.parse(earlier.at);
    if (skipped && countAtOrBelow(skipped, to) > countAtOrBelow(skipped, from)) continue;
    const amount = usedUpTo(to) - usedUpTo(from);
    const delta = later.used_pct - earlier.used_pct;
    const hours = (to - from) / 3_600_000;
    const steps = { step_before: stepOf.get(earlier.source) as number, step_after: stepOf.get(later.source) as number };
    if (amount > 0) {
      result.samples.push({ delta, before: earlier.used_pct, after: later.used_pct, amount, hours, ...steps });
      result.ends_ms.push(to);
    } else {
      result.idle_hours += hours;
      if (delta > 0) {
        result.unrecorded_moves += 1;
        result.unrecorded_pct += delta;
      }
    }
  }
  return result;
}

/**
 * Each source's resolution on this bar, from its own readings: 10^-d with d the most decimals any of them shows (at
 * most 6, as the ledger keeps percents). A quota endpoint that reads whole percents has step 1 beside the proxy's
 * headers at 0.01, so a pair of readings is rounded as coarsely as its coarser reading, not as the finest source.
 */
export function findSourceSteps(points: readonly BarPoint[]): Map<string, number> {
  const decimals = new Map<string, number>();
  for (const point of points) decimals.set(point.source, Math.max(decimals.get(point.source) ?? 0, countDecimals(point.used_pct)));
  return new Map([...decimals].map(([source, places]) => [source, 10 ** -places]));
}

function countDecimals(value: number): number {
  if (Number.isInteger(value)) return 0;
  const text = String(value);
  const dot = text.indexOf('.');
  return dot === -1 || text.includes('e') ? 6 : Math.min(6, text.length - dot - 1);
}

/** How long after its announced reset a bar may still count the old period. */
const LATE_RESET_MS = 60 * 60_000;

/**
 * The old period still counting, not a new one: the bar did not fall. A new period that passes the old one's last
 * value within the hour is taken as the old one (its pair then reads low): measured rarer than a late reset's harm
 * (everyday-late-reset.test.ts: on-time months held the truth in 98 of 100 before and after).
 */
function isStillCounting(earlier: BarPoint, later: BarPoint): boolean {
  return later.used_pct >= earlier.used_pct;
}

function isSamePeriod(bar: BarName, earlier: BarPoint, later: BarPoint, from: number, to: number): boolean {
  if (!(to > from) || to - from >= BAR_PERIOD_MS[bar] || later.used_pct < earlier.used_pct) return false;
  const [resetA, resetB] = [parseReset(earlier.resets_at), parseReset(later.resets_at)];
  // A period ends at the observed reset: past its announced one, a reading that has not fallen (and names the next
  // reset) is the old period still counting, a reset that comes late (10-40 minutes measured on Claude's bars).
  if (resetA !== null && to >= resetA) return to - resetA <= LATE_RESET_MS && isStillCounting(earlier, later);
  return resetA === null || resetB === null || Math.abs(resetA - resetB) <= RESET_JITTER_MS;
}

/**
 * When the period of `first` (its period's first reading) began: its reset less the bar's period, if the reading
 * names a reset, the reading is within that period, and a reading of the period before came before it; else null. A
 * bar is 0 there exactly, so the rise to the first reading is a sample with no rounding at its start: a
 * whole-percent first reading after a small use (0% after 0.06%) is far from its uniform error, and pairing from it
 * biased every chain by most of a step (15 of 100 months held the truth).
 */
function findPeriodStart(bar: BarName, first: BarPoint, prior: BarPoint | undefined): number | null {
  const reset = parseReset(first.resets_at);
  if (reset === null) return null;
  const start = reset - BAR_PERIOD_MS[bar];
  const at = Date.parse(first.at);
  // Only where the series was read before the period began: a ledger that starts mid-period (the tracker installed
  // at 40% of a bar) recorded none of the use before its first reading.
  if (prior === undefined || !(at >= start && at < reset)) return null;
  return Date.parse(prior.at) <= start ? start : null;
}

/** Whether any of `uses` was recorded in (from, to]. */
export function isUsedBetween(uses: UseColumns, from: number, to: number): boolean {
  return countAtOrBelow(uses.at_ms, to) > countAtOrBelow(uses.at_ms, from);
}
