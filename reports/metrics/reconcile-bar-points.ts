// One bar's readings from every source made into one honest series before any pair is priced (pure).
import { BAR_PERIOD_MS, type BarName, type BarPoint } from '../bars/bar-types.js';
import { alignMachineClocks } from './align-machine-clocks.js';

/**
 * Sources round a reset time differently (Claude's headers give whole seconds, Codex's `reset_after_seconds` is
 * relative to when it was read): two readings of one period can name resets this far apart.
 */
export const RESET_JITTER_MS = 120_000;
/** Readings this close are one instant: two terminals' status lines print a second apart. */
const NEAR_MS = 10_000;
/** A fall this far below what the period already showed is not rounding or a stale terminal: another series. */
const JUMP_PCT = 5;

/** What reconciling took out, each counted so the answer can say it. */
export interface ReconcileNotes {
  /** Readings of a coarser source left out of a period a finer source reads with two readings or more. */
  coarser: number;
  /** Readings below what the period had already shown (a terminal printing what it read before another's request). */
  stale: number;
  /** Readings within NEAR_MS of the one before, with no use between them, that disagree with it: one instant, the higher kept. */
  near: number;
  /**
   * Falls of JUMP_PCT or more inside one period (same reset), and returns to a reset an earlier period named that has
   * not passed yet: two accounts' readings under one name.
   */
  jumps: number;
}

export interface ReconciledPoints {
  points: BarPoint[];
  notes: ReconcileNotes;
  /** Two or more jumps in one period: the readings interleave two series that cannot be told apart here. */
  two_series: boolean;
  /** Each machine's clock offset from the others' (alignMachineClocks), ms; empty with fewer than two machines named. */
  clock_offsets_ms: ReadonlyMap<string, number>;
}

/**
 * A bar only rises within its period, so its readings, from any source, are one non-decreasing series there. Per
 * period (a reset passed, the readings name another reset, a period's length went by, or the bar fell far with no
 * reset known), the finest source with two readings or more is kept alone: its pairs telescope to its own first and
 * last readings, so a coarser source beside it (whole percents beside the proxy's hundredths) could only widen them
 * and, interleaved, read as falls and moves without use. A period no source reads twice keeps every reading, each at
 * its own resolution. Then a reading below what the period already showed is stale and left out; readings within
 * NEAR_MS with no use recorded between them are one, the higher kept at the first's time (a move there is no move
 * without use: it is a terminal printing late). `points` in time order; `steps` each source's resolution;
 * `usedBetween` whether any use was recorded in (from, to].
 *
 * Readings of two machines or more, whose clocks may be minutes apart, are judged on one clock (alignMachineClocks):
 * whether they jump between two series is said on it, so an offset alone never reads as a second account. The
 * points kept are those of their own stamps, as before: the uses they are paired with name no machine and are
 * stamped by the clock they were recorded on, so a reading put on another clock is set against the wrong uses (on
 * two machines 90 s apart, readings moved to one clock read hundreds of moves without use: 0 of 40 months held the
 * truth; at their own stamps 40 of 40, everyday-clock-offset.test.ts).
 */
export function reconcileBarPoints(
  bar: BarName,
  points: readonly BarPoint[],
  steps: ReadonlyMap<string, number>,
  usedBetween: (fromMs: number, toMs: number) => boolean,
): ReconciledPoints {
  const own = reconcileOnOneClock(bar, points, steps, usedBetween);
  const aligned = alignMachineClocks(points, steps);
  if (aligned.offsets.size === 0) return { ...own, clock_offsets_ms: aligned.offsets };
  const judged = reconcileOnOneClock(bar, aligned.points, steps, usedBetween);
  return {
    points: own.points,
    notes: { ...own.notes, jumps: judged.notes.jumps },
    two_series: judged.two_series,
    clock_offsets_ms: aligned.offsets,
  };
}

/** reconcileBarPoints on readings whose stamps are one clock. */
function reconcileOnOneClock(
  bar: BarName,
  points: readonly BarPoint[],
  steps: ReadonlyMap<string, number>,
  usedBetween: (fromMs: number, toMs: number) => boolean,
): Omit<ReconciledPoints, 'clock_offsets_ms'> {
  const notes: ReconcileNotes = { coarser: 0, stale: 0, near: 0, jumps: 0 };
  let twoSeries = false;
  const kept: BarPoint[] = [];
  // A reading naming a reset already past at its own instant read the period before: a terminal printing late.
  const current = points.filter((point) => (parseReset(point.resets_at) ?? Number.POSITIVE_INFINITY) > Date.parse(point.at));
  notes.stale += points.length - current.length;
  const split = splitPeriods(bar, current, steps);
  for (const period of split.periods) {
    // Jumps are looked for in every source's readings: a second account read only by the coarser source is still seen.
    const jumps = countJumps(period, steps);
    notes.jumps += jumps;
    if (jumps >= 2) twoSeries = true;
    const chosen = keepFinestSource(period, steps);
    notes.coarser += period.length - chosen.length;
    const cleaned: BarPoint[] = [];
    let top = Number.NEGATIVE_INFINITY;
    let topStep = 0;
    for (const point of chosen) {
      const step = steps.get(point.source) ?? 1;
      // Within both readings' rounding (a whole percent read 17 for 16.6 before the proxy's 16.60) is no fall.
      if (point.used_pct < top - Math.max(step, topStep)) {
        notes.stale += 1;
        continue;
      }
      const last = cleaned.at(-1);
      const [from, to] = last ? [Date.parse(last.at), Date.parse(point.at)] : [0, 0];
      if (last && to - from < NEAR_MS && !usedBetween(from, to)) {
        if (point.used_pct !== last.used_pct) notes.near += 1;
        if (point.used_pct > last.used_pct) cleaned[cleaned.length - 1] = { ...point, at: last.at };
      } else cleaned.push(point);
      if (point.used_pct >= top) [top, topStep] = [point.used_pct, step];
    }
    kept.push(...cleaned);
  }
  notes.jumps += split.returns;
  return { points: kept, notes, two_series: twoSeries || split.returns >= 2 };
}

