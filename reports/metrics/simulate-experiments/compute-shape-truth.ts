// The true work per dollar of each provider under a shape, in closed form, and which pairs are truly ahead (pure).
import type { ShapeModel } from './shape-model-types.js';

export interface ShapeTruth {
  /** Per provider (A first): expected quality and dollars of one task, and their ratio, the population's sum q / sum c. */
  work: number[];
  dollars: number[];
  ratio: number[];
  /** The provider truly ahead of every other, or null (all equal, or no single one ahead). */
  leader: number | null;
}

/** Ratios closer than this (relative) are equal: floating rounding of designs that are equal on paper (0.3 / (1/3) and 0.9). */
export const EQUAL_RATIO_TOLERANCE = 1e-9;

/**
 * Expected quality per task: sum over classes of weight x (pass + (1 - pass) partial / 2), a fail scoring a uniform
 * partial credit on [0, partial]. Expected dollars: sum of weight x cost, times the mean period factor, times 1 for
 * each lognormal factor (each has mean 1 by construction: exp(s Z - s^2 / 2)). The period factor averages to its
 * mean because the design is balanced: in a Williams design (AB/BA for two) every provider runs in every period
 * equally often (williams-design.ts). The hard-costly factor shares its latent with the passes, which correlates a
 * task's quality with its cost but leaves each expectation as it is, as long as cost does not depend on the arm's own
 * pass: no shape sets both hardCostly and a failCost or runaway (a test holds it). A failed arm costs failCost times
 * a passed one, and a runaway arm (independent of the latent) fails at runaway.cost times it. As
 * tasks grow, sum q / sum c tends to E[q] / E[c] (the strong law on numerator and denominator): that is "ahead".
 */
export function computeShapeTruth(model: ShapeModel): ShapeTruth {
  if (model.cappedRatios)
    return describeRatios(
      model.cappedRatios.map(() => 1),
      model.cappedRatios.map((ratio) => 1 / ratio),
    );
  const period = model.periodCost.reduce((sum, factor) => sum + factor, 0) / model.periodCost.length;
  const work: number[] = [];
  const dollars: number[] = [];
  for (let p = 0; p < model.providers; p += 1) {
    let q = 0;
    let c = 0;
    for (const taskClass of model.classes) {
      const arm = taskClass.arms[p];
      if (!arm) continue;
      const kept = 1 - (arm.runaway?.share ?? 0);
      q += taskClass.weight * kept * (arm.pass + ((1 - arm.pass) * model.partial) / 2);
      const mean = kept * (arm.pass + (1 - arm.pass) * (arm.failCost ?? 1)) + (arm.runaway ? arm.runaway.share * arm.runaway.cost : 0);
      c += taskClass.weight * arm.cost * mean;
    }
    work.push(q);
    dollars.push(c * period);
  }
  return describeRatios(work, dollars);
}

/** The ratios of work to dollars, and the provider ahead of every other (a budgeted shape gives work 1 per 1 / ratio). */
function describeRatios(work: number[], dollars: number[]): ShapeTruth {
  const ratio = work.map((q, p) => q / (dollars[p] as number));
  const leader = ratio.findIndex((mine, p) => ratio.every((other, o) => o === p || compareRatios(mine, other) > 0));
  return { work, dollars, ratio, leader: leader < 0 ? null : leader };
}

/** +1 when x is truly ahead of y, -1 when behind, 0 when equal within {@link EQUAL_RATIO_TOLERANCE}. */
export function compareRatios(x: number, y: number): 1 | 0 | -1 {
  if (Math.abs(x - y) <= EQUAL_RATIO_TOLERANCE * Math.max(Math.abs(x), Math.abs(y))) return 0;
  return x > y ? 1 : -1;
}
