// Tests the budget bars: aligned columns, the bar's fill, rates, overruns and the cost metric.
import { describe, expect, it } from 'vitest';
import type { BudgetLimit } from './budget-contract.js';
import { renderBudgetBars } from './render-budget-bars.js';

const limit = (fields: Partial<BudgetLimit> & Pick<BudgetLimit, 'id' | 'limit'>): BudgetLimit => ({
  scope: 'overall',
  key: null,
  metric: 'total',
  mode: 'warn',
  warnAt: [0.8],
  ...fields,
});

describe('renderBudgetBars', () => {
  it('draws one line per budget with the usage, percentage, rate and mode', () => {
    const test = limit({ id: 'command:/test', scope: 'command', key: '/test', limit: 1000, metric: 'output', mode: 'block' });
    const lines = renderBudgetBars([{ budget: test, used: 640 }], 70, new Map([['command:/test', 12]]));
    expect(lines[0]?.length).toBe(70);
    expect(lines).toEqual(['command:/test  [#########------]  640/1,000 output  64%  12/min  block']);
  });

  it('aligns columns across budgets and fits the width (a bar of at least 10)', () => {
    const lines = renderBudgetBars(
      [
        { budget: limit({ id: 'overall', limit: 100_000 }), used: 25_000 },
        { budget: limit({ id: 'agent:sub1', scope: 'agent', key: 'sub1', limit: 500, metric: 'input+output' }), used: 50 },
      ],
      60,
    );
    expect(lines).toEqual([
      'overall     [###---------]  25,000/100,000 tokens  25%  warn',
      'agent:sub1  [#-----------]          50/500 in+out  10%  warn',
    ]);
    expect(lines.map((line) => line.length)).toEqual([60, 60]);
    expect(renderBudgetBars([{ budget: limit({ id: 'overall', limit: 10 }), used: 5 }], 0)[0]).toBe(
      'overall  [#####-----]  5/10 tokens  50%  warn',
    );
  });

  it('shows an overrun as a full bar of ! with its real percentage, and cost in USD', () => {
    const cost = limit({ id: 'command:/deploy', scope: 'command', key: '/deploy', limit: 5, metric: 'cost', mode: 'block' });
    expect(renderBudgetBars([{ budget: cost, used: 6.5 }], 0, new Map([['command:/deploy', 0.25]]))).toEqual([
      'command:/deploy  [!!!!!!!!!!]  $6.50/$5.00 USD  130%  $0.25/min  block',
    ]);
    expect(renderBudgetBars([{ budget: cost, used: 5 }], 0)).toEqual(['command:/deploy  [##########]  $5.00/$5.00 USD  100%  block']);
    expect(renderBudgetBars([], 80)).toEqual([]);
  });
});
