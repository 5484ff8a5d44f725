import { describe, expect, it } from 'vitest';
import { makeBarWindow, makeCcusageDay, makeProxyRow, makeRolloutEvent, makeUsageInputs } from '../test-fixtures/make-usage-inputs.js';
import { buildUsageTable } from './build-usage-table.js';

const proxy = [
  makeProxyRow('2026-11-24T09:00:00.000Z', 'claude-sonnet-4-5', [1000, 200, 5000, 300]),
  makeProxyRow('2026-11-24T10:00:00.000Z', 'claude-sonnet-4-5', [500, 100, 0, 0]),
  makeProxyRow('2026-11-24T11:00:00.000Z', 'claude-haiku-4-5', [2000, 50, 0, 0]),
  makeProxyRow('2026-11-24T23:30:00.000Z', 'glm-4.6', [100, 10, 0, 0], 'glm'),
];

describe('buildUsageTable', () => {
  it('sums the proxy per day, provider and model, priced at list prices', () => {
    const rows = buildUsageTable(makeUsageInputs({ telemetry: proxy }), 'day', 'UTC');
    expect(rows.map((row) => [row.period, row.provider, row.model, row.total])).toEqual([
      ['2026-11-24', 'claude', 'claude-haiku-4-5', 2050],
      ['2026-11-24', 'claude', 'claude-sonnet-4-5', 7100],
      ['2026-11-24', 'glm', 'glm-4.6', 110],
    ]);
    const sonnet = rows[1];
    // (1500 x 3 + 300 x 15 + 5000 x 0.3 + 300 x 3.75) / 1e6
    expect(sonnet?.usd).toBeCloseTo((1500 * 3 + 300 * 15 + 5000 * 0.3 + 300 * 3.75) / 1e6, 12);
    expect(sonnet).toMatchObject({ input: 1500, output: 300, cache_read: 5000, cache_creation: 300, source: 'proxy' });
  });

  it('puts a day in the asked time zone', () => {
    const rows = buildUsageTable(makeUsageInputs({ telemetry: proxy }), 'day', 'Europe/Paris');
    expect(rows.find((row) => row.provider === 'glm')?.period).toBe('2026-11-25');
  });

  it('counts a provider-day once: the proxy wins over ccusage, which still fills the days the proxy missed', () => {
    const readings = [
      makeCcusageDay('claude', '2026-11-24', 9000, 0.05, '2026-11-24T12:00:00.000Z'),
      makeCcusageDay('claude', '2026-11-23', 2000, 0.01, '2026-11-23T12:00:00.000Z'),
      // The same day ingested again after it grew: only the later reading counts.
      makeCcusageDay('claude', '2026-11-23', 2512, 0.02, '2026-11-23T20:00:00.000Z'),
    ];
    const rows = buildUsageTable(makeUsageInputs({ telemetry: proxy, readings }), 'day', 'UTC');
    const claude = rows.filter((row) => row.provider === 'claude');
    expect(claude.map((row) => [row.period, row.model, row.total, row.source, row.usd])).toEqual([
      ['2026-11-23', null, 2512, 'ccusage', 0.02],
      ['2026-11-24', 'claude-haiku-4-5', 2050, 'proxy', expect.any(Number)],
      ['2026-11-24', 'claude-sonnet-4-5', 7100, 'proxy', expect.any(Number)],
    ]);
  });

  it("turns a rollout's running totals into steps, with the cached part out of input", () => {
    const readings = [
      makeRolloutEvent('2026-11-24T09:00:00.000Z', 1209, 1200, 200),
      makeRolloutEvent('2026-11-24T09:05:00.000Z', 3409, 3300, 1200),
      makeRolloutEvent('2026-11-24T09:06:00.000Z', 3409, 3300, 1200),
    ];
    const [row] = buildUsageTable(makeUsageInputs({ readings }), 'day', 'UTC');
    expect(row).toMatchObject({ provider: 'codex', model: null, total: 3409, input: 2100, output: 109, cache_read: 1200, usd: null });
    expect(row?.usd_reason).toContain('names no model');
  });

  it("starts a forked session's steps from its recorded base, whether or not its parent is in the ledger", () => {
    const base = { total: 10_000, input: 9_900, output: 100, cache_read: 0 };
    const readings = [
      makeRolloutEvent('2026-11-24T09:00:00.000Z', 10_000, 9_900, 0, 'parent'),
      // The parent goes on after the fork: its later totals are not the fork's base.
      makeRolloutEvent('2026-11-24T09:30:00.000Z', 30_000, 29_800, 0, 'parent'),
      { ...makeRolloutEvent('2026-11-24T09:10:00.000Z', 25_000, 24_800, 0, 'child'), forked_from: 'parent', fork_base: base },
      // A fork of a session that was never ingested: its base says what it went on from.
      { ...makeRolloutEvent('2026-11-24T09:20:00.000Z', 17_000, 16_900, 0, 'orphan'), forked_from: 'elsewhere', fork_base: base },
      // A fork recorded without a base: its first event is where it starts, and only its later steps count.
      { ...makeRolloutEvent('2026-11-24T09:40:00.000Z', 12_000, 11_900, 0, 'unbased'), forked_from: 'parent' },
      makeRolloutEvent('2026-11-24T09:50:00.000Z', 13_500, 13_300, 0, 'unbased'),
    ];
    const [row] = buildUsageTable(makeUsageInputs({ readings }), 'day', 'UTC');
    // parent 30,000 + child 15,000 + orphan 7,000 + unbased 1,500 (counted from zero: 30,000 + 25,000 + 17,000 + 13,500)
    expect(row?.total).toBe(53_500);
  });

  it('adds days into ISO weeks and marks an unpriced model with its reason', () => {
    const telemetry = [
      makeProxyRow('2026-11-22T10:00:00.000Z', 'claude-haiku-4-5', [10, 1, 0, 0]),
      makeProxyRow('2026-11-23T10:00:00.000Z', 'claude-haiku-4-5', [20, 2, 0, 0]),
      makeProxyRow('2026-11-29T10:00:00.000Z', 'claude-haiku-4-5', [30, 3, 0, 0]),
      makeProxyRow('2026-11-29T11:00:00.000Z', 'house-model', [5, 5, 0, 0]),
    ];
    const rows = buildUsageTable(makeUsageInputs({ telemetry }), 'week', 'UTC');
    expect(rows.map((row) => [row.period, row.model, row.total])).toEqual([
      ['2026-W47', 'claude-haiku-4-5', 11],
      ['2026-W48', 'claude-haiku-4-5', 55],
      ['2026-W48', 'house-model', 10],
    ]);
    expect(rows[2]).toMatchObject({ usd: null, usd_reason: 'no price for model "house-model" (add it with --prices FILE)' });
  });

  it("counts a token-metered window's snapshots only on days no other source covers", () => {
    const windows = [
      makeBarWindow('glm', 'w1', 1, 4000, '2026-11-24T12:00:00.000Z'),
      makeBarWindow('glm', 'w2', 1, 700, '2026-11-26T12:00:00.000Z'),
    ];
    const rows = buildUsageTable(makeUsageInputs({ telemetry: proxy, windows }), 'day', 'UTC');
    expect(rows.filter((row) => row.provider === 'glm').map((row) => [row.period, row.total, row.source])).toEqual([
      ['2026-11-24', 110, 'proxy'],
      ['2026-11-26', 700, 'snapshots'],
    ]);
  });

  it('refuses an unknown time zone in one line', () => {
    expect(() => buildUsageTable(makeUsageInputs(), 'day', 'Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});
