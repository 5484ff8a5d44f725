// A proxy-request row as the proxy writes it, for tests that need telemetry in a ledger.
import { stampRow } from '../../store/stamp-row.js';

/** One priced, successful request by `agentId`, traced as `trace`; `extra` sets or adds any field (window_id, ...). */
export function makeProxyRequest(agentId: string, trace: string, extra: Record<string, unknown> = {}) {
  return stampRow({ agentId, source: 'proxy' }, 'proxy-request', {
    timestamp: '2026-11-21T08:00:00Z',
    session_id: null,
    subagent_id: null,
    backend_provider: 'anthropic',
    model: 'claude-haiku-4-5',
    prompt_tokens: 1,
    completion_tokens: 1,
    latency_ms: 5,
    status: 200,
    trace_id: trace,
    ...extra,
  });
}

/** A retraction of the row `targetId` of kind `kind`. */
export function makeRetraction(targetId: string, kind: string) {
  return stampRow({ agentId: 'main', source: 'manual' }, 'retraction', { target_id: targetId, target_kind: kind, reason: 'test' });
}
