// Paired bootstrap of ratios of sums: estimates, pairing, degenerate resamples, scale and overflow.
import { describe, expect, it } from 'vitest';
import { bootstrapRatio, sumWeighted, type PairedTask } from './bootstrap-ratio.js';
import { createSeededRandom } from './seeded-random.js';
import { bootstrapStatistics } from './bootstrap.js';

/** Tasks with cost ~ 2-6 on A and 70% of that on B, success rates 0.8 and 0.7, correlated by task difficulty. */
function makeTasks(count: number, seed: string): PairedTask[] {
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const difficulty = 2 + 4 * random();
    return {
      task_id: `t${i}`,
      a: { numerator: difficulty * (0.9 + 0.2 * random()), denominator: random() < 0.8 ? 1 : 0 },
      b: { numerator: 0.7 * difficulty * (0.9 + 0.2 * random()), denominator: random() < 0.7 ? 1 : 0 },
    };
  });
}

describe('bootstrapRatio', () => {
  it('estimates cost per success per arm, their ratio and difference on the data', () => {
    const tasks: PairedTask[] = [
      { a: { numerator: 2, denominator: 1 }, b: { numerator: 1, denominator: 1 } },
      { a: { numerator: 4, denominator: 0 }, b: { numerator: 3, denominator: 1 } },
      { a: { numerator: 6, denominator: 1 }, b: { numerator: 2, denominator: 0 } },
    ];
    const result = bootstrapRatio(tasks, { seed: 1, resamples: 1_000 });
    expect(result.a.estimate).toBe(6);
    expect(result.b.estimate).toBe(3);
    expect(result.ratio.estimate).toBe(2);
    expect(result.difference.estimate).toBe(3);
    expect(result.a.degenerate).toBeGreaterThan(0);
    expect(result.ratio.degenerate).toBeGreaterThanOrEqual(result.a.degenerate);
  });

  it('resamples whole tasks: identical arms give a ratio of exactly 1 in every resample, so n/a rather than a zero-width interval', () => {
    const tasks = makeTasks(40, 'same-arms').map((task) => ({ ...task, b: { ...task.a } }));
    const result = bootstrapRatio(tasks, { seed: 2 });
    expect(result.ratio).toMatchObject({ estimate: 1, valid: result.ratio.resamples, se: 0, percentile: null, bca: null });
    expect(result.ratio.note).toBe('no variation: every valid resample gave 1, so an interval would have zero width');
    expect(result.difference).toMatchObject({
      se: 0,
      percentile: null,
      note: 'no variation: every valid resample gave 0, so an interval would have zero width',
    });
    expect(result.a.percentile?.low).toBeLessThan(result.a.percentile?.high as number);
  });

  it('finds the 0.7/0.8-ish cost ratio with a finite interval around it', () => {
    const result = bootstrapRatio(makeTasks(100, 'realistic'), { seed: 'ratio' });
    expect(result.ratio.percentile?.low).toBeLessThan(result.ratio.estimate);
    expect(result.ratio.percentile?.high).toBeGreaterThan(result.ratio.estimate);
    expect(result.ratio.bca?.low).toBeLessThan(result.ratio.estimate);
    expect(result.ratio.degenerate).toBe(0);
  });

  it('runs 10,000 resamples over 100 tasks (prints the time; the bench tracks the 200 ms target)', () => {
    const tasks = makeTasks(100, 'timing');
    bootstrapRatio(tasks, { seed: 'warm-up', resamples: 500 });
    const started = performance.now();
    const result = bootstrapRatio(tasks, { seed: 'timing' });
    const elapsed = performance.now() - started;
    console.log(`bootstrapRatio: 10,000 resamples x 100 tasks, 4 statistics with percentile + BCa: ${elapsed.toFixed(1)} ms`);
    expect(result.ratio.resamples).toBe(10_000);
  });

  it.each([1e300, 1e-300])('gives the same ratio interval, and arm intervals times the scale, with costs %d x larger', (factor) => {
    const tasks = makeTasks(30, 'scale');
    const plain = bootstrapRatio(tasks, { seed: 'scale', resamples: 2_000 });
    const scaled = bootstrapRatio(
      tasks.map((task) => ({
        ...task,
        a: { ...task.a, numerator: task.a.numerator * factor },
        b: { ...task.b, numerator: task.b.numerator * factor },
      })),
      { seed: 'scale', resamples: 2_000 },
    );
    expect(Math.abs((scaled.ratio.bca?.low as number) / (plain.ratio.bca?.low as number) - 1)).toBeLessThan(1e-12);
    expect(Math.abs((scaled.a.bca?.high as number) / factor / (plain.a.bca?.high as number) - 1)).toBeLessThan(1e-12);
    expect(Math.abs((scaled.a.se as number) / factor / (plain.a.se as number) - 1)).toBeLessThan(1e-12);
  });

  it('says why when the ratio of the arms is past the double range (1e300 / 1e-300)', () => {
    const tasks = makeTasks(10, 'overflow').map((task) => ({
      a: { numerator: task.a.numerator * 1e300, denominator: 1 },
      b: { numerator: task.b.numerator * 1e-300, denominator: 1 },
    }));
    const { ratio } = bootstrapRatio(tasks, { seed: 1, resamples: 200 });
    expect(ratio).toMatchObject({
      percentile: null,
      bca: null,
      note: 'the statistic is not finite on the data (Infinity: a zero denominator, a NaN value or a result past ±1.8e308)',
    });
  });

  it('sums with weights', () => {
    expect(sumWeighted(Float64Array.of(1, 2, 3), Float64Array.of(2, 0, 1))).toBe(5);
  });
});

describe('bootstrapRatio leaves one task out from its totals', () => {
  it('gives the BCa intervals the generic jackknife gives, also with one task holding almost every dollar', () => {
    const random = createSeededRandom('loo');
    const draw = (n: number, dominant: boolean): PairedTask[] =>
      Array.from({ length: n }, (_, i) => ({
        a: { numerator: random() < 0.7 ? 1 : 0, denominator: dominant && i === 3 ? 1e9 : 0.1 + random() },
        b: { numerator: random() < 0.6 ? 1 : 0, denominator: 0.1 + random() },
      }));
    for (const tasks of [draw(40, false), draw(25, true), draw(7, false)]) {
      const options = { seed: 'loo', resamples: 400 };
      const fast = bootstrapRatio(tasks, options);
      const sum = (values: number[], w: Float64Array) => values.reduce((s, v, i) => s + v * (w[i] as number), 0);
      const column = (pick: (t: PairedTask) => number) => tasks.map(pick);
      const [aN, aD, bN, bD] = [
        column((t) => t.a.numerator),
        column((t) => t.a.denominator),
        column((t) => t.b.numerator),
        column((t) => t.b.denominator),
      ];
      const armA = (w: Float64Array) => sum(aN as number[], w) / sum(aD as number[], w);
      const armB = (w: Float64Array) => sum(bN as number[], w) / sum(bD as number[], w);
      const generic = bootstrapStatistics(
        tasks.length,
        { a: armA, b: armB, ratio: (w) => armA(w) / armB(w), difference: (w) => armA(w) - armB(w) },
        options,
      );
      for (const key of ['a', 'b', 'ratio', 'difference'] as const) {
        expect(fast[key].bca?.low ?? null).toBeCloseTo(generic[key].bca?.low ?? Number.NaN, 10);
        expect(fast[key].bca?.high ?? null).toBeCloseTo(generic[key].bca?.high ?? Number.NaN, 10);
      }
    }
  });
});
