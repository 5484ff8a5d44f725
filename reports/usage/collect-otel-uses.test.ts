import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import { makeOtelRow, makeProxyRow, makeUsageInputs } from '../test-fixtures/make-usage-inputs.js';
import { buildSessionTable } from './build-session-table.js';
import { buildUsageTable } from './build-usage-table.js';
import { collectOtelUses } from './collect-otel-uses.js';
import { createDayKeyer } from './period-keys.js';
import { EVERYDAY_SOURCE_ORDER, SOURCE_ORDER } from './usage-sources.js';

// The two api_request events of the captured Claude Code 2.1.329 export (sources/parsers/otlp/test-fixtures/).
const otel = [
  makeOtelRow('2026-11-25T16:51:52.023Z', 'claude-opus-5-5', [1800, 60, 0, 1200]),
  makeOtelRow('2026-11-25T16:51:52.088Z', 'claude-opus-5-5', [250, 8, 1800, 120]),
];
// Its claude_code.token.usage points of the same two requests, one per kind.
const metrics = [
  makeOtelRow('2026-11-25T16:51:52.107Z', 'claude-opus-5-5', [2050, 0, 0, 0], { metric: true }),
  makeOtelRow('2026-11-25T16:51:52.107Z', 'claude-opus-5-5', [0, 68, 0, 0], { metric: true }),
  makeOtelRow('2026-11-25T16:51:52.107Z', 'claude-opus-5-5', [0, 0, 1800, 0], { metric: true }),
  makeOtelRow('2026-11-25T16:51:52.107Z', 'claude-opus-5-5', [0, 0, 0, 1320], { metric: true }),
];

describe('the otel source of the usage tables', () => {
  it("sums the agent's requests per day and model, priced at list prices, and leaves its metrics of the same day out", () => {
    const rows = buildUsageTable(makeUsageInputs({ otel: [...otel, ...metrics] }), 'day', 'UTC');
    expect(rows).toEqual([
      expect.objectContaining({
        period: '2026-11-25',
        provider: 'claude',
        model: 'claude-opus-5-5',
        input: 2050,
        output: 68,
        cache_read: 1800,
        cache_creation: 1320,
        total: 5238,
        source: 'otel',
      }),
    ]);
    // Opus 5.5 at $4 / $20 per million, cache reads $0.20, writes $5 (budget/prices/default-prices.ts): $0.01652, the
    // cost_usd Claude Code itself put on these two requests.
    expect(rows[0]?.usd).toBeCloseTo((2050 * 4 + 68 * 20 + 1800 * 0.2 + 1320 * 5) / 1e6, 12);
    expect(rows[0]?.usd).toBeCloseTo(0.01652, 12);
  });

  it('counts the token metrics of a day with no request row (an agent exporting metrics only)', () => {
    const later = metrics.map((row) => ({ ...row, occurred_at: '2026-11-26T09:00:00.000Z' }));
    const uses = collectOtelUses([...otel, ...later], createPriceTable(BUILT_IN_CATALOG), createDayKeyer('UTC'));
    expect(uses.map((use) => [use.day, use.total])).toEqual([
      ['2026-11-25', 5238],
      ['2026-11-26', 5238],
    ]);
  });

  it("yields a day the proxy counted to the proxy, and fills the provider's other days", () => {
    const telemetry = [makeProxyRow('2026-11-25T16:51:52.030Z', 'claude-opus-5-5', [2050, 68, 1800, 1320])];
    const earlier = makeOtelRow('2026-11-24T10:00:00.000Z', 'claude-opus-5-5', [100, 10, 0, 0]);
    const rows = buildUsageTable(makeUsageInputs({ telemetry, otel: [...otel, earlier] }), 'day', 'UTC');
    expect(rows.map((row) => [row.period, row.total, row.source])).toEqual([
      ['2026-11-24', 110, 'otel'],
      ['2026-11-25', 5238, 'proxy'],
    ]);
  });

  it("splits by the agent's session", () => {
    const other = makeOtelRow('2026-11-25T17:00:00.000Z', 'claude-opus-5-5', [10, 1, 0, 0], { session: 's-2' });
    const rows = buildSessionTable(makeUsageInputs({ otel: [...otel, other] }), 'UTC');
    expect(rows.map((row) => [row.session, row.total, row.source, row.last_at])).toEqual([
      ['c2432a68-5def-4657-b660-0eb16ffd0190', 5238, 'otel', '2026-11-25T16:51:52.088Z'],
      ['s-2', 11, 'otel', '2026-11-25T17:00:00.000Z'],
    ]);
  });

  it('wins a day after the proxy and before the transcripts; the everyday calibration reads the timed sources in that order', () => {
    expect(SOURCE_ORDER).toEqual(['proxy', 'otel', 'claude-transcript', 'codex-rollout', 'gemini-session', 'ccusage', 'snapshots']);
    expect(EVERYDAY_SOURCE_ORDER).toEqual(['proxy', 'otel', 'claude-transcript', 'codex-rollout', 'gemini-session']);
  });
});
