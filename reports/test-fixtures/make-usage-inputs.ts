// A small usage ledger with every token source, real-shaped (the proxy's rows, ccusage and rollout readings), for tests.
import { createPriceTable } from '../../budget/prices/index.js';
import type { ReportWindow, UsageOtelRow } from '../../ledger/index.js';
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import type { UsageInputs, UsageReading, UsageTelemetry } from '../usage/usage-inputs.js';

export function makeProxyRow(timestamp: string, model: string | null, tokens: [number, number, number, number], backend = 'anthropic'): UsageTelemetry {
  return {
    timestamp,
    backend_provider: backend,
    model,
    prompt_tokens: tokens[0],
    completion_tokens: tokens[1],
    cache_read_tokens: tokens[2],
    cache_creation_tokens: tokens[3],
    status: 200,
    error_type: null,
    path: '/v1/messages',
  };
}

/** ccusage 20.0.24's `claude daily` entry as `tracker ingest ccusage` records it (docs/ccusage.md). */
export function makeCcusageDay(provider: string, day: string, total: number, costUsd: number, capturedAt: string): UsageReading {
  return {
    provider,
    captured_at: capturedAt,
    format: 'ccusage',
    tokens: { total, input: total - 1012, output: 12, cache_read: 700, cache_creation: 300 },
    cost_usd: costUsd,
    period: { report: `${provider} daily`, key: day },
  };
}

/** A Codex rollout `token_count` event: the session's running totals (input includes the cached part). */
export function makeRolloutEvent(capturedAt: string, total: number, input: number, cacheRead: number, session = 'session-1'): UsageReading {
  return {
    provider: 'codex',
    captured_at: capturedAt,
    format: 'codex-rollout',
    tokens: { total, input, output: total - input, cache_read: cacheRead },
    session_id: session,
  };
}

/**
 * An `otel-request` row as readUsageOtel keeps it (Claude Code's api_request: input without the cache), or with
 * `metric` one step of `claude_code.token.usage` (give the one kind's tokens, the others 0).
 */
export function makeOtelRow(
  occurredAt: string,
  model: string | null,
  tokens: [number, number, number, number],
  options: { provider?: string; session?: string | null; metric?: boolean; account?: string } = {},
): UsageOtelRow {
  return {
    provider: options.provider ?? 'claude',
    occurred_at: occurredAt,
    model,
    session_id: options.session === undefined ? 'c2432a68-5def-4657-b660-0eb16ffd0190' : options.session,
    input: tokens[0],
    output: tokens[1],
    cache_read: tokens[2],
    cache_creation: tokens[3],
    metric: options.metric ?? false,
    ...(options.account ? { account: options.account } : {}),
  };
}

/** A window whose 5h bar moved `delta` % while its captures counted `tokens`, ending at `end`. */
export function makeBarWindow(provider: string, id: string, delta: number, tokens: number, end: string): ReportWindow {
  return {
    agent_id: 'main',
    provider,
    window_id: id,
    feature_id: id,
    methodology: 'manual',
    quality: 1,
    outcome: 'success',
    errors: [],
    capacity: { unit: 'pct_5h', before: 10, after: 10 + delta, delta, tokens: { before: 0, after: tokens, delta: tokens } },
    started_at: new Date(Date.parse(end) - 30 * 60_000).toISOString(),
    ended_at: end,
    completed_at: end,
  };
}

export function makeUsageInputs(parts: Partial<UsageInputs> = {}): UsageInputs {
  return { telemetry: [], readings: [], windows: [], problems: [], prices: createPriceTable(BUILT_IN_CATALOG), ...parts };
}
