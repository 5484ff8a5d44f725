// The true values a shape simulation judges its stops against: the mean share gap, the mean difference and each arm's moments: pure.
import { computeShareGap } from './efficiency-share.js';
import { prepareEfficiencyShape, type EfficiencySampler, type ShapeRequest } from './efficiency-shapes.js';
import { computeScaledMoments } from './scaled-moments.js';
import { drawNormal, type RandomSource } from './simulate-distributions.js';

/** Draws behind each true value the simulation reports (its Monte Carlo SE is printed beside it). */
export const SHAPE_TRUTH_DRAWS = 200_000;

/** Two arms of per-task efficiencies: A's request already carries the planted mean difference. */
export interface ShapeDesign {
  tasks: number;
  a: ShapeRequest;
  b: ShapeRequest;
  /** SD of the log of a per-task difficulty factor (mean 1) that multiplies both arms: exchangeable, correlated arms. 0: none. */
  taskSdlog: number;
}

/** A true value of the generating distribution: exact (by symmetry or by construction) or a Monte Carlo mean with its SE. */
export interface TrueValue {
  value: number;
  /** Monte Carlo SE; 0 when exact. */
  se: number;
  exact: boolean;
  /** +1 or -1 when the value is exactly 0 or more than 4 SEs from it; 0 when it is exactly 0; null when the draws cannot tell. */
  sign: 1 | -1 | 0 | null;
}

/** Each arm's efficiencies as drawn for the true values (a check on the generator). */
export interface ArmTruth {
  request: ShapeRequest;
  mean: number;
  sd: number;
  zeroShare: number;
  min: number;
}

/** One task's pair of efficiencies (A, B): each arm's draw times the task's shared difficulty factor. */
export function prepareTaskDraw(design: ShapeDesign): (random: RandomSource) => [number, number] {
  const sampleA: EfficiencySampler = prepareEfficiencyShape(design.a, '--shape-a');
  const sampleB: EfficiencySampler = prepareEfficiencyShape(design.b, '--shape-b');
  const s = design.taskSdlog;
  return (random) => {
    const factor = s > 0 ? Math.exp(s * drawNormal(random) - (s * s) / 2) : 1;
    return [factor * sampleA(random), factor * sampleB(random)];
  };
}

/**
 * The true mean share gap and mean difference, and each arm's moments, from `draws` seeded task draws. The mean
 * difference is exact by construction (the factor has mean 1 and is independent of the arms); the share gap is
 * exactly 0 when the two requests are the same (A and B exchangeable), else the Monte Carlo mean with its SE.
 */
export function findShapeTruth(
  design: ShapeDesign,
  draw: (random: RandomSource) => [number, number],
  random: RandomSource,
  draws: number,
): { arms: { a: ArmTruth; b: ArmTruth }; truth: { shareGap: TrueValue; meanDifference: TrueValue } } {
  const a = new Float64Array(draws);
  const b = new Float64Array(draws);
  const gaps = new Float64Array(draws);
  for (let i = 0; i < draws; i += 1) {
    const [x, y] = draw(random);
    a[i] = x;
    b[i] = y;
    gaps[i] = computeShareGap(x, y) as number;
  }
  const same = JSON.stringify(design.a) === JSON.stringify(design.b);
  const gap = computeScaledMoments(gaps);
  const shareGap = same ? exactly(0) : estimated(gap.mean as number, (gap.sd as number) / Math.sqrt(draws));
  return {
    arms: { a: describeArm(design.a, a), b: describeArm(design.b, b) },
    truth: { shareGap, meanDifference: exactly(design.a.mean - design.b.mean) },
  };
}

function describeArm(request: ShapeRequest, values: Float64Array): ArmTruth {
  const moments = computeScaledMoments(values);
  let zeros = 0;
  let min = Number.POSITIVE_INFINITY;
  for (const value of values) {
    if (value === 0) zeros += 1;
    min = Math.min(min, value);
  }
  return { request, mean: moments.mean as number, sd: moments.sd as number, zeroShare: zeros / values.length, min };
}

function exactly(value: number): TrueValue {
  return { value, se: 0, exact: true, sign: value > 0 ? 1 : value < 0 ? -1 : 0 };
}

function estimated(value: number, se: number): TrueValue {
  return { value, se, exact: false, sign: Math.abs(value) > 4 * se ? (value > 0 ? 1 : -1) : null };
}
