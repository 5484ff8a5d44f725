// Tests charging: scopes and metrics, warnings and overruns once, block refusals, cost, restore.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import type { BudgetLimit, ChargeContext } from './budget-contract.js';
import { BudgetTracker } from './budget-tracker.js';
import { parseBudgetFlags } from './parse-budget-flags.js';
import { createPriceTable } from './prices/price-table.js';
import { normalizeCommand } from './normalize-command.js';

const ctx = (fields: Partial<ChargeContext> = {}): ChargeContext => ({
  agent: 'main',
  command: null,
  provider: null,
  window: null,
  feature: null,
  model: null,
  ...fields,
});
const out = (output: number) => ({ input: 0, output, cache_read: 0, cache_creation: 0 });
const limit = (fields: Partial<BudgetLimit> & Pick<BudgetLimit, 'id' | 'scope' | 'key' | 'limit'>): BudgetLimit => ({
  metric: 'total',
  mode: 'warn',
  warnAt: [0.8],
  ...fields,
});

describe('BudgetTracker.charge', () => {
  it('charges /test --args to the /test budget, and overall always', () => {
    const tracker = new BudgetTracker(
      parseBudgetFlags({ overallTokenBudget: '10000', commandBudget: ['/test=1000', '/lint=1000'] }, BUILT_IN_CATALOG),
    );
    tracker.charge(ctx({ command: normalizeCommand('/test --args x') }), out(300));
    tracker.charge(ctx({ command: '/Test --watch' }), out(100));
    tracker.charge(ctx(), out(50));
    expect(tracker.usage().map(({ budget, used }) => [budget.id, used])).toEqual([
      ['overall', 450],
      ['command:/test', 400],
      ['command:/lint', 0],
    ]);
  });

  it('records a threshold once, not once per charge, then exceeded once', () => {
    const tracker = new BudgetTracker(parseBudgetFlags({ commandBudget: ['/test=1000'], budgetWarnAt: '0.5,0.8' }, BUILT_IN_CATALOG));
    const seen = Array.from({ length: 12 }, () => tracker.charge(ctx({ command: '/test' }), out(100)));
    const events = seen.flat().map((event) => [event.type, event.threshold ?? null, event.used]);
    expect(events).toEqual([
      ['threshold', 0.5, 500],
      ['threshold', 0.8, 800],
      ['exceeded', null, 1000],
    ]);
    expect(seen[4]?.map((event) => event.type)).toEqual(['threshold']);
  });

  it('records every threshold a single big charge jumps past, then exceeded', () => {
    const tracker = new BudgetTracker(parseBudgetFlags({ overallTokenBudget: '100', budgetWarnAt: '0.5,0.8' }, BUILT_IN_CATALOG));
    expect(tracker.charge(ctx(), out(150)).map((event) => event.threshold ?? event.type)).toEqual([0.5, 0.8, 'exceeded']);
  });

  it('keeps two agents with separate agent budgets apart', () => {
    const tracker = new BudgetTracker(parseBudgetFlags({ agentBudget: ['sub1=100', 'sub2=100'] }, BUILT_IN_CATALOG));
    const events = tracker.charge(ctx({ agent: 'sub1' }), out(100));
    expect(events.map((event) => [event.type, event.budget])).toEqual([
      ['threshold', 'agent:sub1'],
      ['exceeded', 'agent:sub1'],
    ]);
    expect(tracker.charge(ctx({ agent: 'sub2' }), out(10))).toEqual([]);
    expect(tracker.usage().map(({ budget, used }) => [budget.id, used])).toEqual([
      ['agent:sub1', 100],
      ['agent:sub2', 10],
    ]);
  });

  it('matches provider, window and feature budgets on their own field only', () => {
    const tracker = new BudgetTracker(
      parseBudgetFlags({ providerBudget: ['glm=1000'], windowBudget: ['W1=1000'], featureBudget: ['f1=1000'] }, BUILT_IN_CATALOG),
    );
    tracker.charge(ctx({ provider: 'glm' }), out(1));
    tracker.charge(ctx({ window: 'W1', feature: 'f1' }), out(2));
    tracker.charge(ctx({ provider: 'anthropic', window: 'W2' }), out(4));
    expect(tracker.usage().map(({ used }) => used)).toEqual([1, 2, 2]);
  });

  it('counts each budget in its own metric', () => {
    const tracker = new BudgetTracker({
      prices: createPriceTable(BUILT_IN_CATALOG),
      limits: (['total', 'input', 'output', 'input+output'] as const).map((metric) =>
        limit({ id: `agent:${metric}`, scope: 'agent', key: 'main', limit: 1e9, metric }),
      ),
    });
    tracker.charge(ctx(), { input: 100, output: 20, cache_read: 1000, cache_creation: 300 });
    expect(tracker.usage().map(({ used }) => used)).toEqual([1420, 1400, 20, 120]);
  });

  it('charges the cost metric at the override price, and unpriced usage as $0 with a one-time note', () => {
    const policy = parseBudgetFlags(
      { overallTokenBudget: '1', budgetMetric: 'cost', budgetWarnAt: '0.5', prices: 'p.json' },
      BUILT_IN_CATALOG,
      () => JSON.stringify({ models: { 'my-model': { input: 2, output: 10 } } }),
    );
    const tracker = new BudgetTracker(policy);
    expect(tracker.charge(ctx({ model: 'mystery-1' }), { input: 1_000_000, output: 0, cache_read: 0, cache_creation: 0 })).toEqual([]);
    const events = tracker.charge(ctx({ model: 'my-model' }), { input: 250_000, output: 25_000, cache_read: 0, cache_creation: 0 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'threshold',
      metric: 'cost',
      threshold: 0.5,
      detail: 'counted as $0: no price for model "mystery-1" (add it with --prices FILE)',
    });
    expect(events[0]?.used).toBeCloseTo(0.75, 10);
    const later = tracker.charge(ctx({ model: 'my-model' }), { input: 125_000, output: 0, cache_read: 0, cache_creation: 0 });
    expect(later.map((event) => [event.type, event.detail])).toEqual([['exceeded', undefined]]);
    expect(tracker.notes()).toEqual(['overall: no price for model "mystery-1" (add it with --prices FILE)']);
  });

  it('ignores empty and nonsense deltas', () => {
    const tracker = new BudgetTracker(parseBudgetFlags({ overallTokenBudget: '10' }, BUILT_IN_CATALOG));
    expect(tracker.charge(ctx(), { input: Number.NaN, output: -5, cache_read: 0, cache_creation: 0 })).toEqual([]);
    expect(tracker.usage()[0]?.used).toBe(0);
  });
});

