// A proxy telemetry row: one per proxied request (docs/product.md#telemetry-events), from `tracker proxy` or an ingested emitter.
import * as z from 'zod';
import { BAR_NAMES, type BarName } from './bar-kinds.js';
import { BarsSchema } from './capacity.js';
import { ACCOUNT_PATTERN } from '../vocabulary/index.js';
import { WindowIdSchema } from './ids.js';
import { IsoTimeSchema, StampSchema } from './stamp.js';

const tokens = z.number().int().nonnegative().nullable();

/** Why the proxy's failover chain moved a request: the spent bar of the back end it left, and when that bar resets. */
export const FailoverReasonSchema = z.object({
  /** `rejected`: that back end refused for its window (a 429 with its bars); `threshold`: a bar reached the set percent. */
  trigger: z.enum(['rejected', 'threshold']),
  bar: z.enum(BAR_NAMES as [BarName, ...BarName[]]),
  used_pct: z.number().min(0).max(100),
  /** The chain returns to that back end from then on. */
  resets_at: IsoTimeSchema,
});
/** One moved request's reason, as its telemetry row carries it. */
export type FailoverReason = z.infer<typeof FailoverReasonSchema>;
const text = z.string().min(1).nullable();

/** What one proxied request looked like: the contract an emitter (the proxy, a mitmproxy addon) must meet. */
export const TelemetryEventShape = {
  /** When the request arrived. */
  timestamp: IsoTimeSchema,
  session_id: text,
  /** Which sub-agent sent it (e.g. "haiku"), when known; null for the main agent's own traffic. */
  subagent_id: text,
  /** The back end that answered: a preset name (anthropic, glm, openai) or a configured back end. */
  backend_provider: z.string().min(1),
  /** The model sent upstream (after any rewrite). */
  model: text,
  prompt_tokens: tokens,
  completion_tokens: tokens,
  /** From request arrival to the last byte sent to the client. */
  latency_ms: z.number().nonnegative(),
  /** HTTP status the client got; 0 when it got none (it hung up first). */
  status: z.number().int().min(0).max(999),
  trace_id: z.string().min(1),
  requested_model: text.optional(),
  route: text.optional(),
  cache_read_tokens: tokens.optional(),
  cache_creation_tokens: tokens.optional(),
  /**
   * Every token the request used, by the API's own convention: Anthropic's input excludes cache reads
   * and writes (so they are added), the Responses API's input already includes them (so they are not).
   */
  total_tokens: tokens.optional(),
  ttft_ms: z.number().nonnegative().nullable().optional(),
  stream: z.boolean().optional(),
  /** An API error type (rate_limit_error, overloaded_error, api_error, ...) or a transport failure (upstream_unreachable, upstream_reset, ...). */
  error_type: text.optional(),
  /** True when the request ended early: the client hung up, or the proxy cut it. */
  aborted: z.boolean().optional(),
  window_id: WindowIdSchema.nullable().optional(),
  feature_id: text.optional(),
  command: text.optional(),
  method: z.string().min(1).optional(),
  path: z.string().min(1).optional(),
  /** The subscription bars the response headers carried, when it carried any. */
  rate_limits: BarsSchema.nullable().optional(),
  /** The upstream's own status value (anthropic-ratelimit-unified-status: allowed, allowed_warning, rejected). */
  rate_limit_status: text.optional(),
  /**
   * On a refused request (429) only: the first 16 hex digits of SHA-256 over its body. A CLI retrying a refused
   * request sends the same body; a new prompt another: demand counts the first once and each of the others.
   */
  request_digest: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .nullable()
    .optional(),
  /** The account the request spent (`acct-` and 10 hex digits: vocabulary/account-fingerprint.ts), when it could be told. */
  account: z.string().regex(ACCOUNT_PATTERN).nullable().optional(),
  /** Present only on a request the failover chain moved (backend_provider is where it went): the back end it left. */
  failover_from: z.string().min(1).optional(),
  failover_reason: FailoverReasonSchema.optional(),
};
export const TelemetryEventSchema = z.object(TelemetryEventShape);
export type TelemetryEvent = z.infer<typeof TelemetryEventSchema>;

export const TelemetryRowSchema = StampSchema.extend({
  kind: z.literal('proxy-request'),
  ...TelemetryEventShape,
});
export type TelemetryRow = z.infer<typeof TelemetryRowSchema>;
