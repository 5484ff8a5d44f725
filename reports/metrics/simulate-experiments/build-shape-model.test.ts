// Each shape's true work per dollar, computed exactly, is what it was designed to be, and the generator's draws agree with it.
import { describe, expect, it } from 'vitest';
import { summarizeRatioOfSums } from '../../stats/ratio-of-sums.js';
import { createSeededRandom } from '../../stats/seeded-random.js';
import { buildShapeModel, DECISION_SHAPES, NULL_DECISION_SHAPES, parseDecisionShape } from './build-shape-model.js';
import { computeShapeTruth } from './compute-shape-truth.js';
import { drawExperiment, prepareShape } from './draw-experiment.js';

const KS = [2, 3, 4];

describe('computeShapeTruth', () => {
  it.each(KS)('every null shape gives every one of %i providers the same work per dollar', (k) => {
    for (const shape of NULL_DECISION_SHAPES) {
      const truth = computeShapeTruth(buildShapeModel(shape, k));
      const first = truth.ratio[0] as number;
      for (const ratio of truth.ratio) expect(Math.abs(ratio / first - 1)).toBeLessThan(1e-12);
      expect(truth.leader).toBeNull();
    }
  });

  it.each(KS)('the alternatives put A exactly 1.2, 1.5 and 2 times ahead of each of the other %i - 1', (k) => {
    for (const [shape, ratio] of [
      ['ahead-1.2', 1.2],
      ['ahead-1.5', 1.5],
      ['ahead-2', 2],
    ] as const) {
      const model = buildShapeModel(shape, k);
      const truth = computeShapeTruth(model);
      expect(model.design).toEqual({ ahead: 0, ratio });
      for (const other of truth.ratio.slice(1)) expect((truth.ratio[0] as number) / other).toBeCloseTo(ratio, 12);
      expect(truth.leader).toBe(0);
    }
  });

  it('reads the designs by hand: 70% for $1, 0.9 per $ when cheap fails often, rare wins paid for on the other tasks', () => {
    expect(computeShapeTruth(buildShapeModel('ties', 2)).ratio).toEqual([0.7, 0.7]);
    const cheap = computeShapeTruth(buildShapeModel('cheap-fails-often', 4));
    expect(cheap.work).toEqual([0.3, 0.9, 0.6, 0.45]);
    for (const ratio of cheap.ratio) expect(ratio).toBeCloseTo(0.9, 12);
    const rare = computeShapeTruth(buildShapeModel('rare-wins', 3));
    expect(rare.work.map((w) => Number(w.toFixed(12)))).toEqual([0.64, 0.54, 0.54]);
    expect(rare.dollars[0]).toBeCloseTo(0.64 / 0.54, 12);
    const period = computeShapeTruth(buildShapeModel('period', 3));
    expect(period.dollars[0]).toBeCloseTo((1 + 0.7 + 0.7) / 3, 12);
    // Both fail on half the tasks: 35% work per task at $1.
    expect(computeShapeTruth(buildShapeModel('both-fail', 2)).ratio[0]).toBeCloseTo(0.35, 12);
    // A fail scores 0.3 on average: 0.5 + 0.5 x 0.3.
    expect(computeShapeTruth(buildShapeModel('partial', 2)).work[0]).toBeCloseTo(0.65, 12);
  });

  it('prices a failed arm at its share of a passed one, and a runaway at its own multiple (the bimodal shapes)', () => {
    // cheap-failures: 60% pass at $1, failures at $0.1: 0.6 / (0.6 + 0.4 x 0.1).
    expect(computeShapeTruth(buildShapeModel('cheap-failures', 2)).ratio[0]).toBeCloseTo(0.6 / 0.64, 12);
    for (const ratio of computeShapeTruth(buildShapeModel('fails-cheap-often', 4)).ratio) expect(ratio).toBeCloseTo(0.9, 12);
    // runaway: 95% of arms pass 70% at $1; 5% fail at $15.
    const runaway = computeShapeTruth(buildShapeModel('runaway', 3));
    expect(runaway.work[0]).toBeCloseTo(0.95 * 0.7, 12);
    expect(runaway.dollars[0]).toBeCloseTo(0.95 + 0.05 * 15, 12);
    const ahead = computeShapeTruth(buildShapeModel('fails-cheap-ahead-1.5', 2));
    expect((ahead.ratio[0] as number) / (ahead.ratio[1] as number)).toBeCloseTo(1.5, 12);
  });

  it("never makes a task's cost factor depend on its passes while an arm's cost does (the truth would not factor)", () => {
    for (const shape of DECISION_SHAPES)
      for (const k of KS) {
        const model = buildShapeModel(shape, k);
        const ownPass = model.classes.some((c) => c.arms.some((arm) => (arm.failCost ?? 1) !== 1 || arm.runaway !== undefined));
        expect(model.hardCostly && ownPass, `${shape}, ${k}`).toBe(false);
      }
  });

  it('refuses an unknown shape and a number of providers it has no design for, naming the flag', () => {
    expect(() => parseDecisionShape('uniform', '--shape')).toThrow(/expected one of ties, both-fail/);
    expect(() => buildShapeModel('ties', 5)).toThrow(expect.objectContaining({ where: '--providers' }));
  });
});

