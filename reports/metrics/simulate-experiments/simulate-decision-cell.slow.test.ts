// Reruns cells of docs/reports.md's table ("How often the decision names a provider that is not ahead"): false claims at most alpha + 3 Monte Carlo SEs.
import { describe, expect, it } from 'vitest';
import type { DecisionShape } from './build-shape-model.js';
import { simulateDecisionCell } from './simulate-decision-cell.js';

/** Runs per cell: a Monte Carlo SE of 0.69 points at a 5% rate, so a cell fails above 7.07%. About 6 s in all on 2 busy cores. */
const RUNS = 1000;
const SEED = 'slow-decision';

type Cell = [DecisionShape | string, number, number];

/** Shapes where the decision keeps its error rate in the table (2,000 runs a cell), across providers and sizes. */
const HOLDING: Cell[] = [
  ['ties', 2, 200],
  ['both-fail', 3, 100],
  ['cheap-fails-often', 2, 50],
  ['rare-wins', 4, 100],
  ['epochs-3', 2, 200],
  ['period', 4, 50],
  ['low-pass', 2, 200],
  ['partial', 3, 50],
  ['hard-costly', 4, 200],
  // Long-tailed costs: 12.4%, 16.0% and 12.2% before the lognormal floor; now the floor within outcome cells (ADR 0032).
  ['skewed-costs', 2, 20],
  ['unequal-spread', 2, 50],
  ['skewed-shared', 4, 50],
  // Bimodal costs (failures a tenth or a twentieth of a success), and runaway arms (the kurtosis df): ADR 0032.
  ['cheap-failures', 2, 50],
  ['fails-cheap-often', 3, 100],
  ['cheap-failures-20', 2, 20],
  ['runaway', 2, 100],
];

/**
 * One provider's tail (ADR 0034), under a plan that guards against unseen runaways of 30x: a sample of the families'
 * cells, across rates, sizes, providers and tasks. Unguarded, the first named A ahead in 22.9% of runs.
 */
const GUARDED: Cell[] = [
  ['runaway-one-sided:rate=0.02,size=60', 2, 10],
  ['runaway-one-sided:rate=0.05,size=60', 2, 100],
  ['runaway-one-sided:rate=0.1,size=40', 3, 20],
  ['runaway-one-sided:rate=0.15,size=5', 4, 40],
  ['pareto-one-sided:alpha=1.2', 2, 100],
  ['pareto-one-sided:alpha=1.5', 3, 40],
  ['elastic-difficulty:a=2.5,b=0.2', 2, 40],
  ['timeouts:size=20', 4, 10],
];

function checkCell([shape, providers, tasks]: Cell, tailGuard?: number): void {
  const cell = simulateDecisionCell({ shape, providers, tasks, runs: RUNS, seed: SEED, ...(tailGuard === undefined ? {} : { tailGuard }) });
  const limit = cell.alpha + 3 * cell.monteCarloSe;
  expect(cell.falseClaims.rate, `${shape}, ${providers} providers, ${tasks} tasks`).toBeLessThanOrEqual(limit);
}

describe('the decision on work per dollar, simulated', () => {
  it.each(HOLDING)('names a provider that is not ahead at most alpha + 3 MC SE: %s, %i providers, %i tasks', (...cell) => {
    checkCell(cell);
  });

  it.each(GUARDED)(
    'names a provider that is not ahead at most alpha + 3 MC SE with a 30x tail guard: %s, %i providers, %i tasks',
    (...cell) => {
      checkCell(cell, 30);
    },
  );

  // The power the interval of ADR 0032 won, held for a plan that turns the tail guard off (--tail-guard 1); guarded by the default 30x,
  // 1.5x at 100 tasks is named in no run (ADR 0034's table: about 400 tasks for 90%).
  it('has the power to name a provider truly 1.5 times ahead when its failures cost a tenth (it was 1.0% on 8d1aeb7)', () => {
    const cell = simulateDecisionCell({ shape: 'fails-cheap-ahead-1.5', providers: 2, tasks: 100, runs: RUNS, seed: SEED });
    expect(cell.power?.rate).toBeGreaterThan(0.7);
    expect(cell.falseClaims.rate).toBeLessThan(0.01);
  });

  it('has the power to name a provider truly 1.5 times ahead, stopping early', () => {
    const cell = simulateDecisionCell({ shape: 'ahead-1.5', providers: 2, tasks: 100, runs: RUNS, seed: SEED });
    expect(cell.power?.rate).toBeGreaterThan(0.8);
    expect(cell.falseClaims.rate).toBeLessThan(0.01);
    expect(cell.meanTasks.mean).toBeLessThan(80);
  });
});
