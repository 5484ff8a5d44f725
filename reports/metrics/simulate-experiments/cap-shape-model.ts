// A shape under task budgets: each provider's arms stopped at a multiple of its passed arm's cost, its truth re-measured (pure).
import { createSeededRandom } from '../../stats/seeded-random.js';
import { drawArmValues, prepareShape } from './draw-experiment.js';
import type { ShapeModel } from './shape-model-types.js';

/** Tasks drawn to measure a capped shape's truth once: its ratios' Monte Carlo error about 0.3%. */
const TRUTH_TASKS = 200_000;

/**
 * Each provider's budget: `multiple` times its passed arm's mean cost (over the classes, times the mean period
 * factor): the measured design ("each arm capped at 5 times a solved arm's median cost"), and scale-covariant,
 * so scaling a provider's costs scales its budget and its capped work per dollar exactly. An arm that reaches it is
 * stopped there: a failure that cost the budget (draw-experiment.ts). The capped truth has no closed form: it is
 * measured once on TRUTH_TASKS tasks of a fixed seed, and each provider's costs then scaled so the capped ratios are
 * what the shape was designed to be (all equal, or A `design.ratio` times every other), exactly by that covariance.
 */
export function capShapeModel(model: ShapeModel, multiple: number): ShapeModel {
  const period = model.periodCost.reduce((sum, factor) => sum + factor, 0) / model.periodCost.length;
  const budgets = Array.from(
    { length: model.providers },
    (_, p) => multiple * period * model.classes.reduce((sum, c) => sum + c.weight * (c.arms[p]?.cost ?? 0), 0),
  );
  const capped: ShapeModel = { ...model, budgets };
  const measured = measureCappedRatios(capped);
  const target = measured[0] as number;
  const scales = measured.map(
    (ratio, p) => (p === 0 ? 1 : ratio / target) * (p === 0 || model.design.ahead !== 0 ? 1 : model.design.ratio),
  );
  return {
    ...capped,
    classes: model.classes.map((c) => ({ ...c, arms: c.arms.map((arm, p) => ({ ...arm, cost: arm.cost * (scales[p] as number) })) })),
    budgets: budgets.map((budget, p) => budget * (scales[p] as number)),
    cappedRatios: measured.map((_, p) => (p === 0 || model.design.ahead !== 0 ? target : target / model.design.ratio)),
  };
}

function measureCappedRatios(model: ShapeModel): number[] {
  const experiment = drawArmValues(prepareShape(model), TRUTH_TASKS, createSeededRandom('capped-truth'));
  return experiment.quality.map((q, p) => sum(q) / sum(experiment.dollars[p] as Float64Array));
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
