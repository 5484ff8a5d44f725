// Tests the --dry-run / --list lines of a policy.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { describePolicy } from './describe-policy.js';
import { parseBudgetFlags } from './parse-budget-flags.js';

describe('describePolicy', () => {
  it('lists each limit with its amount, metric, mode and warnings', () => {
    expect(
      describePolicy(parseBudgetFlags({ commandBudget: ['/test=1000'], budgetMetric: 'output', budgetMode: 'block' }, BUILT_IN_CATALOG)),
    ).toEqual(['command:/test  1,000 output tokens  block  warn at 80%']);
    const config = JSON.stringify({
      overall: 100000,
      warn_at: [0.5, 0.9],
      limits: [{ scope: 'command', key: '/deploy', limit: 2.5, metric: 'cost', mode: 'block', warn_at: [] }],
    });
    expect(describePolicy(parseBudgetFlags({ budgetConfig: 'b.json', agentBudget: ['sub1=500'] }, BUILT_IN_CATALOG, () => config))).toEqual(
      [
        'overall          100,000 tokens  warn   warn at 50%, 90%',
        'command:/deploy  $2.50           block  no warnings',
        'agent:sub1       500 tokens      warn   warn at 50%, 90%',
        'prices: defaults',
      ],
    );
  });

  it('says when there are no budgets', () => {
    expect(describePolicy(parseBudgetFlags({}, BUILT_IN_CATALOG))).toEqual(['no budgets']);
  });
});
