// Inference at a group-sequential look: the repeated confidence interval and the stage-wise ordering p-value: pure.
import { AppError } from '../../kernel/index.js';
import { type BoundaryOptions, type GroupSequentialLook, traceBoundaries } from './group-sequential-boundaries.js';
import { computeNormalUpperTail } from './group-sequential-normal.js';
import { computeStepCrossing, prepareLookStep } from './group-sequential-recursion.js';
import { checkFractions } from './group-sequential-spending.js';

/** What the interval is built from: the look's estimate and its standard error. */
export interface LookEstimate {
  estimate: number;
  standardError: number;
}

/**
 * The repeated confidence interval at a look, estimate -/+ c_k SE (Jennison & Turnbull 1989, JRSS B 51:305-361;
 * 2000, ch. 9): the intervals of all looks cover the true effect simultaneously with probability >= 1 - alpha, so
 * it may be read at any look, whether or not the trial stops there. A look whose boundary is infinite (it spent
 * nothing) gives the whole line.
 */
export function computeRepeatedConfidenceInterval(at: LookEstimate, look: Pick<GroupSequentialLook, 'critical'>): [number, number] {
  if (!Number.isFinite(at.estimate)) {
    throw new AppError('BAD_USAGE', `estimate must be a finite number, got ${at.estimate}`, { where: 'estimate' });
  }
  if (!(Number.isFinite(at.standardError) && at.standardError > 0)) {
    throw new AppError('BAD_USAGE', `standardError must be a finite number > 0, got ${at.standardError}`, { where: 'standardError' });
  }
  if (!(look.critical >= 0)) {
    throw new AppError('BAD_USAGE', `critical must be a number >= 0 (or Infinity), got ${look.critical}`, { where: 'critical' });
  }
  if (!Number.isFinite(look.critical)) return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  const halfWidth = look.critical * at.standardError;
  return [at.estimate - halfWidth, at.estimate + halfWidth];
}

/**
 * The two-sided stage-wise ordering p-value (Armitage 1957; Fairbanks & Madsen 1982, Biometrika 69:69-74;
 * Jennison & Turnbull 2000, ch. 8) when the trial stops at the last of `fractions` with statistic z, having
 * crossed no earlier boundary: P_H0(crossing at an earlier look) + P_H0(no earlier crossing and |Z_k| >= |z|) =
 * alpha(t_{k-1}) + that tail. It is below alpha(t_k) exactly when |z| >= c_k, so it agrees with the test, and it does not depend on
 * the looks that would have come after. At the final look with no rejection it is above alpha.
 */
export function computeStagewisePValue(fractions: readonly number[], z: number, options: BoundaryOptions): number {
  if (!Number.isFinite(z)) throw new AppError('BAD_USAGE', `z must be a finite number, got ${z}`, { where: 'z' });
  if (fractions.length === 0) {
    throw new AppError('BAD_USAGE', 'fractions must hold at least the look where the trial stopped, got none', { where: 'fractions' });
  }
  checkFractions(fractions);
  const earlier = traceBoundaries(fractions.slice(0, -1), options);
  const fraction = fractions[fractions.length - 1] as number;
  const spentBefore = earlier.looks.length > 0 ? (earlier.looks[earlier.looks.length - 1] as GroupSequentialLook).cumulativeAlpha : 0;
  const size = Math.abs(z);
  if (earlier.last === undefined) return Math.min(1, 2 * computeNormalUpperTail(size));
  const step = prepareLookStep(earlier.last, fraction, size);
  const tail = computeStepCrossing(step, size).probability;
  return Math.min(1, spentBefore + tail);
}
