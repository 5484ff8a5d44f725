// Tests that a budget event becomes a valid, stamped budget_events.jsonl row with flat context fields.
import { describe, expect, it } from 'vitest';
import { BudgetEventRowSchema, LedgerRowSchema } from '../ledger/index.js';
import type { BudgetEvent } from './budget-contract.js';
import { buildBudgetEventRow } from './build-budget-event-row.js';

const event: BudgetEvent = {
  type: 'threshold',
  budget: 'command:/test',
  scope: 'command',
  key: '/test',
  metric: 'output',
  mode: 'block',
  limit: 1000,
  used: 812,
  threshold: 0.8,
  context: { agent: 'sub1', command: '/test', provider: 'glm', window: 'W0-1', feature: null, model: 'glm-4.5-air' },
};
const writer = { agentId: 'main', source: 'proxy' as const, now: () => new Date('2026-11-21T10:00:00Z') };

describe('buildBudgetEventRow', () => {
  it('stamps the row with the charge agent and flattens the context', () => {
    const row = buildBudgetEventRow(writer, event, 'req_1');
    expect(row).toMatchObject({
      kind: 'budget-event',
      ts: '2026-11-21T10:00:00.000Z',
      source: 'proxy',
      agent_id: 'sub1',
      event: 'threshold',
      budget: 'command:/test',
      scope: 'command',
      key: '/test',
      metric: 'output',
      mode: 'block',
      limit: 1000,
      used: 812,
      threshold: 0.8,
      command: '/test',
      provider: 'glm',
      window_id: 'W0-1',
      feature_id: null,
      model: 'glm-4.5-air',
      trace_id: 'req_1',
    });
    expect(Object.keys(row).slice(0, 7)).toEqual(['id', 'kind', 'ts', 'schema_version', 'tool_version', 'source', 'agent_id']);
    expect(BudgetEventRowSchema.safeParse(row).error).toBeUndefined();
    expect(LedgerRowSchema.safeParse(row).error).toBeUndefined();
  });

  it('falls back to the writer agent, and to null for ids a row cannot hold', () => {
    const row = buildBudgetEventRow(writer, {
      ...event,
      type: 'overshoot',
      threshold: undefined,
      overshoot: 30,
      detail: 'cut',
      context: { ...event.context, agent: 'not an id', window: 'bad window' },
    });
    expect(row).toMatchObject({ agent_id: 'main', window_id: null, overshoot: 30, detail: 'cut' });
    expect('threshold' in row).toBe(false);
    expect('trace_id' in row).toBe(false);
    expect(BudgetEventRowSchema.safeParse(row).error).toBeUndefined();
  });
});
