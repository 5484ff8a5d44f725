// Two-sided group-sequential boundaries by Lan-DeMets alpha spending, one look at a time as the fractions arrive: pure.
import { AppError } from '../../kernel/index.js';
import { computeNormalUpperQuantile, computeNormalUpperTail } from './group-sequential-normal.js';
import {
  computeStepCrossing,
  finishLookDensity,
  type LookDensity,
  prepareLookStep,
  solveCriticalValue,
} from './group-sequential-recursion.js';
import { checkAlpha, checkFractions, computeCumulativeSpending, type SpendingChoice } from './group-sequential-spending.js';

/** What picks the boundaries: the total two-sided level and how it is spent over the information fractions. */
export interface BoundaryOptions {
  /** Total two-sided type I error, in (0, 1). */
  alpha: number;
  /** 'obrien-fleming', 'pocock' (Lan & DeMets 1983) or a cumulative spending function of (t, alpha). */
  spending: SpendingChoice;
}

/** One look's boundary. */
export interface GroupSequentialLook {
  /** 1-based. */
  look: number;
  /** Information fraction t_k as given (it may exceed 1 when there are more looks than planned). */
  fraction: number;
  /** Reject H0 at this look when |Z_k| >= critical; +Infinity when the look spends nothing and so cannot reject. */
  critical: number;
  /** Two-sided alpha spent up to and including this look: the spending function at min(t_k, 1). */
  cumulativeAlpha: number;
  /** Alpha spent at this look alone: P(first crossing at look k) under H0. */
  incrementalAlpha: number;
  /** The two-sided nominal p-value that rejects at this look, 2 (1 - Phi(critical)) (rpact's "stage levels"). */
  nominalAlpha: number;
}

/** The boundaries so far and the sub-density at the last look, from which a later look or a p-value continues. */
export interface BoundaryRecursion {
  looks: GroupSequentialLook[];
  /** Undefined when there are no looks. */
  last: LookDensity | undefined;
}

/**
 * The boundaries and the last look's sub-density. Each c_k uses only t_1..t_k and the spending function, so the
 * boundaries of a prefix of the fractions are exactly those of the whole list (Lan & DeMets 1983): compute again
 * with the new fraction appended when a look happens.
 */
export function traceBoundaries(fractions: readonly number[], options: BoundaryOptions): BoundaryRecursion {
  checkAlpha(options.alpha);
  checkFractions(fractions);
  const cumulative = computeCumulativeSpending(fractions, options.alpha, options.spending);
  const looks: GroupSequentialLook[] = [];
  let last: LookDensity | undefined;
  let spentBefore = 0;
  for (let k = 0; k < fractions.length; k += 1) {
    const fraction = fractions[k] as number;
    const spent = cumulative[k] as number;
    const increment = Math.max(0, spent - spentBefore);
    let critical: number;
    if (last === undefined) {
      critical = increment > 0 ? computeNormalUpperQuantile(increment / 2) : Number.POSITIVE_INFINITY;
      last = { fraction, bound: critical };
    } else {
      const reach = increment > 0 ? computeNormalUpperQuantile(increment / 2) : 0;
      const step = prepareLookStep(last, fraction, reach);
      critical = solveCriticalValue(step, increment, spent);
      last = finishLookDensity(step, critical);
    }
    const nominalAlpha = Number.isFinite(critical) ? 2 * computeNormalUpperTail(critical) : 0;
    looks.push({ look: k + 1, fraction, critical, cumulativeAlpha: spent, incrementalAlpha: increment, nominalAlpha });
    spentBefore = spent;
  }
  return { looks, last };
}

/**
 * Two-sided boundaries c_1..c_K for looks at information fractions t_1 < ... < t_K (reject at the first k with
 * |Z_k| >= c_k), spending `alpha` by the Lan-DeMets spending function: P_H0(first crossing at look k) equals
 * spend(t_k) - spend(t_{k-1}) under the canonical joint distribution, Z_k = B(t_k) / sqrt(t_k) for a standard
 * Brownian motion B (Jennison & Turnbull 2000, ch. 3 and 7; gsDesign's gsDesign(test.type = 2, sfu = sfLDOF),
 * rpact's getDesignGroupSequential(sided = 2, typeOfDesign = "asOF")). Empty fractions give no looks.
 */
export function computeBoundaries(fractions: readonly number[], options: BoundaryOptions): GroupSequentialLook[] {
  return traceBoundaries(fractions, options).looks;
}

/**
 * P_H0(first crossing at look k) for given two-sided critical values (reject when |Z_k| >= critical[k]), as
 * gsDesign's gsProbability(theta = 0) computes for symmetric bounds: the check on a boundary set, and the
 * repeated-significance-test inflation of Armitage, McPherson & Rowe (1969).
 */
export function computeCrossingProbabilities(fractions: readonly number[], critical: readonly number[]): number[] {
  checkFractions(fractions);
  if (critical.length !== fractions.length) {
    throw new AppError('BAD_USAGE', `need one critical value per look: ${fractions.length} fractions, ${critical.length} critical values`, {
      where: 'critical',
    });
  }
  const crossing: number[] = [];
  let last: LookDensity | undefined;
  for (let k = 0; k < fractions.length; k += 1) {
    const bound = critical[k] as number;
    if (!(typeof bound === 'number' && bound >= 0)) {
      throw new AppError('BAD_USAGE', `critical value ${k + 1} must be a number >= 0 (or Infinity), got ${bound}`, { where: 'critical' });
    }
    const fraction = fractions[k] as number;
    if (last === undefined) {
      crossing.push(Number.isFinite(bound) ? 2 * computeNormalUpperTail(bound) : 0);
      last = { fraction, bound };
      continue;
    }
    const step = prepareLookStep(last, fraction, Number.isFinite(bound) ? bound : 0);
    crossing.push(Number.isFinite(bound) ? computeStepCrossing(step, bound).probability : 0);
    last = finishLookDensity(step, bound);
  }
  return crossing;
}