describe('BudgetTracker block checks', () => {
  it('refuses a request once a block budget of its context is spent, and only then', () => {
    const tracker = new BudgetTracker(
      parseBudgetFlags({ commandBudget: ['/test=1000'], agentBudget: ['sub1=5000'], budgetMode: 'block' }, BUILT_IN_CATALOG),
    );
    const test = ctx({ command: '/test', agent: 'sub1' });
    tracker.charge(test, out(999));
    expect(tracker.checkBlocked(test)).toBeNull();
    expect(tracker.charge(test, out(1)).map((event) => event.type)).toEqual(['exceeded']);
    expect(tracker.checkBlocked(test)).toMatchObject({ type: 'refused', budget: 'command:/test', used: 1000, limit: 1000, mode: 'block' });
    expect(tracker.checkBlocked(ctx({ command: '/lint', agent: 'sub1' }))).toBeNull();
  });

  it('charges a block budget all it used, as a warn budget, saying in an overshoot event what passed its limit', () => {
    const tracker = new BudgetTracker(
      parseBudgetFlags({ agentBudget: ['main=1000'], budgetMode: 'block', budgetWarnAt: 'none' }, BUILT_IN_CATALOG),
    );
    const warn = new BudgetTracker(parseBudgetFlags({ agentBudget: ['main=1000'], budgetWarnAt: 'none' }, BUILT_IN_CATALOG));
    tracker.charge(ctx(), out(900));
    const events = tracker.charge(ctx(), out(300));
    expect(events.map((event) => [event.type, event.used, event.overshoot ?? null])).toEqual([
      ['exceeded', 1200, null],
      ['overshoot', 1200, 200],
    ]);
    expect(tracker.charge(ctx(), out(5)).map((event) => [event.type, event.overshoot])).toEqual([['overshoot', 5]]);
    expect(tracker.usage()[0]?.used).toBe(1205);
    warn.charge(ctx(), out(900));
    warn.charge(ctx(), out(300));
    expect(warn.usage()[0]?.used).toBe(1200);
  });

  it('rebuilds a block budget from rows past its limit as the charges were: all of them', () => {
    const tracker = new BudgetTracker(parseBudgetFlags({ agentBudget: ['main=1000'], budgetMode: 'block' }, BUILT_IN_CATALOG));
    for (let row = 0; row < 10; row += 1) tracker.replay(ctx(), out(104));
    expect(tracker.usage()[0]?.used).toBe(1040);
  });

  it('never refuses for a warn budget', () => {
    const tracker = new BudgetTracker(parseBudgetFlags({ overallTokenBudget: '10' }, BUILT_IN_CATALOG));
    tracker.charge(ctx(), out(50));
    expect(tracker.checkBlocked(ctx())).toBeNull();
    expect(tracker.checkProvisional(ctx(), out(50))).toBeNull();
  });

  it('says whether provisional usage would reach a block limit, without charging it', () => {
    const tracker = new BudgetTracker(parseBudgetFlags({ overallTokenBudget: '100', budgetMode: 'block' }, BUILT_IN_CATALOG));
    tracker.charge(ctx(), out(60));
    expect(tracker.checkProvisional(ctx(), out(39))).toBeNull();
    expect(tracker.checkProvisional(ctx(), out(40))).toMatchObject({ type: 'cut', used: 100, limit: 100 });
    expect(tracker.usage()[0]?.used).toBe(60);
  });
});

describe('BudgetTracker.restore', () => {
  it('sets usage and keeps recorded events from firing again', () => {
    const tracker = new BudgetTracker(parseBudgetFlags({ commandBudget: ['/test=1000'], budgetWarnAt: '0.5,0.8' }, BUILT_IN_CATALOG));
    tracker.restore([
      { budget: 'command:/test', used: 850, thresholds: [0.5, 0.8] },
      { budget: 'agent:gone', used: 5 },
    ]);
    expect(tracker.usage()[0]?.used).toBe(850);
    expect(tracker.charge(ctx({ command: '/test' }), out(10))).toEqual([]);
    expect(tracker.charge(ctx({ command: '/test' }), out(200)).map((event) => event.type)).toEqual(['exceeded']);
  });
});
