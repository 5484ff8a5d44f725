// One request counted once across the proxy and the transcripts, the day's total their union across logins and terminals.
import { describe, expect, it } from 'vitest';
import { makeProxyRow, makeUsageInputs } from '../test-fixtures/make-usage-inputs.js';
import { buildGroupTable } from './build-group-table.js';
import { buildUsageTable } from './build-usage-table.js';
import type { UsageReading } from './usage-inputs.js';

const A = 'acct-aaaaaaaaaa';
const B = 'acct-bbbbbbbbbb';
const SONNET = 'claude-sonnet-4-5';

/** A request the proxy carried: the upstream's `request-id` is its trace id. */
function proxied(request: string, at: string, input: number, account = A) {
  return { ...makeProxyRow(at, SONNET, [input, 100, 0, 0]), account, trace_id: request };
}

/** The same request as Claude Code's transcript holds it, in the login's config dir. */
function answered(request: string, at: string, input: number, account: string | undefined, project: string): UsageReading {
  return {
    provider: 'claude',
    captured_at: at,
    format: 'claude-transcript',
    model: SONNET,
    tokens: { input, output: 100, cache_read: 0, cache_creation: 0, total: input + 100 },
    message_key: `msg_${request}:${request}`,
    request_id: request,
    project,
    ...(account ? { account } : {}),
  };
}

/** 2026-11-24: login A's first terminal through the proxy (r1, r2), its second terminal not (r3); login B never. */
const telemetry = [proxied('r1', '2026-11-24T09:00:00.000Z', 1000), proxied('r2', '2026-11-24T10:00:00.000Z', 3000)];
const readings = [
  answered('r1', '2026-11-24T09:00:01.000Z', 1000, A, '/work/api'),
  answered('r2', '2026-11-24T10:00:01.000Z', 3000, A, '/work/web'),
  answered('r3', '2026-11-24T10:30:00.000Z', 2000, A, '/work/web'),
  answered('b1', '2026-11-24T11:00:00.000Z', 500, B, '/work/api'),
];

describe('a request counted once across the proxy and the transcripts', () => {
  it("adds the transcripts' requests the proxy never carried beside its rows, and never one it did", () => {
    const rows = buildUsageTable(makeUsageInputs({ telemetry, readings }), 'day', 'UTC');
    expect(rows.map((row) => [row.provider, row.total, row.source])).toEqual([
      [`claude@${A}`, 1100 + 3100 + 2100, 'proxy+claude-transcript'],
      [`claude@${B}`, 600, 'claude-transcript'],
    ]);
  });

  it('does so for one login whose transcripts name no account (an API-key login), two terminals, one through the proxy', () => {
    const plain = readings.slice(0, 3).map(({ account: _account, ...reading }) => reading);
    const oneLogin = makeUsageInputs({ telemetry: telemetry.map(({ account: _account, ...row }) => row), readings: plain });
    expect(buildUsageTable(oneLogin, 'day', 'UTC').map((row) => [row.provider, row.total])).toEqual([['claude', 6300]]);
  });

  it('keeps the rule of one source a day where a proxy row names no request id: nothing tells its requests apart', () => {
    const anonymous = [...telemetry, { ...makeProxyRow('2026-11-24T12:00:00.000Z', SONNET, [700, 100, 0, 0]), account: A }];
    const rows = buildUsageTable(makeUsageInputs({ telemetry: anonymous, readings }), 'day', 'UTC');
    expect(rows.map((row) => [row.provider, row.total])).toEqual([
      [`claude@${A}`, 1100 + 3100 + 800],
      [`claude@${B}`, 600],
    ]);
  });

  it("gives the proxy's rows the project their transcript names, so --by project has no (unknown) for them", () => {
    const groups = buildGroupTable(makeUsageInputs({ telemetry, readings }), 'project', 'UTC');
    expect(groups.map((row) => [row.provider, row.group, row.total]).sort()).toEqual(
      [
        [`claude@${A}`, '/work/api', 1100],
        [`claude@${A}`, '/work/web', 3100 + 2100],
        [`claude@${B}`, '/work/api', 600],
      ].sort(),
    );
  });
});
