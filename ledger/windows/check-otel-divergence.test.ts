// A window's completion takes the agent's own OpenTelemetry rows (its own, else those of its time span) and compares
// them with the proxy's count: more than 2% apart on any figure is a `divergent:otel` anomaly and window error.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOtelUsage } from '../otel/read-otel-usage.js';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { stampRow, type StampContext } from '../store/stamp-row.js';
import { completeWindow } from './complete-window.js';
import { recordSnapshot } from './record-snapshot.js';

const ctx: StampContext = { agentId: 'main', source: 'manual' };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'otel-window-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function openWindow(windowId: string): void {
  const reading = (pct: number) => ({ format: 'json' as const, bars: { five_hour: { used_pct: pct, resets_at: null } }, parse_errors: [] });
  recordSnapshot(dir, ctx, {
    provider: 'claude',
    phase: 'before',
    windowId,
    reading: reading(10),
    capturedAt: new Date('2026-11-21T10:00:00Z'),
  });
  recordSnapshot(dir, ctx, {
    provider: 'claude',
    phase: 'after',
    windowId,
    reading: reading(12),
    capturedAt: new Date('2026-11-21T11:00:00Z'),
  });
}

/** An otel-request row as the receiver writes it (Anthropic counts: input excludes the cache). */
function otelRow(fields: {
  window: string | null;
  at: string;
  input: number;
  output: number;
  cacheRead?: number;
  session?: string;
  provider?: string;
}) {
  const cacheRead = fields.cacheRead ?? 0;
  return stampRow({ agentId: 'main', source: 'otel' }, 'otel-request', {
    provider: fields.provider ?? 'claude',
    window_id: fields.window,
    feature_id: null,
    attributed_by: fields.window === null ? null : 'resource',
    agent: 'claude-code',
    service_name: 'claude-code',
    service_version: '2.1.329',
    occurred_at: fields.at,
    session_id: fields.session ?? 's-1',
    model: 'claude-opus-5-5',
    attributes: {},
    resource_attributes: {},
    event: 'claude_code.api_request',
    event_kind: null,
    subagent_id: null,
    input_tokens: fields.input,
    output_tokens: fields.output,
    cache_read_tokens: cacheRead,
    cache_creation_tokens: 0,
    total_tokens: fields.input + fields.output + cacheRead,
    cost_usd: 0.01,
    duration_ms: 40,
    ttft_ms: 20,
    status_code: null,
    error: null,
    request_id: 'req_1',
  });
}

function proxyRow(window: string, input: number, output: number, cacheRead = 0) {
  return stampRow({ agentId: 'main', source: 'proxy' }, 'proxy-request', {
    timestamp: '2026-11-21T10:30:00.000Z',
    session_id: null,
    subagent_id: null,
    backend_provider: 'anthropic',
    model: 'claude-opus-5-5',
    prompt_tokens: input,
    completion_tokens: output,
    cache_read_tokens: cacheRead,
    cache_creation_tokens: 0,
    latency_ms: 40,
    status: 200,
    trace_id: 't',
    window_id: window,
    path: '/v1/messages',
  });
}

const complete = (windowId: string, session?: string) =>
  completeWindow(dir, ctx, { provider: 'claude', windowId, quality: 1, outcome: 'success', otelSession: session });
