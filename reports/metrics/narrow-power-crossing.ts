// Where a simulated power crosses its target between two tried points: regula falsi on probit(power), Illinois-safeguarded (pure).
import { computeNormalUpperQuantile } from '../stats/normal-tail.js';

/** One estimate of the search: at `x` (tasks, or ln ratio), `power` out of `runs` simulated runs. */
export interface PowerPoint {
  x: number;
  power: number;
  runs: number;
}

export interface CrossingSearch {
  target: number;
  /**
   * The scale on which probit(power) is about linear in x, and back: sqrt(N) for tasks (a z test's power is
   * Phi(c sqrt(N) - z)), ln R itself for ratios (Phi(ln R / s - z)). Interpolating there, a step lands near the
   * crossing where halving the bracket took 7 steps to 1% (the search was most of a run's start).
   */
  toScale(x: number): number;
  fromScale(s: number): number;
  /** A value x can take (whole tasks: rounded). */
  snap(x: number): number;
  /** How narrow the bracket must end, from its upper end: 2% of the tasks, or 0.005 of ln ratio. */
  width(reached: number): number;
}

/**
 * Narrows [short, reached] (power below the target at short, at or above it at reached) to `width`, each step one
 * estimate strictly inside; returns the last bracket. A step lands where the line between the ends crosses the
 * target (regula falsi), kept at least `width` from either end, so a step that lands next to the crossing closes the
 * bracket with the next one. Regula falsi's weakness, an end that never moves, is the Illinois rule's to mend (Dowell &
 * Jarratt 1971): an end kept twice in a row counts half as far from the target. A bracket under twice `width` is halved.
 */
export function narrowPowerCrossing<T extends PowerPoint>(
  first: { short: T; reached: T },
  estimate: (x: number) => T,
  search: CrossingSearch,
): { short: T; reached: T } {
  let { short, reached } = first;
  const goal = computeProbit(search.target, Number.POSITIVE_INFINITY);
  let [weightShort, weightReached] = [1, 1];
  let kept: 'short' | 'reached' | null = null;
  while (reached.x - short.x > search.width(reached.x)) {
    const [low, high] = [search.toScale(short.x), search.toScale(reached.x)];
    const below = (goal - computeProbit(short.power, short.runs)) * weightShort;
    const above = (computeProbit(reached.power, reached.runs) - goal) * weightReached;
    const share = below + above > 0 ? below / (below + above) : 0.5;
    const width = search.width(reached.x);
    const interpolated = search.fromScale(low + share * (high - low));
    let x =
      reached.x - short.x > 2 * width
        ? search.snap(Math.min(reached.x - width, Math.max(short.x + width, interpolated)))
        : search.snap((short.x + reached.x) / 2);
    if (!(x > short.x && x < reached.x)) x = search.snap((short.x + reached.x) / 2);
    if (!(x > short.x && x < reached.x)) break;
    const found = estimate(x);
    const side = found.power >= search.target ? 'reached' : 'short';
    if (side === 'reached') reached = found;
    else short = found;
    // The other end kept again: halve its pull, so the next step lands on its side of the crossing.
    if (kept === side) {
      if (side === 'reached') weightShort /= 2;
      else weightReached /= 2;
    } else [weightShort, weightReached] = [1, 1];
    kept = side;
  }
  return { short, reached };
}

/** The lowest power a projection of the tasks needed is read from: below it a share of 400 runs is mostly noise. */
const PROJECTABLE_POWER = 0.05;

/**
 * The next N to try after `last` fell short: where the line through the last two powers (probit against sqrt N)
 * meets the target, 5% beyond it so the try likely brackets it, between 1.1 and 8 times `last`; twice `last` while
 * a power is below PROJECTABLE_POWER (a share of a few runs out of 400 says little about the slope).
 */
export function projectTasks(before: PowerPoint | null, last: PowerPoint, target: number): number {
  const doubled = 2 * last.x;
  if (before === null || before.power < PROJECTABLE_POWER || last.power <= before.power) return doubled;
  const [x0, x1] = [Math.sqrt(before.x), Math.sqrt(last.x)];
  const [y0, y1] = [computeProbit(before.power, before.runs), computeProbit(last.power, last.runs)];
  const s = x1 + ((computeProbit(target, Number.POSITIVE_INFINITY) - y1) * (x1 - x0)) / (y1 - y0);
  const projected = Math.ceil(1.05 * s * s);
  return Math.min(8 * last.x, Math.max(Math.ceil(1.1 * last.x), projected));
}

/** probit(power), the power kept half a run inside (0, 1): a share of 0 or 1 of `runs` runs is not an infinite z. */
export function computeProbit(power: number, runs: number): number {
  const edge = Number.isFinite(runs) ? 0.5 / runs : 0;
  const p = Math.min(1 - edge, Math.max(edge, power));
  return -computeNormalUpperQuantile(p);
}
