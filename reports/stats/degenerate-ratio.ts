// Bounds a paired work-per-dollar ratio where the delta method has nothing to say (a side that did no work, no spread): pure.
import type { RatioTask } from './ratio-moments.js';
import { computeStudentTQuantile } from './student-t.js';

export interface RatioBound {
  low: number;
  high: number;
}

/**
 * R = (mean qA / mean qB) x (mean cB / mean cA). Quality lies in [0, 1], so each side's mean quality has a bound
 * valid for any distribution there at any n (boundQuality); the cost ratio takes the delta method's t interval of
 * ln(mean cB / mean cA) (costs are unbounded: no exact bound exists, Bahadur & Savage 1956). Each of the three at
 * alpha / 3, so all hold together with chance at least 1 - alpha (Bonferroni); R's interval is their product. One
 * provider solving all of 15 tasks and the other none, at equal cost, gives about [2.1, infinity) at alpha 0.05: an
 * answer, where a t interval has none. Closed forms: a power simulation meets thousands of these.
 */
export function boundRatioExactly(tasks: readonly RatioTask[], alpha: number): RatioBound {
  const n = tasks.length;
  if (n === 0) return { low: 0, high: Number.POSITIVE_INFINITY };
  const part = alpha / 3;
  const qa = boundQuality(
    tasks.map((t) => t.qA),
    part,
  );
  const qb = boundQuality(
    tasks.map((t) => t.qB),
    part,
  );
  const cost = boundCostRatio(tasks, part);
  return { low: divide(qa.low, qb.high) * cost.low, high: divide(qa.high, qb.low) * cost.high };
}

/**
 * A two-sided (1 - alpha) interval of the mean of values in [0, 1]. All 0: P(every one of n is 0) = P(q = 0)^n <=
 * (1 - mean)^n (Markov: P(q > 0) >= mean for q <= 1), so the mean is below 1 - (alpha / 2)^(1/n); all 1 the mirror
 * image. Otherwise Hoeffding's inequality (1963): the mean is within sqrt(ln(2 / alpha) / (2n)) of the sample's.
 */
export function boundQuality(values: readonly number[], alpha: number): RatioBound {
  const n = values.length;
  const edge = (alpha / 2) ** (1 / n);
  if (values.every((v) => v <= 0)) return { low: 0, high: 1 - edge };
  if (values.every((v) => v >= 1)) return { low: edge, high: 1 };
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  const half = Math.sqrt(Math.log(2 / alpha) / (2 * n));
  return { low: Math.max(0, mean - half), high: Math.min(1, mean + half) };
}

/** mean cB / mean cA with the delta method's t interval on its log; unbounded with fewer than two tasks. */
function boundCostRatio(tasks: readonly RatioTask[], alpha: number): RatioBound {
  const n = tasks.length;
  const mA = tasks.reduce((sum, t) => sum + t.cA, 0) / n;
  const mB = tasks.reduce((sum, t) => sum + t.cB, 0) / n;
  if (!(mA > 0 && mB > 0) || n < 2) return { low: 0, high: Number.POSITIVE_INFINITY };
  const psi = tasks.map((t) => (t.cB - mB) / mB - (t.cA - mA) / mA);
  const mean = psi.reduce((sum, v) => sum + v, 0) / n;
  const se = Math.sqrt(psi.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1) / n);
  const half = computeStudentTQuantile(1 - alpha / 2, n - 1) * se;
  const center = Math.log(mB) - Math.log(mA);
  return { low: Math.exp(center - half), high: Math.exp(center + half) };
}

function divide(x: number, y: number): number {
  if (y > 0) return x / y;
  return x > 0 ? Number.POSITIVE_INFINITY : 0;
}
