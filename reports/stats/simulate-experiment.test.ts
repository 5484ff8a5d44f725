// Tests of the simulation: the crossover model, replay by seed, and the reviewer's design-check figures.
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random.js';
import { findProviderWindow, simulateCrossover } from './simulate-crossover.js';
import { simulateExperiments, simulateOneExperiment } from './simulate-experiment.js';

describe('simulateCrossover', () => {
  it('balances sequences in blocks of two and scales A - B to SD 1 around the planted effect', () => {
    const tasks = simulateCrossover({ tasks: 20_000, effect: 0.7, anomalyRate: 0.05 }, createSeededRandom('model'));
    for (let i = 0; i < tasks.length; i += 2) expect(new Set([tasks[i]?.sequence, tasks[i + 1]?.sequence])).toEqual(new Set(['AB', 'BA']));
    const diffs = tasks.map((task) => findProviderWindow(task, 'A').value - findProviderWindow(task, 'B').value);
    const mean = diffs.reduce((sum, d) => sum + d, 0) / diffs.length;
    const sd = Math.sqrt(diffs.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (diffs.length - 1));
    expect(mean).toBeCloseTo(0.7, 1);
    expect(sd).toBeGreaterThan(0.98);
    expect(sd).toBeLessThan(1.02);
    const faults = tasks.flatMap((task) => task.windows).filter((window) => window.negativeDelta).length / (2 * tasks.length);
    expect(faults).toBeGreaterThan(0.045);
    expect(faults).toBeLessThan(0.055);
  });

  it('puts A first in AB and B first in BA', () => {
    for (const task of simulateCrossover({ tasks: 6, effect: 0 }, createSeededRandom(3))) {
      expect(task.windows.map((window) => window.provider).join('')).toBe(task.sequence);
      expect(task.windows.map((window) => window.period)).toEqual([1, 2]);
    }
  });

  it('refuses a design it cannot simulate, naming the field', () => {
    expect(() => simulateCrossover({ tasks: 1, effect: 0 }, Math.random)).toThrow(/tasks must be a whole number >= 2, got 1/);
    expect(() => simulateCrossover({ tasks: 4, effect: 0, periodEffect: 1 }, Math.random)).toThrow(/periodEffect must be between -1 and 1, got 1/);
  });
});

describe('simulateExperiments', () => {
  it('replays exactly from the same seed', () => {
    const run = (seed: string) => simulateExperiments({ seed, replicates: 50, tasks: 12, effect: 0.5 });
    expect(run('a')).toEqual(run('a'));
    expect(run('a').naive.stops.count).not.toBe(run('b').naive.stops.count + 1000);
    expect(simulateOneExperiment({ tasks: 8, effect: 1 }, 's')).toEqual(simulateOneExperiment({ tasks: 8, effect: 1 }, 's'));
  });

  it('refuses replicates below 1 naming the flag', () => {
    expect(() => simulateExperiments({ seed: 1, replicates: 0, tasks: 10, effect: 0 })).toThrow(/expected a whole number >= 1, got 0/);
  });

  // The reviewer's figures, at the full 2,000 replicates (about a tenth of a second each).
  const nullRun = simulateExperiments({ seed: 'review', replicates: 2000, tasks: 20, effect: 0 });
  const effectRun = simulateExperiments({ seed: 'review', replicates: 2000, tasks: 20, effect: 1 });
  console.log(
    `2,000 experiments of 20 tasks, a look after every task: false stops CS ${nullRun.sequential.anySuperiority.rate}, naive peeking ${nullRun.naive.stops.rate}; ` +
      `power at 1 SD: CS ${effectRun.sequential.power} (mean n ${effectRun.sequential.anySuperiority.meanN?.toFixed(1)}), fixed-n t ${effectRun.fixedN.power}; ` +
      `Grizzle coverage ${effectRun.grizzle.coverage}; CS coverage ${nullRun.sequential.coverage}; seed rule ${nullRun.seedRule.rate}`,
  );

  it('keeps false stops of two identical providers at or below 5% when looking after every task; naive peeking does not', () => {
    expect(nullRun.sequential.anySuperiority.rate).toBeLessThanOrEqual(0.05);
    expect(nullRun.naive.stops.rate).toBeGreaterThan(0.15);
    expect(nullRun.naive.stops.rate).toBeGreaterThan(3 * nullRun.sequential.anySuperiority.rate);
    expect(nullRun.sequential.coverage).toBeGreaterThanOrEqual(0.95);
  });

  it('detects a planted effect of 1 SD over 20 tasks at least 80% of the time, in the right direction', () => {
    expect(effectRun.sequential.power).toBeGreaterThanOrEqual(0.8);
    expect(effectRun.sequential.superiorityB.rate).toBeLessThan(0.005);
    expect(effectRun.sequential.anySuperiority.meanN).toBeLessThan(20);
  });

  it('covers the planted treatment effect with the Grizzle interval about 95% of the time', () => {
    expect(effectRun.grizzle.computed).toBe(2000);
    expect(effectRun.grizzle.coverage).toBeGreaterThan(0.935);
    expect(effectRun.grizzle.coverage).toBeLessThan(0.965);
  });
});
