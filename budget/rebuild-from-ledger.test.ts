// rebuildFromLedger over a real data dir: proxy-request rows replayed, rate-limit rows skipped, and nothing before `since`.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendRows, LEDGER_FILES, stampRow, type TelemetryRow } from '../ledger/index.js';
import { BudgetTracker } from './budget-tracker.js';
import { buildBudgetEventRow } from './build-budget-event-row.js';
import { parseBudgetFlags } from './parse-budget-flags.js';
import { rebuildFromLedger } from './rebuild-from-ledger.js';

const dataDir = mkdtempSync(join(tmpdir(), 'rebuild-from-ledger-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const ctx = { agentId: 'main', source: 'proxy' as const };

function request(timestamp: string, prompt: number): TelemetryRow {
  return stampRow(ctx, 'proxy-request', {
    timestamp,
    session_id: null,
    subagent_id: null,
    backend_provider: 'anthropic',
    model: 'claude-haiku-4-5',
    prompt_tokens: prompt,
    completion_tokens: 0,
    latency_ms: 5,
    status: 200,
    trace_id: `t-${timestamp}`,
    path: '/v1/messages',
  }) as TelemetryRow;
}

describe('rebuildFromLedger', () => {
  it('replays the proxy-request rows and budget events since a time, and returns the rows for listings', () => {
    const policy = parseBudgetFlags({ overallTokenBudget: '1000', budgetWarnAt: '0.5' }, BUILT_IN_CATALOG);
    appendRows(
      dataDir,
      LEDGER_FILES.proxyTelemetry,
      [request('2026-11-20T10:00:00.000Z', 600), request('2026-11-21T10:00:00.000Z', 300)],
      ctx,
    );
    const early = new BudgetTracker(policy);
    const charged = { agent: 'main', command: null, provider: 'anthropic', window: null, feature: null, model: 'claude-haiku-4-5' };
    const crossed = early.charge(charged, { input: 600, output: 0, cache_read: 0, cache_creation: 0 });
    const writer = { ...ctx, now: () => new Date('2026-11-20T10:00:01.000Z') };
    const rows = crossed.map((event) => buildBudgetEventRow(writer, event));
    expect(rows.length).toBeGreaterThan(0);
    appendRows(dataDir, LEDGER_FILES.budgetEvents, rows, ctx);

    const all = rebuildFromLedger(dataDir, new BudgetTracker(policy));
    expect(all).toMatchObject({ requests: 2, events: rows.length });
    expect(all.telemetry).toHaveLength(2);

    const since = rebuildFromLedger(dataDir, new BudgetTracker(policy), new Date('2026-11-21T00:00:00Z'));
    // The threshold event of the 20th is before `since` too: it must not mark the new period's 50% as already fired.
    expect(since).toMatchObject({ requests: 1, events: 0 });
    expect(since.telemetry.map((row) => row.prompt_tokens)).toEqual([300]);
  });
});
