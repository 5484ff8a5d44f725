// ADR 0041's bettor table re-measured through the product's decision, the heavy-tailed provider listed first and second (seeded).
import { describe, expect, it } from 'vitest';
import { ANALYSIS_DEFAULTS, buildSequentialRule } from '../../../ledger/schemas/index.js';
import { createSeededRandom } from '../../stats/seeded-random.js';
import { buildShapeModel } from './build-shape-model.js';
import { computeShapeTruth } from './compute-shape-truth.js';
import { decideSimulatedRun } from './decide-simulated-run.js';
import { drawArmValues, drawExperiment, prepareShape } from './draw-experiment.js';
import type { ShapeModel } from './shape-model-types.js';

/** 300 runs a cell, as ADR 0041's table: a Monte Carlo SE of at most 2.9 points. */
const RUNS = 300;
const SEED = 'bettors-81';

/**
 * ADR 0041's table shape (its prototype is not kept): `two-tails` for two providers, both arms capped at 5x a solved
 * B arm's mean cost, B's costs scaled 5.5x so the capped ratio is the table's 1.87 (measured: 1.873 on 200,000 tasks).
 */
function buildTableModel(): ShapeModel {
  const base = buildShapeModel('two-tails', 2);
  const classes = base.classes.map((c) => ({ ...c, arms: c.arms.map((arm, p) => ({ ...arm, cost: arm.cost * (p === 1 ? 5.5 : 1) })) }));
  const budget = 5 * (classes[0]?.arms[1]?.cost as number);
  const model: ShapeModel = { ...base, classes, budgets: [budget, budget], design: { ahead: 0, ratio: 2 } };
  const drawn = drawArmValues(prepareShape(model), 200_000, createSeededRandom('capped-truth'));
  return { ...model, cappedRatios: drawn.quality.map((q, p) => sumOf(q) / sumOf(drawn.dollars[p] as Float64Array)) };
}

/** The same shape with the pair listed the other way round (B's arms first). */
function swapProviders(model: ShapeModel): ShapeModel {
  const swap = <T>(values: readonly T[]): T[] => [values[1] as T, values[0] as T];
  return {
    ...model,
    classes: model.classes.map((c) => ({ ...c, arms: swap(c.arms) })),
    budgets: swap(model.budgets as number[]),
    cappedRatios: swap(model.cappedRatios as number[]),
    design: model.design.ahead === null ? model.design : { ahead: 1 - model.design.ahead, ratio: model.design.ratio },
  };
}

/** The share of runs that name the truly leading provider, as `experiment simulate` decides them (line form). */
function measurePower(model: ShapeModel, tasks: number, stream: string): number {
  const truth = computeShapeTruth(model);
  const rule = buildSequentialRule({
    providers: 2,
    alpha: ANALYSIS_DEFAULTS.alpha,
    minEffect: ANALYSIS_DEFAULTS.min_effect,
    plannedTasks: tasks,
    enabled: true,
  });
  const prepared = prepareShape(model);
  const random = createSeededRandom(`${SEED}/${stream}/${tasks}`);
  let named = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const decision = decideSimulatedRun(drawExperiment(prepared, tasks, random), rule, truth, model.budgets ?? null);
    if (decision.leader !== null && decision.leader === truth.leader) named += 1;
  }
  return named / RUNS;
}

function sumOf(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

describe("ADR 0041's bettor, the pair in either order", () => {
  // Measured (2026-11-29): listed first 0.287 at 80 tasks and 0.80-0.83 at 200; listed second 0.30 and 0.81. With the
  // nuisance bet always on B's statistic, listed second it was 0.007 and 0.40.
  it('names the provider ahead at a capped 1.87x about as often whichever is listed first, at 80 and 200 tasks', () => {
    const model = buildTableModel();
    const ratio = (model.cappedRatios?.[0] as number) / (model.cappedRatios?.[1] as number);
    expect(ratio).toBeGreaterThan(1.84);
    expect(ratio).toBeLessThan(1.9);
    const first = measurePower(model, 80, 'first');
    const second = measurePower(swapProviders(model), 80, 'second');
    expect(first).toBeGreaterThan(0.22);
    expect(second).toBeGreaterThan(0.22);
    expect(measurePower(model, 200, 'first')).toBeGreaterThan(0.72);
    expect(measurePower(swapProviders(model), 200, 'second')).toBeGreaterThan(0.72);
  });
});
