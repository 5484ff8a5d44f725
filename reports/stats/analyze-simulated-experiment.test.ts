// Tests of one simulated experiment's analysis: which windows count, when the seed rule fires, the Grizzle input.
import { describe, expect, it } from 'vitest';
import { analyzeSimulatedExperiment, computePairedTP } from './analyze-simulated-experiment.js';
import type { SimulatedTask } from './simulate-crossover.js';

const rules = { alpha: 0.05, tuningN: 6, minN: 4, futilityMargin: 0 };

function task(index: number, sequence: 'AB' | 'BA', a: number, b: number, faults: [boolean, boolean] = [false, false]): SimulatedTask {
  const [first, second] = sequence === 'AB' ? (['A', 'B'] as const) : (['B', 'A'] as const);
  const value = (provider: 'A' | 'B'): number => (provider === 'A' ? a : b);
  return {
    index,
    sequence,
    baseline: 0,
    windows: [
      { provider: first, period: 1, value: value(first), negativeDelta: faults[0] },
      { provider: second, period: 2, value: value(second), negativeDelta: faults[1] },
    ],
  };
}

describe('analyzeSimulatedExperiment', () => {
  it('stops the normal-theory rule for A once four clear differences are in, and leaves out tasks with a failed capture', () => {
    const tasks = [
      task(1, 'AB', 5, 0),
      task(2, 'BA', 5.1, 0, [true, false]),
      task(3, 'BA', 5.2, 0),
      task(4, 'AB', 4.9, 0),
      task(5, 'AB', 5, 0.1),
    ];
    const outcome = analyzeSimulatedExperiment(tasks, rules, 5);
    expect(outcome.pairedTasks).toBe(4);
    expect(outcome.normalTheory).toEqual({ decision: 'superiority-A', n: 4 });
    // The betting rule cannot stop on 4 tasks: 1.75^4 < 2/alpha.
    expect(outcome.sequential).toEqual({ decision: 'continue', n: 4 });
    expect(outcome.naive).toMatchObject({ stopped: true, n: 4 });
    // Window 3 opens task 2 (BA): B's second window failed, 1 anomaly in 2 windows of B.
    expect(outcome.seedRule).toEqual({ fired: true, window: 3 });
    // D = y1 - y2: AB 5, 4.9, 4.9; BA -5.2; treatment (4.9333 + 5.2) / 2.
    expect(outcome.grizzle?.estimate).toBeCloseTo((14.8 / 3 + 5.2) / 2, 10);
  });

  it('stops the betting rule for A at the 7th clear difference, and runs the symmetry rule beside the bounded one', () => {
    const tasks = Array.from({ length: 9 }, (_, i) => task(i + 1, i % 2 ? 'BA' : 'AB', 0.9 + (i % 3) * 0.01, 0.1));
    expect(analyzeSimulatedExperiment(tasks, rules, 0.8).sequential).toEqual({ decision: 'superiority-A', n: 7 });
    const bounded = analyzeSimulatedExperiment(tasks, { ...rules, bounds: [-1, 1] }, 0.8);
    expect(bounded.symmetry).toEqual({ decision: 'superiority-A', n: 7 });
    expect(bounded.sequential.decision).toBe('superiority-A');
    expect(analyzeSimulatedExperiment(tasks, rules, 0.8).symmetry).toBeUndefined();
  });

  it('does not fire the seed rule at 1 anomaly in 3 windows of an arm', () => {
    const tasks = [task(1, 'AB', 1, 0), task(2, 'BA', 1, 0), task(3, 'AB', 1, 0, [true, false])];
    expect(analyzeSimulatedExperiment(tasks, rules, 1).seedRule).toEqual({ fired: false, window: null });
  });

  it('has no Grizzle interval without a usable task in each sequence', () => {
    const tasks = [task(1, 'AB', 1, 0), task(2, 'AB', 2, 0), task(3, 'AB', 1.5, 0), task(4, 'BA', 1, 0, [false, true])];
    expect(analyzeSimulatedExperiment(tasks, rules, 1).grizzle).toBeNull();
  });
});

describe('computePairedTP', () => {
  it('is the two-sided one-sample t-test p (scipy.stats.ttest_1samp gives 0.1023621558)', () => {
    expect(computePairedTP([1, 2, 4, -1, 3.5])).toBeCloseTo(0.10236215581279551, 10);
    expect(computePairedTP([2, 2, 2])).toBe(0);
    expect(computePairedTP([0, 0, 0])).toBe(1);
  });
});