describe('drawExperiment', () => {
  // 30 experiments of 240 tasks: 7,200 tasks a shape, a multiple of every design's sequences (2, 6, 4), so periods balance.
  it.each(KS)('draws sum q / sum c within 4.5 delta-method SEs of the truth, for every shape and provider, k = %i', (k) => {
    for (const shape of DECISION_SHAPES) {
      const model = buildShapeModel(shape, k);
      const truth = computeShapeTruth(model);
      const prepared = prepareShape(model);
      const random = createSeededRandom(`truth/${shape}/${k}`);
      const quality: number[][] = Array.from({ length: k }, () => []);
      const dollars: number[][] = Array.from({ length: k }, () => []);
      for (let run = 0; run < 30; run += 1) {
        const experiment = drawExperiment(prepared, 240, random);
        for (let p = 0; p < k; p += 1) {
          quality[p]?.push(...(experiment.quality[p] as Float64Array));
          dollars[p]?.push(...(experiment.dollars[p] as Float64Array));
        }
      }
      for (let p = 0; p < k; p += 1) {
        const summary = summarizeRatioOfSums(quality[p] as number[], dollars[p] as number[]);
        const error = Math.log(summary.ratio as number) - Math.log(truth.ratio[p] as number);
        expect(Math.abs(error), `${shape}, provider ${p}`).toBeLessThan(4.5 * (summary.log_se as number));
        expect(quality[p]?.every((q) => q >= 0 && q <= 1)).toBe(true);
        expect(dollars[p]?.every((c) => c > 0)).toBe(true);
      }
    }
  });

  it('completes each pair task with the later of its two arms, period by period, so pairs see their tasks in that order', () => {
    const model = buildShapeModel('ties', 3);
    const experiment = drawExperiment(prepareShape(model), 12, createSeededRandom('order'));
    expect(experiment.arms).toBe(36);
    for (const pair of experiment.pairs) {
      expect([...pair.completedAt].sort((x, y) => x - y)).toEqual(pair.completedAt);
      // No pair completes in the first period; each task's arms sit in three different periods.
      expect(Math.min(...pair.completedAt)).toBeGreaterThanOrEqual(12);
    }
    for (let i = 0; i < 12; i += 1) {
      const periods = experiment.armAt.map((at) => Math.floor((at[i] as number) / 12)).sort();
      expect(periods).toEqual([0, 1, 2]);
    }
    const twice = drawExperiment(prepareShape(buildShapeModel('epochs-2', 2)), 10, createSeededRandom('order'));
    // With two epochs, the pairs complete in the second epoch's second period: arms 30 to 39 of 40.
    expect(Math.min(...(twice.pairs[0]?.completedAt ?? []))).toBe(30);
  });
});
