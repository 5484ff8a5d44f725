// Tests that a restarted tracker picks up the usage in telemetry rows and does not record again what budget_events rows hold.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { stampRow, type TelemetryRow } from '../ledger/index.js';
import { BudgetTracker } from './budget-tracker.js';
import { buildBudgetEventRow } from './build-budget-event-row.js';
import { parseBudgetFlags } from './parse-budget-flags.js';
import { rebuildUsage } from './rebuild-usage.js';

function telemetry(fields: Partial<TelemetryRow>): TelemetryRow {
  return stampRow({ agentId: fields.agent_id ?? 'main', source: 'proxy' }, 'proxy-request', {
    timestamp: '2026-11-21T10:00:00.000Z',
    session_id: null,
    subagent_id: null,
    backend_provider: 'anthropic',
    model: 'claude-haiku-4-5',
    prompt_tokens: 0,
    completion_tokens: 0,
    latency_ms: 5,
    status: 200,
    trace_id: 't',
    path: '/v1/messages',
    ...fields,
  }) as TelemetryRow;
}

describe('rebuildUsage', () => {
  const flags = {
    overallTokenBudget: '10000',
    commandBudget: ['/test=1000'],
    providerBudget: ['openai=5000'],
    agentBudget: ['sub1=400'],
    budgetWarnAt: '0.5,0.8',
  };

  it('replays telemetry usage per scope, with Responses input taken out of the cache, each row once', () => {
    const tracker = new BudgetTracker(parseBudgetFlags(flags, BUILT_IN_CATALOG));
    const rows = [
      telemetry({ command: '/test --watch', prompt_tokens: 300, completion_tokens: 100, cache_read_tokens: 50 }),
      telemetry({
        agent_id: 'sub1',
        backend_provider: 'openai',
        path: '/v1/responses',
        prompt_tokens: 3000,
        completion_tokens: 60,
        cache_read_tokens: 1800,
        cache_creation_tokens: 1200,
      }),
      telemetry({ timestamp: '2026-11-20T10:00:00.000Z', prompt_tokens: 99999 }),
    ];
    const summary = rebuildUsage(tracker, [...rows, rows[0] as TelemetryRow], [], { since: '2026-11-21T00:00:00Z' });
    expect(summary).toEqual({ requests: 2, events: 0 });
    expect(tracker.usage().map(({ budget, used }) => [budget.id, used])).toEqual([
      ['overall', 3510],
      ['command:/test', 450],
      ['agent:sub1', 3060],
      ['provider:openai', 3060],
    ]);
  });

  it('marks recorded events as fired, records crossings that were never recorded, and re-arms a changed limit', () => {
    const before = new BudgetTracker(parseBudgetFlags(flags, BUILT_IN_CATALOG));
    const ctx = { agent: 'main', command: '/test', provider: 'anthropic', window: null, feature: null, model: null };
    const recorded = before
      .charge(ctx, { input: 850, output: 0, cache_read: 0, cache_creation: 0 })
      .filter((event) => event.threshold === 0.5);
    expect(recorded.map((event) => event.budget)).toEqual(['command:/test']);
    const eventRows = recorded.map((event) => buildBudgetEventRow({ agentId: 'main', source: 'proxy' }, event));
    const telemetryRows = [telemetry({ command: '/test', prompt_tokens: 850 })];

    const after = new BudgetTracker(parseBudgetFlags(flags, BUILT_IN_CATALOG));
    expect(rebuildUsage(after, telemetryRows, eventRows)).toEqual({ requests: 1, events: 1 });
    // 0.5 was recorded before the restart; 0.8 was crossed but never recorded (the proxy died first).
    expect(after.charge(ctx, { input: 10, output: 0, cache_read: 0, cache_creation: 0 }).map((event) => event.threshold)).toEqual([0.8]);

    const bigger = new BudgetTracker(parseBudgetFlags({ ...flags, commandBudget: ['/test=1500'] }, BUILT_IN_CATALOG));
    expect(rebuildUsage(bigger, telemetryRows, eventRows).events).toBe(0);
    expect(
      bigger
        .charge(ctx, { input: 10, output: 0, cache_read: 0, cache_creation: 0 })
        .filter((event) => event.budget === 'command:/test')
        .map((event) => event.threshold),
    ).toEqual([0.5]);
  });

  it('refuses a since that is not a time', () => {
    expect(() => rebuildUsage(new BudgetTracker(parseBudgetFlags(flags, BUILT_IN_CATALOG)), [], [], { since: 'yesterday' })).toThrow(
      'expected an ISO-8601 time to rebuild budgets from, got "yesterday"',
    );
  });
});
