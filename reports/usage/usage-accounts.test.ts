// Several accounts of one provider in the usage tables: side by side, each token counted once across sources.
import { describe, expect, it } from 'vitest';
import { makeCcusageDay, makeOtelRow, makeProxyRow, makeUsageInputs } from '../test-fixtures/make-usage-inputs.js';
import { buildSessionTable } from './build-session-table.js';
import { buildUsageTable, narrowUsageInputs } from './build-usage-table.js';

const A = 'acct-aaaaaaaaaa';
const B = 'acct-bbbbbbbbbb';
const SONNET = 'claude-sonnet-4-5';

/** A proxy row of one account (the proxy names it from Anthropic's organization header). */
function proxyOf(account: string, at: string, input: number) {
  return { ...makeProxyRow(at, SONNET, [input, 100, 0, 0]), account, session_id: `s-${account}` };
}

/** Two logins' work through one proxy on 2026-11-24, and the first login's Claude Code also exporting its telemetry. */
const telemetry = [
  proxyOf(A, '2026-11-24T09:00:00.000Z', 1000),
  proxyOf(A, '2026-11-24T10:00:00.000Z', 3000),
  proxyOf(B, '2026-11-24T11:00:00.000Z', 500),
];

describe('usage per account', () => {
  it('shows two accounts of one provider side by side, each with its own tokens', () => {
    const rows = buildUsageTable(makeUsageInputs({ telemetry }), 'day', 'UTC');
    expect(rows.map((row) => [row.provider, row.total])).toEqual([
      [`claude@${A}`, 4200],
      [`claude@${B}`, 600],
    ]);
  });

  it('keeps a single account under the provider’s plain name', () => {
    const rows = buildUsageTable(makeUsageInputs({ telemetry: telemetry.slice(0, 2) }), 'day', 'UTC');
    expect(rows.map((row) => [row.provider, row.total])).toEqual([['claude', 4200]]);
  });

  it('counts an account’s telemetry on a day the proxy missed it, and never beside the proxy’s count of it', () => {
    const otel = [
      // A's Claude Code also exports what went through the proxy: the proxy's count wins A's day.
      makeOtelRow('2026-11-24T09:00:01.000Z', SONNET, [1000, 100, 0, 0], { account: A }),
      // A third login that never went through the proxy: only its own telemetry saw it.
      makeOtelRow('2026-11-24T12:00:00.000Z', SONNET, [7000, 100, 0, 0], { account: 'acct-cccccccccc' }),
    ];
    const rows = buildUsageTable(makeUsageInputs({ telemetry, otel }), 'day', 'UTC');
    expect(rows.map((row) => [row.provider, row.total, row.source])).toEqual([
      [`claude@${A}`, 4200, 'proxy'],
      [`claude@${B}`, 600, 'proxy'],
      ['claude@acct-cccccccccc', 7100, 'otel'],
    ]);
  });

  it('never adds rows that name no account beside a better source’s count of the same day', () => {
    const readings = [makeCcusageDay('claude', '2026-11-24', 9000, 0.05, '2026-11-24T20:00:00.000Z')];
    const otel = [makeOtelRow('2026-11-24T09:00:01.000Z', SONNET, [1000, 100, 0, 0])];
    const rows = buildUsageTable(makeUsageInputs({ telemetry, readings, otel }), 'day', 'UTC');
    expect(rows.reduce((sum, row) => sum + row.total, 0)).toBe(4800);
  });

  it('narrows to one account with --provider claude@acct-…', () => {
    const narrowed = narrowUsageInputs(makeUsageInputs({ telemetry }), [`claude@${B}`]);
    expect(buildUsageTable(narrowed, 'day', 'UTC').map((row) => [row.provider, row.total])).toEqual([['claude', 600]]);
  });

  it('gives each account its own sessions', () => {
    const rows = buildSessionTable(makeUsageInputs({ telemetry }), 'UTC');
    expect(rows.map((row) => [row.provider, row.session, row.total])).toEqual([
      [`claude@${A}`, `s-${A}`, 4200],
      [`claude@${B}`, `s-${B}`, 600],
    ]);
  });
});
