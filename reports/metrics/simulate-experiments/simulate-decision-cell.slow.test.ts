// Reruns cells of docs/reports.md's tables under the betting sequence (ADR 0041): false claims at most alpha + 3 Monte Carlo SEs, and power.
import { describe, expect, it } from 'vitest';
import type { DecisionShape } from './build-shape-model.js';
import { simulateDecisionCell } from './simulate-decision-cell.js';

/** Runs per cell: a Monte Carlo SE of 0.69 points at a 5% rate, so a cell fails above 7.07%. */
const RUNS = 1000;
const SEED = 'slow-decision';

type Cell = [DecisionShape | string, number, number];

/** Shapes every provider shares, across providers and sizes (docs/reports.md, "How often the decision names..."). */
const SHARED: Cell[] = [
  ['ties', 2, 300],
  ['both-fail', 3, 100],
  ['cheap-fails-often', 2, 100],
  ['rare-wins', 4, 40],
  ['epochs-3', 2, 100],
  // Four providers, a first arm dearer than the rest: a task entering its pairs before its last arm made 6.3-7.1% here.
  ['period', 4, 300],
  ['low-pass', 2, 100],
  ['partial', 3, 40],
  ['hard-costly', 4, 40],
  ['skewed-costs', 2, 20],
  ['unequal-spread', 2, 100],
  ['skewed-shared', 3, 40],
  ['cheap-failures-20', 2, 300],
  ['runaway', 2, 300],
];

/**
 * A tail on one side (ADR 0034's families, which broke its guard at 300 tasks) and tails of different kinds on each side
 * (ADR 0041): each arm is stopped at 5x a passed arm, so loops of any size cost at most the budget.
 */
const TAILS: Cell[] = [
  ['runaway-one-sided:rate=0.02,size=60', 2, 20],
  ['runaway-one-sided:rate=0.005,size=500', 2, 1000],
  ['runaway-one-sided:rate=0.05,size=60', 2, 300],
  ['runaway-one-sided:rate=0.1,size=40', 3, 40],
  ['pareto-one-sided:alpha=1.2', 2, 300],
  ['pareto-one-sided:alpha=1.5', 3, 40],
  ['elastic-difficulty:a=2.5,b=0.2', 2, 100],
  ['timeouts:size=20', 4, 20],
  ['two-tails', 2, 300],
];

function checkCell([shape, providers, tasks]: Cell): void {
  const cell = simulateDecisionCell({ shape, providers, tasks, runs: RUNS, seed: SEED });
  const limit = cell.alpha + 3 * cell.monteCarloSe;
  expect(cell.falseClaims.rate, `${shape}, ${providers} providers, ${tasks} tasks`).toBeLessThanOrEqual(limit);
}

describe('the decision on work per dollar, simulated', () => {
  it.each(SHARED)('names a provider that is not ahead at most alpha + 3 MC SE: %s, %i providers, %i tasks', (...cell) => {
    checkCell(cell);
  });

  it.each(TAILS)('holds alpha + 3 MC SE with tails on one side, every arm within its budget: %s, %i providers, %i tasks', (...cell) => {
    checkCell(cell);
  });

  it('names a provider truly 2 times ahead in most runs of 100 tasks, stopping early', () => {
    const cell = simulateDecisionCell({ shape: 'ahead-2', providers: 2, tasks: 100, runs: RUNS, seed: SEED });
    expect(cell.power?.rate).toBeGreaterThan(0.95);
    expect(cell.meanTasks.mean).toBeLessThan(60);
  });

  it('names a provider truly 2 times ahead on heavy tails of different kinds (the issue-81 shape) far more often at 200 tasks than at 40', () => {
    const small = simulateDecisionCell({ shape: 'two-tails:ahead=2', providers: 2, tasks: 40, runs: RUNS, seed: SEED });
    const large = simulateDecisionCell({ shape: 'two-tails:ahead=2', providers: 2, tasks: 200, runs: RUNS, seed: SEED });
    expect(large.power?.rate).toBeGreaterThan(0.5);
    expect(large.power?.rate).toBeGreaterThan((small.power?.rate ?? 1) + 0.3);
    expect(large.falseClaims.rate).toBeLessThan(0.01);
  });

  it('names a provider truly 1.5 times ahead when its failures cost a tenth', () => {
    const cell = simulateDecisionCell({ shape: 'fails-cheap-ahead-1.5', providers: 2, tasks: 100, runs: RUNS, seed: SEED });
    expect(cell.power?.rate).toBeGreaterThan(0.45);
    expect(cell.falseClaims.rate).toBeLessThan(0.01);
  });

  it("finds one-sided carry-over on the experiment's own tasks at its level, and when A gains half its cost running second", () => {
    const none = simulateDecisionCell({ shape: 'ties', providers: 2, tasks: 300, runs: RUNS, seed: SEED });
    expect(none.carryOverFound.rate).toBeLessThanOrEqual(none.alpha + 3 * none.monteCarloSe);
    const half = simulateDecisionCell({ shape: 'carry-over:gain=0.5', providers: 2, tasks: 100, runs: RUNS, seed: SEED });
    expect(half.carryOverFound.rate).toBeGreaterThan(0.6);
  });
});
