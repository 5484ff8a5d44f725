// Lan-DeMets alpha-spending functions for a two-sided group-sequential test, and the checks on their inputs: pure.
import { AppError } from '../../kernel/index.js';
import { computeNormalUpperQuantile, computeNormalUpperTail } from './group-sequential-normal.js';

/**
 * A cumulative two-sided spending function: the type I error spent by information fraction t (0 < t <= 1),
 * nondecreasing in t, with spend(1, alpha) = alpha. Fractions above 1 reach it already capped at 1.
 */
export type SpendingFunction = (t: number, alpha: number) => number;

/** The built-in spending functions by name, or your own. */
export type SpendingChoice = 'obrien-fleming' | 'pocock' | SpendingFunction;

/**
 * Lan & DeMets (1983, Biometrika 70:659-663) O'Brien-Fleming-type spending for a two-sided test of total level
 * alpha: alpha/2 is spent on each side by the one-sided function 2 - 2 Phi(z_{1 - a/2} / sqrt(t)) with a = alpha/2,
 * so the total is 4 - 4 Phi(z_{1 - alpha/4} / sqrt(t)). This is what gsDesign's `sfLDOF` does in a symmetric
 * two-sided design (test.type = 2, alpha = one-sided 0.025), rpact's `getDesignGroupSequential(typeOfDesign =
 * "asOF", sided = 2)` (getSpendingValueCpp: 2 * sided * (1 - Phi(qnorm(1 - alpha / (2 sided)) / sqrt(t)))) and SAS
 * PROC SEQDESIGN's `errfuncobf` with alt=twosided; it is what gives the published 4.877, 3.357, 2.680, 2.290, 2.031
 * for five equal looks at alpha 0.05. Plugging the two-sided alpha straight into the one-sided formula,
 * 2 - 2 Phi(z_{1 - alpha/2} / sqrt(t)), is a different, more liberal function (first of five looks 4.383, not
 * 4.877); pass it as a custom {@link SpendingFunction} if that is the one meant.
 */
export function spendObrienFleming(t: number, alpha: number): number {
  const capped = Math.min(t, 1);
  if (capped <= 0) return 0;
  if (capped === 1) return alpha;
  return 4 * computeNormalUpperTail(computeNormalUpperQuantile(alpha / 4) / Math.sqrt(capped));
}

/** Lan & DeMets (1983) Pocock-type spending alpha ln(1 + (e - 1) t), as gsDesign's `sfLDPocock` and rpact's "asP". */
export function spendPocock(t: number, alpha: number): number {
  const capped = Math.min(t, 1);
  if (capped <= 0) return 0;
  if (capped === 1) return alpha;
  return alpha * Math.log1p((Math.E - 1) * capped);
}

/** The spending function a choice names. */
export function resolveSpendingFunction(spending: SpendingChoice): SpendingFunction {
  if (typeof spending === 'function') return spending;
  if (spending === 'obrien-fleming') return spendObrienFleming;
  if (spending === 'pocock') return spendPocock;
  throw new AppError('BAD_USAGE', `spending must be 'obrien-fleming', 'pocock' or a function, got ${JSON.stringify(spending)}`, {
    where: 'spending',
  });
}

/** Refuses an alpha outside (0, 1). */
export function checkAlpha(alpha: number): void {
  if (!(typeof alpha === 'number' && alpha > 0 && alpha < 1)) {
    throw new AppError('BAD_USAGE', `alpha must be a number strictly between 0 and 1, got ${alpha}`, { where: 'alpha' });
  }
}

/** Refuses information fractions that are not finite, positive and strictly increasing (the first bad one is named). */
export function checkFractions(fractions: readonly number[]): void {
  for (let k = 0; k < fractions.length; k += 1) {
    const t = fractions[k] as number;
    if (!(typeof t === 'number' && Number.isFinite(t) && t > 0)) {
      throw new AppError('BAD_USAGE', `information fraction ${k + 1} must be a finite number > 0, got ${t}`, {
        where: 'fractions',
      });
    }
    const previous = k > 0 ? (fractions[k - 1] as number) : 0;
    if (k > 0 && !(t > previous)) {
      throw new AppError(
        'BAD_USAGE',
        `information fractions must be strictly increasing: fraction ${k + 1} is ${t}, not above fraction ${k} (${previous})`,
        { where: 'fractions' },
      );
    }
  }
}

/**
 * The cumulative two-sided alpha spent at each fraction, fractions above 1 capped at 1 (every look after the
 * first at or past full information spends nothing more). Refuses a custom function that leaves [0, alpha] or
 * decreases, since a boundary cannot give alpha back.
 */
export function computeCumulativeSpending(fractions: readonly number[], alpha: number, spending: SpendingChoice): number[] {
  const spend = resolveSpendingFunction(spending);
  const cumulative: number[] = [];
  let previous = 0;
  for (let k = 0; k < fractions.length; k += 1) {
    const t = Math.min(fractions[k] as number, 1);
    const spent = spend(t, alpha);
    if (!(spent >= previous - 1e-15 && spent <= alpha * (1 + 1e-12))) {
      throw new AppError(
        'BAD_USAGE',
        `the spending function must be nondecreasing within [0, alpha = ${alpha}]: at fraction ${t} it gave ${spent} after ${previous}`,
        { where: 'spending' },
      );
    }
    previous = Math.max(previous, Math.min(spent, alpha));
    cumulative.push(previous);
  }
  return cumulative;
}
