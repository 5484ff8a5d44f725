// Readings of one bar taken on several machines put on one clock by the bar's own evidence, before they are reconciled (pure).
import type { BarPoint } from '../bars/bar-types.js';
import { countAtOrBelow, countBelow } from './count-sorted.js';

/**
 * The largest offset looked for between two machines' clocks: minutes, as two machines a person uses drift apart
 * without a time service (the issue's laptop and desktop: 90 s). Readings further apart than this tell nothing.
 */
export const MAX_CLOCK_OFFSET_MS = 5 * 60_000;
/** Resets two readings name this far apart are two periods (the server's clock names them: no machine's offset moves them). */
const OTHER_RESET_MS = 120_000;

interface Reading {
  ms: number;
  pct: number;
  step: number;
  reset: number | null;
}

export interface AlignedPoints {
  /** In time order on the reference clock; a point of an aligned machine carries its stamp less its offset. */
  points: BarPoint[];
  /** Each aligned machine's offset from the reference clock, ms (its stamp minus the reference's at one instant). */
  offsets: Map<string, number>;
}

/**
 * Each machine stamps its readings by its own clock, and two clocks minutes apart interleave one bar's readings out
 * of order: a period's first readings stamped before the last of the one before (a reset that seems to come back,
 * "two accounts"), a later reading stamped before a lower one (a fall). The bar itself says the order: within one
 * named reset it never falls, and a reading naming a later reset (the server's clock names it, not the machine's)
 * was taken after every reading naming an earlier one. Every pair of readings of two machines less than
 * MAX_CLOCK_OFFSET_MS apart that the bar orders bounds their offset; the offset that contradicts fewest bounds (a
 * stale terminal contradicts some) is taken, the middle of its range. Readings that name no machine are the
 * reference clock where there are any (the rows of one machine written before machines were named), else the
 * machine with the most readings is. Fewer than two named machines: the points as they are, exactly as before.
 */
export function alignMachineClocks(points: readonly BarPoint[], steps: ReadonlyMap<string, number>): AlignedPoints {
  const groups = new Map<string, Reading[]>();
  for (const point of points) {
    const key = point.machine ?? '';
    const list = groups.get(key) ?? [];
    list.push({ ms: Date.parse(point.at), pct: point.used_pct, step: steps.get(point.source) ?? 1, reset: parseInstant(point.resets_at) });
    groups.set(key, list);
  }
  const named = [...groups.keys()].filter((key) => key !== '');
  if (named.length < 2) return { points: [...points], offsets: new Map() };
  const reference = groups.has('')
    ? ''
    : named.reduce((best, key) => ((groups.get(key)?.length ?? 0) > (groups.get(best)?.length ?? 0) ? key : best));
  const offsets = new Map<string, number>();
  for (const key of named)
    if (key !== reference) offsets.set(key, estimateOffset(groups.get(reference) as Reading[], groups.get(key) as Reading[]));
  const shifted = points.map((point, index) => {
    const offset = point.machine === undefined ? undefined : offsets.get(point.machine);
    const ms = Date.parse(point.at) - (offset ?? 0);
    return { point: offset ? { ...point, at: new Date(ms).toISOString() } : point, ms, index };
  });
  shifted.sort((a, b) => a.ms - b.ms || a.index - b.index);
  return { points: shifted.map((entry) => entry.point), offsets };
}

/**
 * The offset d of `other`'s clock from `reference`'s that fewest pairs contradict: a pair the bar says was read
 * reference first needs d < (other's stamp - reference's), the other way round d > it. Both lists in time order.
 */
function estimateOffset(reference: readonly Reading[], other: readonly Reading[]): number {
  const below: number[] = [];
  const above: number[] = [];
  let start = 0;
  for (const b of other) {
    while (start < reference.length && (reference[start] as Reading).ms < b.ms - MAX_CLOCK_OFFSET_MS) start += 1;
    for (let i = start; i < reference.length; i += 1) {
      const a = reference[i] as Reading;
      if (a.ms > b.ms + MAX_CLOCK_OFFSET_MS) break;
      const order = orderReadings(a, b);
      if (order > 0) below.push(b.ms - a.ms);
      else if (order < 0) above.push(b.ms - a.ms);
    }
  }
  if (below.length + above.length === 0) return 0;
  below.sort((x, y) => x - y);
  above.sort((x, y) => x - y);
  // Contradicted bounds at d: the upper bounds at or below it, the lower bounds at or above it.
  const contradicted = (d: number): number => countAtOrBelow(below, d) + above.length - countBelow(above, d);
  const cuts = [...new Set([-MAX_CLOCK_OFFSET_MS, ...below, ...above, MAX_CLOCK_OFFSET_MS])]
    .filter((cut) => cut >= -MAX_CLOCK_OFFSET_MS && cut <= MAX_CLOCK_OFFSET_MS)
    .sort((x, y) => x - y);
  let best = { count: Number.POSITIVE_INFINITY, width: -1, at: 0 };
  // Between two neighbouring cuts the count is constant: the widest gap of the fewest is the estimate, at its middle.
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const [low, high] = [cuts[i] as number, cuts[i + 1] as number];
    const middle = (low + high) / 2;
    const count = contradicted(middle);
    if (count < best.count || (count === best.count && high - low > best.width)) best = { count, width: high - low, at: middle };
  }
  return Math.round(best.at);
}

/** +1 when the bar says `a` was read before `b`, -1 after, 0 when it cannot tell. */
function orderReadings(a: Reading, b: Reading): number {
  if (a.reset === null || b.reset === null) return 0;
  if (Math.abs(a.reset - b.reset) > OTHER_RESET_MS) return a.reset < b.reset ? 1 : -1;
  // Within both readings' rounding is no order (a whole 17 beside the proxy's 16.60).
  const rounding = Math.max(a.step, b.step);
  if (b.pct - a.pct > rounding) return 1;
  if (a.pct - b.pct > rounding) return -1;
  return 0;
}

function parseInstant(text: string | null): number | null {
  const ms = text === null ? Number.NaN : Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}
