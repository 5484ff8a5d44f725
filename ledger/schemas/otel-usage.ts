// Rows of otel_usage.jsonl: what the agents' own OpenTelemetry said about their API requests and usage (docs/otel.md).
import * as z from 'zod';
import { ProviderIdSchema, WindowIdSchema } from './ids.js';
import { IsoTimeSchema, StampSchema } from './stamp.js';

const count = z.number().int().nonnegative().nullable();
const text = z.string().min(1).nullable();
/** Attribute values under the agent's own names, as JSON (bounded by the receiver: sources/parsers/otlp/otel-values.ts). */
const AttributesSchema = z.record(z.string(), z.unknown());

/** How a row's window was known: the arm's base URL at a run's proxy, the export's resource attributes, a header, or not at all. */
export const OTEL_ATTRIBUTIONS = ['arm-path', 'resource', 'header'] as const;

/** Who and what a row is charged to, and who sent it (the same on both kinds). */
const OtelRowShape = {
  /** `claude-code`, `codex`, or another service's name. */
  agent: text,
  service_name: text,
  service_version: text,
  /** The tracker's provider id: the arm's, else `tracker.provider` on the resource, else the agent's usual one. */
  provider: ProviderIdSchema.nullable(),
  window_id: WindowIdSchema.nullable(),
  feature_id: text,
  attributed_by: z.enum(OTEL_ATTRIBUTIONS).nullable(),
  /** When the agent says it happened (not when it arrived: that is `ts`). */
  occurred_at: IsoTimeSchema,
  session_id: text,
  model: text,
  attributes: AttributesSchema,
  resource_attributes: AttributesSchema,
};

/** One API request event (Claude Code api_request / api_error, Codex sse_event response.completed / api_request). */
export const OtelRequestRowSchema = StampSchema.extend({
  kind: z.literal('otel-request'),
  ...OtelRowShape,
  event: z.string().min(1),
  event_kind: text,
  subagent_id: text,
  /** Tokens in the tracker's convention: input excludes cache reads and writes; total is the sum of the four. */
  input_tokens: count,
  output_tokens: count,
  cache_read_tokens: count,
  cache_creation_tokens: count,
  total_tokens: count,
  cost_usd: z.number().nonnegative().nullable(),
  duration_ms: z.number().nonnegative().nullable(),
  ttft_ms: z.number().nonnegative().nullable(),
  status_code: z.number().int().min(0).max(999).nullable(),
  error: text,
  request_id: text,
});
export type OtelRequestRow = z.infer<typeof OtelRequestRowSchema>;

/** One data point of a usage metric (Claude Code claude_code.token.usage by type, claude_code.cost.usage). */
export const OtelMetricRowSchema = StampSchema.extend({
  kind: z.literal('otel-metric'),
  ...OtelRowShape,
  metric: z.string().min(1),
  token_type: text,
  value: z.number().nonnegative(),
  unit: text,
  temporality: z.enum(['delta', 'cumulative']).nullable(),
  start_at: IsoTimeSchema.nullable(),
});
export type OtelMetricRow = z.infer<typeof OtelMetricRowSchema>;

/** Tokens by kind, in the tracker's convention (input excludes the cache). */
export const TokenKindsSchema = z.strictObject({
  input: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
  cache_read: z.number().int().nonnegative(),
  cache_creation: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type TokenKinds = z.infer<typeof TokenKindsSchema>;

/**
 * A completed window's usage as the agent itself reported it, and how it compares with the proxy's count of the same
 * window (docs/otel.md, "The comparison"). On the window row as `otel`.
 */
export const WindowOtelSchema = z.strictObject({
  /** `window`: rows attributed to the window; `time-span`: unattributed rows of the provider between its captures. */
  matched_by: z.enum(['window', 'time-span']),
  requests: z.number().int().nonnegative(),
  /** Requests the agent reported as failed (an error, or a status of 400 and above). */
  errors: z.number().int().nonnegative(),
  tokens: TokenKindsSchema,
  cost_usd: z.number().nonnegative().nullable(),
  /** The sessions the rows came from (the first 20). */
  sessions: z.array(z.string().min(1)).max(20),
  /** The proxy's count of the window, when it counted any request of it. */
  proxy: z.strictObject({ requests: z.number().int().nonnegative(), tokens: TokenKindsSchema }).nullable(),
  /** The largest relative gap over the five token figures, |otel - proxy| / max(otel, proxy); null without a proxy count. */
  gap: z.number().nonnegative().nullable(),
  /** The figure with that gap. */
  gap_in: z.enum(['input', 'output', 'cache_read', 'cache_creation', 'total']).nullable(),
  divergent: z.boolean(),
});
export type WindowOtel = z.infer<typeof WindowOtelSchema>;
