// Test fixture: a data dir with one of each thing `tracker metrics` reads (proxy requests, a refusal and its retry, a failover move, rollouts, bars).
import { appendRows, LEDGER_FILES, stampRow } from '../../ledger/index.js';

const proxy = { agentId: 'main', source: 'proxy' as const };
const ingest = { agentId: 'main', source: 'ingest' as const };
export const CLAUDE_ACCOUNT = 'acct-aaaaaaaaaa';
export const CODEX_ACCOUNT = 'acct-bbbbbbbbbb';
/** A project folder with a quote and a newline in its name: its label must come out escaped. */
export const ODD_PROJECT = '/home/alice/work/we"ird\nname';

function request(day: string, fields: Record<string, unknown>) {
  return stampRow(proxy, 'proxy-request', {
    timestamp: `${day}T10:00:00.000Z`,
    session_id: 's1',
    subagent_id: null,
    backend_provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    prompt_tokens: 1000,
    completion_tokens: 200,
    cache_read_tokens: 500,
    cache_creation_tokens: 0,
    latency_ms: 5,
    status: 200,
    trace_id: `proxy_${Math.random().toString(36).slice(2)}`,
    account: CLAUDE_ACCOUNT,
    ...fields,
  });
}

/** A rollout turn's running totals (Codex counts input with its cached part). */
function rollout(at: string, total: number, project: string, resetsAt: string) {
  return stampRow(ingest, 'reading', {
    provider: 'codex',
    captured_at: at,
    format: 'codex-rollout',
    bars: { five_hour: { used_pct: total / 1000, resets_at: resetsAt } },
    tokens: { total, input: total * 0.8, output: total * 0.2, cache_read: total * 0.4 },
    session_id: `sess-${project.length}`,
    model: 'gpt-5-codex',
    account: CODEX_ACCOUNT,
    project,
  });
}

/**
 * Claude (one account) through the proxy on `day`: 3 answered requests of 1,000 input, 200 output and 500 cache-read
 * tokens, then a 429 and its retry (one limit hit), then one request the failover chain moved to glm (300 + 30).
 * Codex: two sessions' rollouts in two projects, 10,000 and 4,000 tokens. A claude five-hour bar read at 42% four hours
 * before it resets at `resetsAt`, and a weekly one read long ago whose reset has passed.
 */
export function writeMetricsLedger(dataDir: string, day: string, resetsAt: string): void {
  const refused = { status: 429, prompt_tokens: null, completion_tokens: null, cache_read_tokens: null, request_digest: '0123456789abcdef' };
  appendRows(
    dataDir,
    LEDGER_FILES.proxyTelemetry,
    [
      request(day, {}),
      request(day, {}),
      request(day, { session_id: 's2' }),
      request(day, refused),
      request(day, refused),
      request(day, {
        backend_provider: 'glm',
        model: 'glm-4.6',
        account: null,
        prompt_tokens: 300,
        completion_tokens: 30,
        cache_read_tokens: 0,
        failover_from: 'anthropic',
        failover_reason: { trigger: 'rejected', bar: 'five_hour', used_pct: 100, resets_at: resetsAt },
      }),
    ],
    proxy,
  );
  appendRows(
    dataDir,
    LEDGER_FILES.snapshots,
    [
      rollout(`${day}T09:00:00.000Z`, 10_000, '/home/alice/work/widget', resetsAt),
      rollout(`${day}T09:30:00.000Z`, 4_000, ODD_PROJECT, resetsAt),
      stampRow(ingest, 'reading', {
        provider: 'claude',
        captured_at: new Date(Date.parse(resetsAt) - 4 * 3_600_000).toISOString(),
        format: 'quota-claude',
        bars: { five_hour: { used_pct: 42, resets_at: resetsAt } },
        account: CLAUDE_ACCOUNT,
      }),
      stampRow(ingest, 'reading', {
        provider: 'claude',
        captured_at: '2026-01-01T00:00:00.000Z',
        format: 'quota-claude',
        bars: { weekly: { used_pct: 90, resets_at: '2026-01-05T00:00:00.000Z' } },
        account: CLAUDE_ACCOUNT,
      }),
    ],
    ingest,
  );
}
