// --arm-budget: the same limit for each arm's window, made when the window is first charged; probes get none.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import type { ChargeContext } from './budget-contract.js';
import { BudgetTracker } from './budget-tracker.js';
import { describePolicy } from './describe-policy.js';
import { parseBudgetFlags } from './parse-budget-flags.js';

const ctx = (window: string | null): ChargeContext => ({
  agent: 'main-a-w1',
  command: null,
  provider: 'sim',
  window,
  feature: null,
  model: null,
});
const out = (output: number) => ({ input: 0, output, cache_read: 0, cache_creation: 0 });

describe('an each-window budget', () => {
  const policy = parseBudgetFlags({ armBudget: '100', budgetMetric: 'output', budgetMode: 'block' }, BUILT_IN_CATALOG);

  it('gives every arm its own limit, and no arm eats another one', () => {
    const tracker = new BudgetTracker(policy);
    expect(tracker.charge(ctx('plan-1-a001-x'), out(90)).map((event) => event.type)).toEqual(['threshold']);
    expect(tracker.charge(ctx('plan-1-a002-x'), out(90)).map((event) => event.type)).toEqual(['threshold']);
    expect(tracker.checkBlocked(ctx('plan-1-a002-x'))).toBeNull();
    // What the arm used past its block budget is charged, and said in an overshoot event.
    expect(tracker.charge(ctx('plan-1-a001-x'), out(20)).map((event) => [event.type, event.overshoot ?? null])).toEqual([
      ['exceeded', null],
      ['overshoot', 10],
    ]);
    expect(tracker.checkBlocked(ctx('plan-1-a001-x'))?.budget).toBe('arm:plan-1-a001-x');
    expect(tracker.checkBlocked(ctx('plan-1-a003-x'))).toBeNull();
    expect(tracker.usage().map((usage) => [usage.budget.id, usage.used])).toEqual([
      ['arm:plan-1-a001-x', 110],
      ['arm:plan-1-a002-x', 90],
      ['arm:plan-1-a003-x', 0],
    ]);
  });

  it('charges nothing to traffic without a window, nor to the runner probes of a window', () => {
    const tracker = new BudgetTracker(policy);
    expect(tracker.charge(ctx(null), out(500))).toEqual([]);
    expect(tracker.charge(ctx('plan-1-a001-x.before'), out(500))).toEqual([]);
    expect(tracker.charge(ctx('plan-1-a001-x.after'), out(500))).toEqual([]);
    expect(tracker.usage()).toEqual([]);
  });

  it('says what it is in the policy lines, and refuses a bad amount naming the flag', () => {
    expect(describePolicy(policy)[0]).toMatch(/^arm \(each arm's window\)\s+100 output tokens\s+block/);
    expect(() => parseBudgetFlags({ armBudget: 'lots' }, BUILT_IN_CATALOG)).toThrow(expect.objectContaining({ where: '--arm-budget' }));
  });
});