/**
 * Falls of JUMP_PCT or more below the period's highest reading so far, to a value the period never showed, each
 * counted once until the series rises again. A fall to a value it did show (at the reading's own step) is a stale
 * terminal repeating what it read before, not another series.
 */
function countJumps(period: readonly BarPoint[], steps: ReadonlyMap<string, number>): number {
  const sourceSteps = [...new Set(period.map((point) => steps.get(point.source) ?? 1))];
  const seen = new Map(sourceSteps.map((step) => [step, new Set<number>()]));
  let [top, jumps, low] = [Number.NEGATIVE_INFINITY, 0, false];
  for (const point of period) {
    const step = steps.get(point.source) ?? 1;
    const fallen = top - point.used_pct >= JUMP_PCT && !seen.get(step)?.has(Math.round(point.used_pct / step));
    if (fallen && !low) jumps += 1;
    low = fallen;
    top = Math.max(top, point.used_pct);
    // Kept at every source's step, as that source would read it (rounded or cut).
    for (const [each, values] of seen) values.add(Math.round(point.used_pct / each)).add(Math.floor(point.used_pct / each));
  }
  return jumps;
}

/** The readings cut where a new period starts (see reconcileBarPoints), and how often a reset came back. */
function splitPeriods(
  bar: BarName,
  points: readonly BarPoint[],
  steps: ReadonlyMap<string, number>,
): { periods: BarPoint[][]; returns: number } {
  const periods: BarPoint[][] = [];
  const named = createNamedResets();
  let returns = 0;
  let current: BarPoint[] = [];
  let reset: number | null = null;
  let top = Number.NEGATIVE_INFINITY;
  let start = 0;
  for (const point of points) {
    const ms = Date.parse(point.at);
    const resets = parseReset(point.resets_at);
    const fell = point.used_pct < top - Math.max(1, steps.get(point.source) ?? 1);
    const other = reset !== null && resets !== null && Math.abs(reset - resets) > RESET_JITTER_MS;
    const passed = reset !== null && ms >= reset;
    const fresh =
      current.length === 0 || passed || other || ms - start >= BAR_PERIOD_MS[bar] || (fell && (reset === null || resets === null));
    const known = resets !== null && named.has(resets);
    // A reset named by a period before, still ahead: the bar went back to a series it had left (another account).
    if (other && resets !== null && resets > ms && known) returns += 1;
    if (resets !== null && !known) named.add(resets);
    if (fresh && current.length > 0) {
      periods.push(current);
      current = [];
      top = Number.NEGATIVE_INFINITY;
    }
    if (current.length === 0) start = ms;
    current.push(point);
    if (resets !== null) reset = resets;
    top = Math.max(top, point.used_pct);
  }
  if (current.length > 0) periods.push(current);
  return { periods, returns };
}

/**
 * The resets the periods named so far, asked whether one lies within RESET_JITTER_MS of an instant. Each is kept in
 * the RESET_JITTER_MS-wide slot it falls in, so a match can only be in the instant's slot or the two beside it: three
 * lookups, where reading every named reset for every reading made a long ledger's report quadratic (100,000 windows,
 * one reset per period).
 */
function createNamedResets(): { has: (ms: number) => boolean; add: (ms: number) => void } {
  const slots = new Map<number, number[]>();
  const slotOf = (ms: number): number => Math.floor(ms / RESET_JITTER_MS);
  return {
    has(ms) {
      const slot = slotOf(ms);
      for (let near = slot - 1; near <= slot + 1; near += 1)
        for (const earlier of slots.get(near) ?? []) if (Math.abs(earlier - ms) <= RESET_JITTER_MS) return true;
      return false;
    },
    add(ms) {
      const slot = slotOf(ms);
      const list = slots.get(slot);
      if (list) list.push(ms);
      else slots.set(slot, [ms]);
    },
  };
}

/** The finest source's readings where it has two or more; else all of them. */
function keepFinestSource(period: readonly BarPoint[], steps: ReadonlyMap<string, number>): BarPoint[] {
  const counts = new Map<string, number>();
  for (const point of period) counts.set(point.source, (counts.get(point.source) ?? 0) + 1);
  const twice = [...counts].filter(([, count]) => count >= 2).map(([source]) => source);
  if (twice.length === 0) return [...period];
  const finest = twice.reduce((best, source) => ((steps.get(source) ?? 1) < (steps.get(best) ?? 1) ? source : best));
  const finestStep = steps.get(finest) ?? 1;
  // Sources exactly as fine stay (two proxies of one account); a finer one read once would only break the chain with a fall within rounding.
  return period.filter((point) => (steps.get(point.source) ?? 1) === finestStep);
}

/** A reset instant in ms, or null when unknown or unreadable. */
export function parseReset(text: string | null): number | null {
  const ms = text === null ? Number.NaN : Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}
