import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import { createWindowUsageFold } from '../metrics/summarize-window-usage.js';
import { makeBarWindow, makeProxyRow, makeUsageInputs } from '../test-fixtures/make-usage-inputs.js';
import { buildLimitChanges } from './build-limit-changes.js';
import { buildUsageTable, narrowUsageInputs } from './build-usage-table.js';
import { createProxyUseFold } from './fold-proxy-uses.js';
import { createDayKeyer } from './period-keys.js';
import type { FoldedTelemetry, UsageInputs } from './usage-inputs.js';

// Twelve Claude windows over three days (late evening in UTC is the next day in Paris), and a GLM row or two.
const ends = Array.from({ length: 12 }, (_, i) => new Date(Date.parse('2026-11-24T06:00:00.000Z') + i * 5.5 * 3_600_000).toISOString());
const windows = ends.map((end, i) => makeBarWindow('claude', `w${i}`, 2 + (i % 3), 4000 + 100 * i, end));
const telemetry = [
  ...ends.map((end, i) => ({
    ...makeProxyRow(end, i % 2 === 0 ? 'claude-sonnet-4-5' : 'claude-haiku-4-5', [1000 + i, 200, 5000, 300]),
    window_id: `w${i}`,
  })),
  makeProxyRow('2026-11-25T08:00:00.000Z', 'glm-4.6', [100, 10, 0, 0], 'glm'),
  makeProxyRow('2026-11-26T08:00:00.000Z', 'no-such-model', [100, 10, 0, 0], 'glm'),
];

/** What a reader folds as it reads the rows, in place of keeping them. */
function fold(inputs: UsageInputs, timeZone: string): UsageInputs {
  const prices = createPriceTable(BUILT_IN_CATALOG);
  const perDay = createProxyUseFold(prices, createDayKeyer(timeZone));
  const perWindow = createWindowUsageFold(prices);
  // A first read that raced a writer: the fold starts over and counts nothing of it.
  for (const row of inputs.telemetry) perDay.add(row);
  perDay.restart();
  for (const row of inputs.telemetry) {
    perDay.add(row);
    perWindow.add(row);
  }
  const folded: FoldedTelemetry = { timeZone, proxyUses: perDay.finish(), windowUsage: perWindow.finish() };
  return { ...inputs, telemetry: [], folded };
}

describe('the usage tables from folded proxy rows', () => {
  const inputs = makeUsageInputs({ telemetry, windows });

  it('are the tables and limit changes of the rows themselves, in any zone and narrowed to a provider', () => {
    for (const zone of ['UTC', 'Europe/Paris', 'America/Los_Angeles'])
      for (const by of ['day', 'week'] as const) {
        expect(buildUsageTable(fold(inputs, zone), by, zone)).toEqual(buildUsageTable(inputs, by, zone));
        expect(buildLimitChanges(fold(inputs, zone), by, zone)).toEqual(buildLimitChanges(inputs, by, zone));
      }
    // Narrowed first, then folded, as a reader would: the same as the narrowed rows.
    const glm = buildUsageTable(fold(narrowUsageInputs(inputs, ['glm']), 'UTC'), 'day', 'UTC');
    expect(glm).toEqual(buildUsageTable(narrowUsageInputs(inputs, ['glm']), 'day', 'UTC'));
    expect(() => narrowUsageInputs(fold(inputs, 'UTC'), ['glm'])).toThrow(expect.objectContaining({ code: 'BAD_USAGE' }));
    expect(glm.map((row) => [row.provider, row.usd === null])).toEqual([
      ['glm', false],
      ['glm', true],
    ]);
    expect(buildLimitChanges(inputs, 'day', 'UTC').points.length).toBeGreaterThan(0);
  });

  it('keep two accounts of one provider apart, as the rows themselves do (the viewer folds its rows)', () => {
    const accounts = makeUsageInputs({
      telemetry: telemetry.map((row, i) => ({ ...row, account: i % 3 === 0 ? 'acct-aaaaaaaaaa' : 'acct-bbbbbbbbbb' })),
      windows,
    });
    const rows = buildUsageTable(fold(accounts, 'UTC'), 'week', 'UTC');
    expect(rows).toEqual(buildUsageTable(accounts, 'week', 'UTC'));
    expect(new Set(rows.map((row) => row.provider))).toEqual(
      new Set(['claude@acct-aaaaaaaaaa', 'claude@acct-bbbbbbbbbb', 'glm@acct-aaaaaaaaaa', 'glm@acct-bbbbbbbbbb']),
    );
  });

  it('refuse a table in another zone than the rows were folded in', () => {
    expect(() => buildUsageTable(fold(inputs, 'UTC'), 'day', 'Europe/Paris')).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', message: expect.stringMatching(/added up in UTC, not Europe\/Paris/) }),
    );
  });

  it("a window usage fold hands its own map over: unpriced windows' cost null, the same map again, no row after", () => {
    const perWindow = createWindowUsageFold(createPriceTable(BUILT_IN_CATALOG));
    for (const row of telemetry) perWindow.add({ ...row, window_id: row.window_id ?? 'glm-window' });
    const usage = perWindow.finish();
    expect(usage.get('w0')?.cost_usd).toBeGreaterThan(0);
    // One of glm-window's two requests names a model with no price: its cost is unknown, not the priced one's.
    expect(usage.get('glm-window')).toMatchObject({ requests: 2, unpriced_requests: 1, cost_usd: null });
    expect(perWindow.finish()).toBe(usage);
    expect(() => perWindow.add(telemetry[0] as (typeof telemetry)[number])).toThrow(expect.objectContaining({ code: 'RULE_VIOLATION' }));
  });
});
