import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import { makeCcusageDay, makeProxyRow, makeRolloutEvent, makeUsageInputs } from '../test-fixtures/make-usage-inputs.js';
import { buildSessionTable } from './build-session-table.js';
import { buildUsageTable } from './build-usage-table.js';
import { createProxyUseFold } from './fold-proxy-uses.js';
import { createDayKeyer } from './period-keys.js';
import { sumCounts } from './usage-figures.js';

const inSession = (session: string | undefined, row: ReturnType<typeof makeProxyRow>) => ({ ...row, session_id: session ?? null });

const telemetry = [
  inSession('cc-1', makeProxyRow('2026-11-24T09:00:00.000Z', 'claude-sonnet-4-5', [1000, 200, 5000, 300])),
  inSession('cc-1', makeProxyRow('2026-11-24T09:30:00.000Z', 'claude-haiku-4-5', [2000, 50, 0, 0])),
  inSession('cc-2', makeProxyRow('2026-11-25T10:00:00.000Z', 'claude-sonnet-4-5', [500, 100, 0, 0])),
  // An older row (before the proxy read any session header): its tokens still count.
  inSession(undefined, makeProxyRow('2026-11-25T11:00:00.000Z', 'claude-sonnet-4-5', [10, 1, 0, 0])),
  // Codex through the proxy on the 26th: its session-id is the rollout's session, and the proxy's count wins that day.
  inSession('thread-9', makeProxyRow('2026-11-26T08:00:00.000Z', 'gpt-5-codex', [300, 30, 100, 0], 'openai')),
];
const readings = [
  makeRolloutEvent('2026-11-26T08:00:05.000Z', 500, 470, 100, 'thread-9'),
  makeRolloutEvent('2026-11-27T08:00:00.000Z', 900, 850, 150, 'thread-9'),
  makeCcusageDay('claude', '2026-11-28', 2512, 0.02, '2026-11-28T20:00:00.000Z'),
];

describe('buildSessionTable', () => {
  it("groups the daily table's counted uses by the agent's session: the same totals, each token once", () => {
    const inputs = makeUsageInputs({ telemetry, readings });
    const rows = buildSessionTable(inputs, 'UTC');
    expect(rows.map((row) => [row.session, row.provider, row.models, row.total, row.last_day, row.source])).toEqual([
      ['cc-1', 'claude', ['claude-haiku-4-5', 'claude-sonnet-4-5'], 8550, '2026-11-24', 'proxy'],
      ['cc-2', 'claude', ['claude-sonnet-4-5'], 600, '2026-11-25', 'proxy'],
      [null, 'claude', ['claude-sonnet-4-5'], 11, '2026-11-25', 'proxy'],
      // The 26th is the proxy's (its 430 tokens); the rollout counts only the 27th (900 - 500).
      ['thread-9', 'codex', ['gpt-5-codex'], 830, '2026-11-27', 'proxy+codex-rollout'],
      [null, 'claude', [], 2512, '2026-11-28', 'ccusage'],
    ]);
    expect(rows[0]?.last_at).toBe('2026-11-24T09:30:00.000Z');
    const { usd: _daily, ...daily } = sumCounts(buildUsageTable(inputs, 'day', 'UTC'));
    const { usd: _sessions, ...sessions } = sumCounts(rows);
    expect(sessions).toEqual(daily);
  });

  it('keeps only the days asked for', () => {
    const rows = buildSessionTable(makeUsageInputs({ telemetry, readings }), 'UTC', { since: '2026-11-25', until: '2026-11-26' });
    expect(rows.map((row) => [row.session, row.total])).toEqual([
      ['cc-2', 600],
      [null, 11],
      ['thread-9', 430],
    ]);
  });

  it('refuses proxy rows a reader added up without their sessions', () => {
    const fold = createProxyUseFold(makeUsageInputs().prices as never, createDayKeyer('UTC'));
    const folded = { timeZone: 'UTC', proxyUses: fold.finish(), windowUsage: new Map() };
    expect(() => buildSessionTable(makeUsageInputs({ folded }), 'UTC')).toThrow('added up without their sessions');
  });

  it("reads a fold kept per session as the rows themselves, and the day table from it as well (the viewer's)", () => {
    const fold = createProxyUseFold(createPriceTable(BUILT_IN_CATALOG), createDayKeyer('UTC'), { bySession: true });
    for (const row of telemetry) fold.add(row);
    const folded = { timeZone: 'UTC', proxyUses: fold.finish(), sessions: true, windowUsage: new Map() };
    const whole = makeUsageInputs({ telemetry, readings });
    expect(buildSessionTable(makeUsageInputs({ folded, readings }), 'UTC')).toEqual(buildSessionTable(whole, 'UTC'));
    expect(buildUsageTable(makeUsageInputs({ folded, readings }), 'day', 'UTC')).toEqual(buildUsageTable(whole, 'day', 'UTC'));
  });
});

describe('buildUsageTable by month', () => {
  it('adds the days up per calendar month in the zone', () => {
    const rows = buildUsageTable(makeUsageInputs({ telemetry, readings }), 'month', 'UTC');
    expect(rows.map((row) => [row.period, row.provider, row.model, row.total])).toEqual([
      ['2026-11', 'claude', 'claude-haiku-4-5', 2050],
      ['2026-11', 'claude', 'claude-sonnet-4-5', 7111],
      ['2026-11', 'claude', null, 2512],
      ['2026-11', 'codex', 'gpt-5-codex', 430],
      ['2026-11', 'codex', null, 400],
    ]);
  });
});
