// Builds the telemetry row of one proxied request from what the server saw (PRODUCT.md section 5).
import { stampRow, type Bars, type FailoverReason, type TelemetryRow } from '../../ledger/index.js';
import type { Attribution } from '../forward/filter-headers.js';
import type { ForwardOutcome } from '../forward/forward-request.js';
import { isEventStream as isEventStreamType } from '../tap/create-usage-tap.js';
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import type { ApiKind, UsageCounts } from '../tap/usage-tap.js';

export interface RequestFacts {
  agentId: string;
  startedAt: Date;
  /** Clock value (same clock as the outcome's) when the request arrived. */
  startClock: number;
  method: string;
  path: string;
  requestedModel: string | null;
  sentModel: string | null;
  /** The routing rule that took it; null when the proxy answered by itself. */
  route: string | null;
  backend: string;
  subagent: string | null;
  attribution: Attribution;
  windowId: string | null;
  traceId: string;
  /** Which API answered (null: a pass-through path, untapped). */
  apiKind: ApiKind | null;
  rateLimits: { bars: Bars; status: string | null } | null;
  /** A stream a budget cut never got its final usage: its output is the proxy's estimate. */
  estimatedOutput?: number | null;
  /** The account the request spent, when it could be told (findExchangeAccount). */
  account?: string | null;
  /** A refused request's body digest (TelemetryEventShape's request_digest); null otherwise. */
  requestDigest?: string | null;
  /** The request was moved by the failover chain: the back end it left and that one's spent window. */
  failover?: { from: string; window: FailoverReason } | null;
}

export function buildTelemetryRow(facts: RequestFacts, outcome: ForwardOutcome): TelemetryRow {
  const usage = outcome.tap?.usage;
  const firstToken = outcome.tap?.firstTokenAt ?? null;
  const contentType = outcome.upstreamHeaders?.['content-type'];
  const isEventStream = isEventStreamType(typeof contentType === 'string' ? contentType : undefined);
  return stampRow({ agentId: facts.agentId, source: 'proxy', now: () => facts.startedAt }, 'proxy-request', {
    timestamp: facts.startedAt.toISOString(),
    session_id: facts.attribution.session,
    subagent_id: facts.subagent,
    backend_provider: facts.backend,
    model: facts.sentModel ?? outcome.tap?.model ?? null,
    prompt_tokens: usage?.input_tokens ?? null,
    completion_tokens:
      facts.estimatedOutput != null ? Math.max(facts.estimatedOutput, usage?.output_tokens ?? 0) : (usage?.output_tokens ?? null),
    latency_ms: round(outcome.endedAt - facts.startClock),
    status: outcome.status,
    trace_id: facts.traceId,
    requested_model: facts.requestedModel,
    route: facts.route,
    cache_read_tokens: usage?.cache_read_tokens ?? null,
    cache_creation_tokens: usage?.cache_creation_tokens ?? null,
    total_tokens: usage
      ? countTotalTokens(
          facts.estimatedOutput != null ? { ...usage, output_tokens: Math.max(facts.estimatedOutput, usage.output_tokens ?? 0) } : usage,
          facts.apiKind,
        )
      : null,
    ttft_ms: firstToken === null ? null : round(firstToken - facts.startClock),
    stream: isEventStream,
    error_type:
      outcome.errorType ??
      (outcome.status >= 400
        ? `http_${outcome.status}`
        : isEventStream && outcome.tap && outcome.tap.malformed > 0
          ? 'malformed_sse'
          : null),
    aborted: outcome.aborted,
    window_id: facts.windowId,
    feature_id: facts.attribution.feature,
    command: facts.attribution.command,
    method: facts.method,
    path: facts.path,
    rate_limits: facts.rateLimits?.bars ?? null,
    rate_limit_status: facts.rateLimits?.status ?? null,
    account: facts.account ?? null,
    ...(facts.requestDigest ? { request_digest: facts.requestDigest } : {}),
    // Only on a moved request: every other row keeps the fields it always had.
    ...(facts.failover ? { failover_from: facts.failover.from, failover_reason: facts.failover.window } : {}),
  }) as TelemetryRow;
}

/** Null when the API reported neither input nor output (an error, a cut stream before message_start). */
export function countTotalTokens(usage: UsageCounts, kind: ApiKind | null): number | null {
  if (usage.input_tokens === null && usage.output_tokens === null) return null;
  const base = (usage.input_tokens ?? 0) + (usage.output_tokens ?? 0);
  return findProxyProtocol(kind).inputIncludesCache ? base : base + (usage.cache_read_tokens ?? 0) + (usage.cache_creation_tokens ?? 0);
}

function round(ms: number): number {
  return Math.max(0, Math.round(ms * 100) / 100);
}
