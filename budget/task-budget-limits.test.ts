// A plan's task budget: each provider's arms get their own limit per window; reached, the arm is stopped, never refused.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import type { ChargeContext } from './budget-contract.js';
import { BudgetTracker } from './budget-tracker.js';
import { describePolicy } from './describe-policy.js';
import { createPriceTable } from './prices/price-table.js';
import { buildTaskBudgetLimits } from './task-budget-limits.js';

const ctx = (window: string | null): ChargeContext => ({
  agent: 'main-a-w1',
  command: null,
  provider: 'scripted',
  window,
  feature: null,
  model: 'scripted-glm',
});
// scripted-glm: $0.6 / $2.2 per million input / output tokens.
const out = (output: number) => ({ input: 0, output, cache_read: 0, cache_creation: 0 });
const owner = (window: string) => (window.endsWith('-glm') ? 'glm' : window.endsWith('-claude') ? 'claude' : null);

describe('a task budget', () => {
  const limits = buildTaskBudgetLimits({ metric: 'cost', limits: { glm: 0.0022, claude: 1 }, source: '--task-budget test' });
  const policy = { limits, prices: createPriceTable(BUILT_IN_CATALOG), sources: ['test'], windowProvider: owner };

  it("gives each arm of a provider that provider's limit, and stops it once reached without refusing or capping a charge", () => {
    const tracker = new BudgetTracker(policy);
    tracker.charge(ctx('p-a001-glm'), out(600));
    expect(tracker.checkBlocked(ctx('p-a001-glm'))).toBeNull();
    tracker.charge(ctx('p-a001-glm'), out(600));
    // 1,200 output tokens at $2.2 per million is $0.00264: past $0.0022, charged whole (the arm costs what it used).
    expect(tracker.checkBlocked(ctx('p-a001-glm'))?.budget).toBe('task:glm:p-a001-glm');
    expect(tracker.usage().find((u) => u.budget.id === 'task:glm:p-a001-glm')?.used).toBeCloseTo(0.00264, 10);
    // Another arm of the same provider starts from nothing; an arm of the other provider has its own, larger limit.
    expect(tracker.checkBlocked(ctx('p-a002-glm'))).toBeNull();
    tracker.charge(ctx('p-a003-claude'), out(1200));
    expect(tracker.checkBlocked(ctx('p-a003-claude'))).toBeNull();
  });

  it('never reserves for a request nor cuts a stream: a worst case the arm may not reach holds nothing back', () => {
    const tracker = new BudgetTracker(policy);
    const stream = tracker.openStream(ctx('p-a001-glm'));
    expect(stream.canBeCut).toBe(false);
    expect(tracker.checkProvisional(ctx('p-a001-glm'), out(10_000_000))).toBeNull();
  });

  it('charges no window that is not an arm of a budgeted provider, nor the runner probes', () => {
    const tracker = new BudgetTracker(policy);
    tracker.charge(ctx('p-a004-codex'), out(10_000_000));
    tracker.charge(ctx('p-a001-glm.before'), out(10_000_000));
    tracker.charge(ctx(null), out(10_000_000));
    expect(tracker.usage()).toEqual([]);
  });

  it('says what it is in the policy lines', () => {
    expect(describePolicy(policy)[0]).toMatch(/^task:glm \(each glm's window\)\s+\$0\.0022\s+stops the arm\s+no warnings/);
  });
});
