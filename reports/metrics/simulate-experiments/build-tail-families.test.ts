// The one-sided tail families: parameters parsed and refused, every provider doing A's true work per dollar, draws agreeing with it.
import { describe, expect, it } from 'vitest';
import { summarizeRatioOfSums } from '../../stats/ratio-of-sums.js';
import { createSeededRandom } from '../../stats/seeded-random.js';
import { buildShapeModel, describeShape, parseDecisionShape } from './build-shape-model.js';
import { parseFamilySpec } from './build-tail-families.js';
import { computeShapeTruth } from './compute-shape-truth.js';
import { drawExperiment, prepareShape } from './draw-experiment.js';

const SPECS = [
  'runaway-one-sided',
  'runaway-one-sided:rate=0.02,size=60',
  'runaway-one-sided:rate=0.15,size=5',
  'pareto-one-sided:alpha=1.2',
  'pareto-one-sided:alpha=2',
  'elastic-difficulty:a=2,b=0',
  'timeouts:size=20,pass=0.6',
];

describe('the tail families', () => {
  it.each([2, 3, 4])('give each of %i providers the same true work per dollar, A alone carrying the tail', (k) => {
    for (const spec of SPECS) {
      const model = buildShapeModel(spec, k);
      const truth = computeShapeTruth(model);
      for (const ratio of truth.ratio) expect(ratio / (truth.ratio[0] as number)).toBeCloseTo(1, 12);
      expect(truth.leader).toBeNull();
      const [a, ...others] = model.classes[0]?.arms ?? [];
      expect(others.every((arm) => arm.runaway === undefined && arm.pareto === undefined)).toBe(true);
      expect(a).toBeDefined();
    }
  });

  it('reads the runaway family by hand: B priced at 1 + rate x size / (1 - rate) of A', () => {
    const model = buildShapeModel('runaway-one-sided:rate=0.05,size=15', 2);
    expect(model.classes[0]?.arms[0]?.runaway).toEqual({ share: 0.05, cost: 15 });
    expect(model.classes[0]?.arms[1]?.cost).toBeCloseTo(1 + (0.05 * 15) / 0.95, 12);
  });

  it('fills defaults, and refuses an unknown family, parameter or value, naming --shape', () => {
    expect(parseFamilySpec('runaway-one-sided:size=60', '--shape').values).toEqual({ rate: 0.05, size: 60 });
    expect(parseDecisionShape('timeouts:size=5', '--shape')).toBe('timeouts:size=5');
    expect(describeShape('pareto-one-sided:alpha=1.2')).toMatch(/Pareto tail .*alpha=1.2/);
    expect(() => parseDecisionShape('runaway-one-sided:rate=0.9', '--shape')).toThrow(/expected rate from 0.001 to 0.5, got "0.9"/);
    expect(() => parseDecisionShape('runaway-one-sided:speed=2', '--shape')).toThrow(/expected rate or size for runaway-one-sided/);
    expect(() => parseDecisionShape('runaway-one-sided:rate=', '--shape')).toThrow(expect.objectContaining({ where: '--shape' }));
    expect(() => parseDecisionShape('runaway:rate=0.1', '--shape')).toThrow(/expected one of ties/);
  });

  // Finite-variance members only: a Pareto of index 1.2 has no SE to compare with.
  it.each(['runaway-one-sided:rate=0.1,size=20', 'pareto-one-sided:alpha=3', 'elastic-difficulty', 'timeouts'])(
    'draws sum q / sum c within 4.5 delta-method SEs of the truth: %s',
    (spec) => {
      const model = buildShapeModel(spec, 2);
      const truth = computeShapeTruth(model);
      const prepared = prepareShape(model);
      const random = createSeededRandom(`truth/${spec}`);
      const quality: number[][] = [[], []];
      const dollars: number[][] = [[], []];
      for (let run = 0; run < 30; run += 1) {
        const experiment = drawExperiment(prepared, 240, random);
        for (let p = 0; p < 2; p += 1) {
          quality[p]?.push(...(experiment.quality[p] as Float64Array));
          dollars[p]?.push(...(experiment.dollars[p] as Float64Array));
        }
      }
      for (let p = 0; p < 2; p += 1) {
        const summary = summarizeRatioOfSums(quality[p] as number[], dollars[p] as number[]);
        const error = Math.log(summary.ratio as number) - Math.log(truth.ratio[p] as number);
        expect(Math.abs(error), `${spec}, provider ${p}`).toBeLessThan(4.5 * (summary.log_se as number));
      }
    },
  );
});
