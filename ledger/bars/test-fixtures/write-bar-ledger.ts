// Test fixture: a ledger holding every kind of row the bars read (file or PostgreSQL, through appendRows).
import { appendRows } from '../../store/append-rows.js';
import { LEDGER_FILES } from '../../store/data-dir.js';
import { stampRow } from '../../store/stamp-row.js';

const ctx = { agentId: 'main', source: 'manual' as const };

/** One row of each kind the bars read, one retracted reading, one proxy row without rate limits. */
export function writeBarLedger(dataDir: string): void {
  const bar = (used_pct: number) => ({ five_hour: { used_pct, resets_at: '2026-11-25T15:00:00.000Z' } });
  const reading = (pct: number) =>
    stampRow(ctx, 'reading', { provider: 'claude', captured_at: `2026-11-25T10:0${pct % 10}:00.000Z`, format: 'quota-claude', bars: bar(pct) });
  const retracted = reading(12);
  appendRows(dataDir, LEDGER_FILES.snapshots, [
    stampRow(ctx, 'snapshot', {
      provider: 'codex',
      window_id: 'w1',
      phase: 'before',
      captured_at: '2026-11-25T09:00:00.000Z',
      format: 'codex-status',
      bars: bar(20),
      parse_errors: [],
      tags: [],
    }),
    reading(11),
    retracted,
    stampRow(ctx, 'retraction', { target_id: retracted.id, reason: 'test' }),
  ], ctx);
  const request = (rateLimits: unknown) => stampProxyRequest({ rate_limits: rateLimits });
  appendRows(dataDir, LEDGER_FILES.proxyTelemetry, [request(bar(14)), request(null)], ctx);
}

/** A proxy row of one token each way at 10:05 to `anthropic`, with `fields` over it. */
export function stampProxyRequest(fields: Record<string, unknown>) {
  return stampRow(ctx, 'proxy-request', {
    timestamp: '2026-11-25T10:05:00.000Z',
    session_id: null,
    subagent_id: null,
    backend_provider: 'anthropic',
    model: 'm',
    prompt_tokens: 1,
    completion_tokens: 1,
    latency_ms: 5,
    status: 200,
    trace_id: 't',
    ...fields,
  });
}
