// readUsageOtel keeps of otel_usage.jsonl each request's tokens and each token-metric step, slim, cumulative series differenced.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { stampRow } from '../store/stamp-row.js';
import { readUsageOtel } from './read-usage-otel.js';
import { fingerprintAccount } from '../vocabulary/account-fingerprint.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'usage-otel-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const who = {
  provider: 'claude',
  window_id: null,
  feature_id: null,
  attributed_by: null,
  agent: 'claude-code',
  service_name: 'claude-code',
  service_version: '2.1.329',
  session_id: 'c2432a68-5def-4657-b660-0eb16ffd0190',
  model: 'claude-opus-5-5',
  resource_attributes: { 'service.name': 'claude-code' },
};

/** Claude Code 2.1.329's api_request as the receiver writes it (the first request of the captured export). */
function request(at: string, tokens: [number, number, number, number] | null, provider: string | null = 'claude') {
  const [input, output, cacheRead, cacheCreation] = tokens ?? [null, null, null, null];
  return stampRow({ agentId: 'main', source: 'otel' }, 'otel-request', {
    ...who,
    provider,
    occurred_at: at,
    attributes: { 'event.name': 'api_request', input_tokens: input, query_source: 'main' },
    event: tokens ? 'claude_code.api_request' : 'claude_code.api_error',
    event_kind: null,
    subagent_id: null,
    input_tokens: input,
    output_tokens: output,
    cache_read_tokens: cacheRead,
    cache_creation_tokens: cacheCreation,
    total_tokens: tokens ? tokens.reduce((sum, count) => sum + count, 0) : null,
    cost_usd: tokens ? 0.01 : null,
    duration_ms: 40,
    ttft_ms: 20,
    status_code: tokens ? null : 529,
    error: tokens ? null : 'Overloaded',
    request_id: 'req_1',
  });
}

/** A claude_code.token.usage point, delta (Claude Code's default) or cumulative. */
function point(at: string, type: string, value: number, temporality: 'delta' | 'cumulative', metric = 'claude_code.token.usage') {
  return stampRow({ agentId: 'main', source: 'otel' }, 'otel-metric', {
    ...who,
    occurred_at: at,
    attributes: { type, model: 'claude-opus-5-5', 'session.id': who.session_id, query_source: 'main' },
    metric,
    token_type: metric === 'claude_code.token.usage' ? type : null,
    value,
    unit: 'tokens',
    temporality,
    start_at: temporality === 'cumulative' ? '2026-11-25T16:00:00.000Z' : at,
  });
}

const write = (rows: ReturnType<typeof request | typeof point>[]) =>
  appendRows(dir, LEDGER_FILES.otelUsage, rows, { agentId: 'main', source: 'otel' });

describe('readUsageOtel', () => {
  it("keeps each request's tokens (not its error events, not other metrics) in nine fields", () => {
    write([
      request('2026-11-25T16:51:52.023Z', [1800, 60, 0, 1200]),
      request('2026-11-25T16:51:53.000Z', null),
      point('2026-11-25T16:51:52.107Z', 'input', 2050, 'delta'),
      point('2026-11-25T16:51:52.107Z', 'input', 0.01652, 'delta', 'claude_code.cost.usage'),
    ]);
    const read = readUsageOtel(dir);
    expect(read.rows).toEqual([
      {
        provider: 'claude',
        occurred_at: '2026-11-25T16:51:52.023Z',
        model: 'claude-opus-5-5',
        session_id: who.session_id,
        input: 1800,
        output: 60,
        cache_read: 0,
        cache_creation: 1200,
        metric: false,
      },
      expect.objectContaining({ input: 2050, output: 0, cache_read: 0, cache_creation: 0, metric: true }),
    ]);
    expect(read).toMatchObject({ skipped: [], torn: false, unplaced: 0 });
  });

  it('turns a cumulative series into the steps between its points, by kind', () => {
    write([
      point('2026-11-25T16:51:00.000Z', 'input', 1000, 'cumulative'),
      point('2026-11-25T16:51:00.000Z', 'output', 40, 'cumulative'),
      point('2026-11-25T16:52:00.000Z', 'input', 1000, 'cumulative'),
      point('2026-11-25T16:53:00.000Z', 'input', 2050, 'cumulative'),
      point('2026-11-25T16:53:00.000Z', 'output', 68, 'cumulative'),
    ]);
    expect(readUsageOtel(dir).rows.map((row) => [row.occurred_at.slice(11, 16), row.input, row.output])).toEqual([
      ['16:51', 1000, 0],
      ['16:51', 0, 40],
      ['16:53', 1050, 0],
      ['16:53', 0, 28],
    ]);
  });

  it('counts the rows that name no provider, names a bad line, and reads a missing file as nothing', () => {
    expect(readUsageOtel(dir)).toEqual({ rows: [], skipped: [], torn: false, unplaced: 0 });
    write([request('2026-11-25T16:51:52.023Z', [10, 1, 0, 0], null)]);
    appendFileSync(join(dir, 'otel_usage.jsonl'), '{"kind":"otel-request","input_tokens":-1}\n');
    const read = readUsageOtel(dir);
    expect(read.rows).toEqual([]);
    expect(read.unplaced).toBe(1);
    expect(read.skipped).toEqual([expect.objectContaining({ file: 'otel_usage.jsonl', lineNo: 2 })]);
  });

  it("names the account from Claude Code's organization.id and Codex's user.account_id, never keeping the id itself", () => {
    const base = request('2026-11-25T16:51:52.023Z', [1800, 60, 0, 1200]);
    const claude = { ...base, attributes: { ...base.attributes, 'organization.id': '6f1c1e9e-1234-4b51-9f3e-0a9c2d7e5b11' } };
    const codexBase = request('2026-11-25T16:52:00.000Z', [900, 30, 0, 0], 'codex');
    const codex = { ...codexBase, resource_attributes: { ...codexBase.resource_attributes, 'user.account_id': 'acct_abc' } };
    write([claude, codex, request('2026-11-25T16:53:00.000Z', [10, 1, 0, 0])]);
    const rows = readUsageOtel(dir).rows;
    expect(rows.map((row) => row.account)).toEqual([
      fingerprintAccount('organization', '6f1c1e9e-1234-4b51-9f3e-0a9c2d7e5b11'),
      fingerprintAccount('chatgpt-account', 'acct_abc'),
      undefined,
    ]);
    expect(JSON.stringify(rows)).not.toContain('6f1c1e9e');
  });
});
