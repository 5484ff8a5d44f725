// What the receiver takes out of an agent's OpenTelemetry: one record per API request event or per usage data point.
import type { OtelAttributes } from './otel-values.js';

/** Token counts in the tracker's one convention (ledger/vocabulary/read-row-tokens.ts): input excludes cache reads and writes. */
export interface OtelTokens {
  input_tokens: number | null;
  output_tokens: number | null;
  cache_read_tokens: number | null;
  cache_creation_tokens: number | null;
  /** input + output + cache reads + cache writes; null when the event carried no count. */
  total_tokens: number | null;
}

/** Who sent it, from the export's resource (`service.name`, `service.version`). */
export interface OtelSender {
  /** `claude-code` or `codex` for the agents the tracker knows; else the service name as sent. */
  agent: string | null;
  service_name: string | null;
  service_version: string | null;
  resource_attributes: OtelAttributes;
}

/** An API request as the agent itself reported it (Claude Code `claude_code.api_request` / `api_error`; Codex `codex.sse_event` / `codex.api_request`). */
export interface OtelRequestRecord extends OtelTokens, OtelSender {
  kind: 'otel-request';
  /** The agent's event name, e.g. `claude_code.api_request`, `codex.sse_event`. */
  event: string;
  /** Codex's `event.kind` (`response.completed`); null for Claude Code. */
  event_kind: string | null;
  /** When the agent says it happened (the record's time, else its observed time, else its `event.timestamp`). */
  occurred_at: string;
  /** Claude Code's `session.id`, Codex's `conversation.id` (the `thread_id` of `codex exec --json`). */
  session_id: string | null;
  model: string | null;
  /** "haiku" for a haiku-tier model (Claude Code's sub-agent and background work, as the proxy labels it); else null. */
  subagent_id: string | null;
  /** The agent's own estimate (Claude Code's `cost_usd`); Codex reports none. */
  cost_usd: number | null;
  duration_ms: number | null;
  ttft_ms: number | null;
  /** The HTTP status the agent got, when it says (Codex `http.response.status_code`, Claude Code `status_code` of an error). */
  status_code: number | null;
  /** The agent's error text for a failed request; null when it succeeded. */
  error: string | null;
  /** The API's request id, when the agent reports it (Claude Code `request_id`). */
  request_id: string | null;
  /** Every attribute of the event under the agent's own names. */
  attributes: OtelAttributes;
}

/** One data point of a usage metric (Claude Code `claude_code.token.usage` by `type`, `claude_code.cost.usage`). */
export interface OtelMetricRecord extends OtelSender {
  kind: 'otel-metric';
  metric: string;
  /** `type` of a token.usage point: input, output, cacheRead or cacheCreation. */
  token_type: string | null;
  value: number;
  unit: string | null;
  /** Delta points add up over time; cumulative ones are running totals since `start_at`. */
  temporality: 'delta' | 'cumulative' | null;
  start_at: string | null;
  occurred_at: string;
  session_id: string | null;
  model: string | null;
  attributes: OtelAttributes;
}

export type OtelUsageRecord = OtelRequestRecord | OtelMetricRecord;

/** A log record or data point refused (the rest of the export is kept: OTLP's partial success). */
export interface OtelRefusedItem {
  /** Where it sat, e.g. `resourceLogs[0].scopeLogs[1].logRecords[4]`. */
  where: string;
  reason: string;
}

export interface OtelExtraction {
  records: OtelUsageRecord[];
  /** Log records or data points the export held. */
  seen: number;
  refused: OtelRefusedItem[];
}