const anomalies = () =>
  readFileSync(join(dir, 'anomalies.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe("a window's OpenTelemetry at completion", () => {
  it('agrees with the proxy: the counts go on the window, no anomaly', () => {
    openWindow('W1');
    appendRows(
      dir,
      LEDGER_FILES.otelUsage,
      [otelRow({ window: 'W1', at: '2026-11-21T10:30:00Z', input: 1800, output: 60, cacheRead: 200 })],
      ctx,
    );
    appendRows(dir, LEDGER_FILES.proxyTelemetry, [proxyRow('W1', 1800, 60, 200)], ctx);
    const row = complete('W1');
    expect(row.errors).toEqual([]);
    expect(row.otel).toEqual({
      matched_by: 'window',
      requests: 1,
      errors: 0,
      tokens: { input: 1800, output: 60, cache_read: 200, cache_creation: 0, total: 2060 },
      cost_usd: 0.01,
      sessions: ['s-1'],
      proxy: { requests: 1, tokens: { input: 1800, output: 60, cache_read: 200, cache_creation: 0, total: 2060 } },
      gap: 0,
      gap_in: 'total',
      divergent: false,
    });
  });

  it('within 2% on every figure is agreement; 3% on output alone is a divergent:otel anomaly', () => {
    openWindow('W1');
    appendRows(dir, LEDGER_FILES.otelUsage, [otelRow({ window: 'W1', at: '2026-11-21T10:30:00Z', input: 10_000, output: 1_000 })], ctx);
    appendRows(dir, LEDGER_FILES.proxyTelemetry, [proxyRow('W1', 9_900, 970)], ctx);
    const row = complete('W1');
    expect(row.errors).toEqual(['divergent:otel']);
    expect(row.otel?.gap_in).toBe('output');
    expect(row.otel?.gap).toBeCloseTo(0.03, 10);
    const [anomaly] = anomalies();
    expect(anomaly).toMatchObject({ code: 'divergent:otel', provider: 'claude', window_id: 'W1' });
    expect(anomaly.message).toBe(
      "the agent's own OpenTelemetry counts 1000 output tokens in window W1, the proxy 970 (3% apart; totals 11000 and 10870)",
    );
    openWindow('W2');
    appendRows(dir, LEDGER_FILES.otelUsage, [otelRow({ window: 'W2', at: '2026-11-21T10:30:00Z', input: 10_000, output: 1_000 })], ctx);
    appendRows(dir, LEDGER_FILES.proxyTelemetry, [proxyRow('W2', 9_900, 985)], ctx);
    expect(complete('W2').errors).toEqual([]);
  });

  it("a manual window without rows of its own takes the provider's unattributed rows between its captures, of one session when named", () => {
    openWindow('W1');
    appendRows(
      dir,
      LEDGER_FILES.otelUsage,
      [
        otelRow({ window: null, at: '2026-11-21T09:59:59Z', input: 1, output: 1 }), // before the window
        otelRow({ window: null, at: '2026-11-21T10:10:00Z', input: 100, output: 10, session: 'a' }),
        otelRow({ window: null, at: '2026-11-21T10:20:00Z', input: 200, output: 20, session: 'b' }),
        otelRow({ window: null, at: '2026-11-21T10:40:00Z', input: 400, output: 40, session: 'a', provider: 'codex' }), // another provider
        otelRow({ window: null, at: '2026-11-21T11:00:01Z', input: 1, output: 1 }), // after it
      ],
      ctx,
    );
    const row = complete('W1', 'a');
    expect(row.errors).toEqual([]);
    expect(row.otel).toMatchObject({ matched_by: 'time-span', requests: 1, sessions: ['a'], proxy: null, gap: null, divergent: false });
    expect(row.otel?.tokens.total).toBe(110);
  });

  it('metrics alone in cumulative points are no count to compare: no gap, no divergent:otel', () => {
    openWindow('W1');
    const point = stampRow({ agentId: 'main', source: 'otel' }, 'otel-metric', {
      provider: 'claude',
      window_id: 'W1',
      feature_id: null,
      attributed_by: 'resource',
      agent: 'claude-code',
      service_name: 'claude-code',
      service_version: '2.1.329',
      occurred_at: '2026-11-21T10:30:00.000Z',
      session_id: 's-1',
      model: 'claude-opus-5-5',
      attributes: { type: 'input' },
      resource_attributes: {},
      metric: 'claude_code.token.usage',
      token_type: 'input',
      value: 1800,
      unit: 'tokens',
      temporality: 'cumulative',
      start_at: '2026-11-21T10:00:00.000Z',
    });
    appendRows(dir, LEDGER_FILES.otelUsage, [point], ctx);
    appendRows(dir, LEDGER_FILES.proxyTelemetry, [proxyRow('W1', 1800, 60)], ctx);
    const row = complete('W1');
    // Before: its zeros were compared with the proxy's 1,860 tokens, a gap of 100% and a divergent:otel anomaly.
    expect(row.errors).toEqual([]);
    expect(row.otel).toMatchObject({ matched_by: 'window', gap: null, gap_in: null, divergent: false });
  });

  it('a window the agent reported nothing for gets no otel field', () => {
    openWindow('W1');
    appendRows(dir, LEDGER_FILES.proxyTelemetry, [proxyRow('W1', 10, 1)], ctx);
    expect(complete('W1').otel).toBeUndefined();
  });
});

describe('readOtelUsage', () => {
  it('reads by time span, provider, model and window', () => {
    appendRows(
      dir,
      LEDGER_FILES.otelUsage,
      [
        otelRow({ window: 'W1', at: '2026-11-21T10:00:00Z', input: 1, output: 1 }),
        otelRow({ window: null, at: '2026-11-21T12:00:00Z', input: 2, output: 2, provider: 'codex' }),
        otelRow({ window: null, at: '2026-11-22T10:00:00Z', input: 3, output: 3 }),
      ],
      ctx,
    );
    const totals = (filter: Parameters<typeof readOtelUsage>[1]) => readOtelUsage(dir, filter).requests.map((row) => row.input_tokens);
    expect(totals({})).toEqual([1, 2, 3]);
    expect(totals({ from: new Date('2026-11-21T11:00:00Z'), to: new Date('2026-11-22T10:00:00Z') })).toEqual([2]);
    expect(totals({ provider: 'claude', model: 'claude-opus-5-5' })).toEqual([1, 3]);
    expect(totals({ windowId: 'W1' })).toEqual([1]);
    expect(totals({ windowId: null, provider: 'claude' })).toEqual([3]);
  });
});
