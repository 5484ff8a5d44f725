// Tests the budget flags: the limits they make, config precedence, prices, and the exact error lines.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/index.js';
import { parseBudgetFlags, type BudgetFlags } from './parse-budget-flags.js';

function failure(flags: BudgetFlags, files: Record<string, string> = {}): { code: string; line: string } {
  try {
    parseBudgetFlags(flags, BUILT_IN_CATALOG, (path) => files[path] ?? '');
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, line: error.toLine() };
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('parseBudgetFlags', () => {
  it('makes one limit per flag with the default metric, mode and warning', () => {
    const policy = parseBudgetFlags(
      { overallTokenBudget: '5000', commandBudget: ['/Test=1000', 'deploy=200'], agentBudget: 'sub1=300' },
      BUILT_IN_CATALOG,
    );
    expect(policy.limits.map(({ id, key, limit, metric, mode, warnAt }) => ({ id, key, limit, metric, mode, warnAt }))).toEqual([
      { id: 'overall', key: null, limit: 5000, metric: 'total', mode: 'warn', warnAt: [0.8] },
      { id: 'command:/test', key: '/test', limit: 1000, metric: 'total', mode: 'warn', warnAt: [0.8] },
      { id: 'command:/deploy', key: '/deploy', limit: 200, metric: 'total', mode: 'warn', warnAt: [0.8] },
      { id: 'agent:sub1', key: 'sub1', limit: 300, metric: 'total', mode: 'warn', warnAt: [0.8] },
    ]);
    expect(policy.sources).toEqual(['flags']);
    expect(policy.limits[1]?.source).toBe('--command-budget');
  });

  it('takes the metric, mode and warnings, including USD amounts for cost', () => {
    const policy = parseBudgetFlags(
      {
        overallTokenBudget: '2.5',
        providerBudget: ['glm=0.75'],
        windowBudget: ['W1=1'],
        featureBudget: ['f-9=3'],
        budgetMetric: 'cost',
        budgetMode: 'block',
        budgetWarnAt: '0.9,50%,0.5',
      },
      BUILT_IN_CATALOG,
    );
    expect(policy.limits.map((limit) => [limit.id, limit.limit, limit.metric, limit.mode, limit.warnAt])).toEqual([
      ['overall', 2.5, 'cost', 'block', [0.5, 0.9]],
      ['provider:glm', 0.75, 'cost', 'block', [0.5, 0.9]],
      ['window:W1', 1, 'cost', 'block', [0.5, 0.9]],
      ['feature:f-9', 3, 'cost', 'block', [0.5, 0.9]],
    ]);
    expect(parseBudgetFlags({ overallTokenBudget: '100_000', budgetWarnAt: 'none' }, BUILT_IN_CATALOG).limits[0]).toMatchObject({
      limit: 100000,
      warnAt: [],
    });
  });

  it('refuses amounts that are not positive numbers of tokens, naming the flag and the value', () => {
    expect(failure({ commandBudget: ['/test=abc'] })).toEqual({
      code: 'BAD_USAGE',
      line: '--command-budget: expected "/cmd=N" with N a positive number of tokens, got "/test=abc"',
    });
    expect(failure({ overallTokenBudget: '-5' }).line).toBe('--overall-token-budget: expected a positive number of tokens, got "-5"');
    expect(failure({ overallTokenBudget: '0' }).line).toBe('--overall-token-budget: expected a positive number of tokens, got "0"');
    expect(failure({ agentBudget: ['sub1=-5'] }).line).toBe(
      '--agent-budget: expected "ID=N" with N a positive number of tokens, got "sub1=-5"',
    );
    expect(failure({ providerBudget: ['glm=0'] }).line).toBe(
      '--provider-budget: expected "P=N" with N a positive number of tokens, got "glm=0"',
    );
    expect(failure({ windowBudget: ['W1'] }).line).toBe('--window-budget: expected "W=N" with N a positive number of tokens, got "W1"');
    expect(failure({ featureBudget: ['=5'] }).line).toBe('--feature-budget: expected "F=N" with N a positive number of tokens, got "=5"');
    expect(failure({ commandBudget: ['/test=1.5'] }).line).toBe(
      '--command-budget: expected "/cmd=N" with N a whole number of tokens, got "/test=1.5"',
    );
    expect(failure({ commandBudget: ['/test --x=5'] }).line).toBe(
      '--command-budget: expected "/cmd=N" with N a positive number of tokens, got "/test --x=5"',
    );
    expect(failure({ commandBudget: ['/deploy=-1'], budgetMetric: 'cost' }).line).toBe(
      '--command-budget: expected "/cmd=N" with N a positive amount in USD, got "/deploy=-1"',
    );
  });

  it('refuses unknown metrics, modes, warnings and a key given twice', () => {
    expect(failure({ budgetMetric: 'tokens' })).toEqual({
      code: 'BAD_USAGE',
      line: '--budget-metric: expected one of total, input, output, input+output, cost, got "tokens"',
    });
    expect(failure({ budgetMode: 'stop' }).line).toBe('--budget-mode: expected warn or block, got "stop"');
    expect(failure({ budgetWarnAt: '0.8,2' }).line).toBe(
      '--budget-warn-at: expected fractions above 0 and below 1 separated by commas (e.g. 0.5,0.8), got "0.8,2"',
    );
    expect(failure({ commandBudget: ['/test=1000', '/TEST=2000'] }).line).toBe(
      '--command-budget: expected one budget per command, got /test twice ("/test=1000" and "/TEST=2000")',
    );
  });

  it('lets flags override the config file: its defaults, and its limits with the same id', () => {
    const config = JSON.stringify({
      metric: 'output',
      mode: 'block',
      warn_at: [0.5],
      overall: 100000,
      commands: { '/test': 1000, '/lint': 300 },
      limits: [{ scope: 'command', key: '/deploy', limit: 50, metric: 'cost', warn_at: [0.9] }],
    });
    const policy = parseBudgetFlags(
      { budgetConfig: 'b.json', commandBudget: ['/test=4000'], budgetMode: 'warn' },
      BUILT_IN_CATALOG,
      (path) => (path === 'b.json' ? config : ''),
    );
    expect(policy.limits.map((limit) => [limit.id, limit.limit, limit.metric, limit.mode, limit.warnAt, limit.source])).toEqual([
      ['overall', 100000, 'output', 'warn', [0.5], 'b.json: overall'],
      ['command:/test', 4000, 'output', 'warn', [0.5], '--command-budget'],
      ['command:/lint', 300, 'output', 'warn', [0.5], 'b.json: commands./lint'],
      ['command:/deploy', 50, 'cost', 'warn', [0.9], 'b.json: limits[0]'],
    ]);
    expect(policy.sources).toEqual(['flags', 'b.json']);
  });

  it('reads a price override for the cost metric', () => {
    const prices = JSON.stringify({ models: { 'my-model': { input: 1, output: 2 } } });
    const policy = parseBudgetFlags({ overallTokenBudget: '1', budgetMetric: 'cost', prices: 'p.json' }, BUILT_IN_CATALOG, () => prices);
    expect(policy.prices.layers.map((layer) => layer.name)).toEqual(['p.json', 'defaults']);
    expect(policy.sources).toEqual(['flags', 'p.json']);
    expect(failure({ prices: 'p.json' }, { 'p.json': '{"models": {"x": {"input": -1, "output": 1}}}' }).code).toBe('BAD_INPUT');
  });

  it('has no limits and default prices without flags', () => {
    const policy = parseBudgetFlags({}, BUILT_IN_CATALOG);
    expect(policy).toMatchObject({ limits: [], sources: [] });
    expect(policy.prices.layers.map((layer) => layer.name)).toEqual(['defaults']);
  });
});
