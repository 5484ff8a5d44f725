// The script a scripted model server plays: zod schemas of its steps and server-wide settings, with their types.
import * as z from 'zod';

const NON_NEGATIVE_INT = 'expected a non-negative integer';
const count = () => z.number({ error: NON_NEGATIVE_INT }).int({ error: NON_NEGATIVE_INT }).min(0, { error: NON_NEGATIVE_INT });
const positiveCount = () => count().min(1, { error: 'expected a whole number >= 1' });
const nonNegative = () => z.number({ error: 'expected a number >= 0' }).min(0, { error: 'expected a number >= 0' });

/** Token counts a step reports; omitted fields get realistic defaults (see resolve-usage.ts). */
/** How an Anthropic-compatible answer reports usage: Anthropic's own, or GLM's (zeros at message_start). */
export const USAGE_STYLES = ['anthropic', 'glm'] as const;
export type UsageStyle = (typeof USAGE_STYLES)[number];

/** Whether an answer in this style sends message_start's usage as zeros (Z.ai's Anthropic-compatible endpoint does). */
export function startsWithZeroUsage(style: UsageStyle): boolean {
  return style === 'glm';
}

export const StepUsageSchema = z.strictObject({
  input_tokens: count().optional(),
  output_tokens: count().optional(),
  cache_read_input_tokens: count().optional(),
  cache_creation_input_tokens: count().optional(),
});
export type StepUsage = z.infer<typeof StepUsageSchema>;

/** What every step may carry besides its own content. */
const stepTiming = {
  usage: StepUsageSchema.optional(),
  /** Wait before the first byte (status line and headers). */
  delay_ms: count().optional(),
  /** Wait between two SSE events: a slow stream. */
  chunk_delay_ms: count().optional(),
  /** How many delta events the answer (text or tool arguments) is split into; short text is repeated to fill them. */
  events: positiveCount().optional(),
  /** Extra response headers. */
  headers: z.record(z.string(), z.string({ error: 'expected a string header value' })).optional(),
};

export const TextStepSchema = z.strictObject({ type: z.literal('text'), text: z.string({ error: 'expected a string' }), ...stepTiming });
export type TextStep = z.infer<typeof TextStepSchema>;

/** A tool call as one API names it; string values may hold `{{cwd}}`, the client's working directory. */
export const ToolCallSchema = z.strictObject({
  name: z.string({ error: 'expected a tool name' }).min(1, { error: 'expected a tool name' }),
  input: z.record(z.string(), z.unknown(), { error: 'expected an object of tool arguments' }),
});
export type ToolCall = z.infer<typeof ToolCallSchema>;

export const ToolUseStepSchema = z.strictObject({
  type: z.literal('tool_use'),
  /** The Anthropic tool call (e.g. Claude Code's Write {file_path, content}); also used for Responses without `responses`. */
  name: ToolCallSchema.shape.name,
  input: ToolCallSchema.shape.input,
  /** The Responses function call (e.g. Codex's exec_command {cmd}). */
  responses: ToolCallSchema.optional(),
  /** Text said before the call, as a model often does. */
  text: z.string({ error: 'expected a string' }).optional(),
  ...stepTiming,
});
export type ToolUseStep = z.infer<typeof ToolUseStepSchema>;

export const ErrorStepSchema = z.strictObject({
  type: z.literal('error'),
  status: z
    .number({ error: 'expected an HTTP status from 400 to 599' })
    .int()
    .min(400, { error: 'expected an HTTP status from 400 to 599' })
    .max(599, { error: 'expected an HTTP status from 400 to 599' }),
  /** API error type; default by status and API (529 -> overloaded_error / server_error). */
  error_type: z.string({ error: 'expected a string' }).optional(),
  message: z.string({ error: 'expected a string' }).optional(),
  /** OpenAI `error.code` (e.g. rate_limit_exceeded). */
  code: z.string({ error: 'expected a string' }).optional(),
  /** Google's `error.details` (google.rpc QuotaFailure, RetryInfo, ErrorInfo ...), sent as given; other APIs ignore it. */
  details: z.array(z.record(z.string(), z.unknown()), { error: 'expected a list of objects' }).optional(),
  /** Answer 200 and send the error as an SSE event after the stream started (Anthropic `error`, Responses `response.failed`). */
  mid_stream: z.boolean({ error: 'expected true or false' }).optional(),
  ...stepTiming,
});
export type ErrorStep = z.infer<typeof ErrorStepSchema>;

export const DisconnectStepSchema = z.strictObject({
  type: z.literal('disconnect'),
  text: z.string({ error: 'expected a string' }).optional(),
  /** SSE events sent before the socket is destroyed. */
  after_events: count().optional(),
  ...stepTiming,
});
export type DisconnectStep = z.infer<typeof DisconnectStepSchema>;

export const MalformedStepSchema = z.strictObject({
  type: z.literal('malformed'),
  text: z.string({ error: 'expected a string' }).optional(),
  /** Index of the event the broken line is sent before. */
  at_event: count().optional(),
  /** The broken line (without its blank-line terminator). */
  line: z.string({ error: 'expected a string' }).optional(),
  /** After the broken line: go on with the stream, or end the response there. */
  // biome-ignore lint/suspicious/noThenProperty: the script format's own field (what follows a failure step); a parsed step is never awaited
  then: z.enum(['continue', 'close'], { error: 'expected "continue" or "close"' }).optional(),
  ...stepTiming,
});
export type MalformedStep = z.infer<typeof MalformedStepSchema>;

const STEP_TYPES = ['text', 'tool_use', 'error', 'disconnect', 'malformed'] as const;
export const StepSchema = z.discriminatedUnion(
  'type',
  [TextStepSchema, ToolUseStepSchema, ErrorStepSchema, DisconnectStepSchema, MalformedStepSchema],
  {
    error: `expected type to be one of ${STEP_TYPES.join(', ')}`,
  },
);
export type Step = z.infer<typeof StepSchema>;

/** One rate-limit window that fills up as requests arrive. */
const windowOf = (defaults: { start: number; step_per_request: number; reset_in_s: number }, max: number) =>
  z.strictObject({
    start: nonNegative()
      .max(max, { error: `expected a number from 0 to ${max}` })
      .default(defaults.start),
    step_per_request: nonNegative().default(defaults.step_per_request),
    reset_in_s: count().default(defaults.reset_in_s),
  });

/**
 * A tiny quota: a request that finds a window full is refused as the real API refuses a spent subscription (429 with
 * the bars, status `rejected`), and at the first window's reset a new period starts from `start` (model-server/README.md).
 */
const spentWindow = {
  refuse_when_spent: z.boolean({ error: 'expected true or false' }).default(false),
  /**
   * false: the answers (the refusal too) carry no bars; the tiny quota's bars show only on the quota endpoint, as
   * Codex's do on a ChatGPT login (what a proxy reading the endpoint for its failover runs against).
   */
  bars_on_answers: z.boolean({ error: 'expected true or false' }).default(true),
};

/** Anthropic unified bars: utilization is a fraction 0..1 of the window. */
export const AnthropicRateLimitsSchema = z.strictObject({
  five_hour: windowOf({ start: 0.1, step_per_request: 0.01, reset_in_s: 2 * 3600 }, 1).prefault({}),
  seven_day: windowOf({ start: 0.3, step_per_request: 0.002, reset_in_s: 4 * 86400 }, 1).prefault({}),
  /** Utilization from which a window's status is `allowed_warning` (at 1 it is `rejected`). */
  warn_at: nonNegative().max(1, { error: 'expected a number from 0 to 1' }).default(0.8),
  ...spentWindow,
});
export type AnthropicRateLimits = z.infer<typeof AnthropicRateLimitsSchema>;

/** Codex bars: used percent 0..100 of a window of so many minutes. */
const codexWindowOf = (defaults: { start: number; step_per_request: number; reset_in_s: number; window_minutes: number }) =>
  windowOf(defaults, 100).extend({ window_minutes: positiveCount().default(defaults.window_minutes) });
export const CodexRateLimitsSchema = z.strictObject({
  primary: codexWindowOf({ start: 10, step_per_request: 1, reset_in_s: 3 * 3600, window_minutes: 300 }).prefault({}),
  secondary: codexWindowOf({ start: 30, step_per_request: 0.2, reset_in_s: 3 * 86400, window_minutes: 10080 }).prefault({}),
  ...spentWindow,
});
export type CodexRateLimits = z.infer<typeof CodexRateLimitsSchema>;

/**
 * A Gemini API key's tiny daily quota (the API sends no bars): `requests` answers per period of `reset_in_s`, then each
 * request is refused as Google refuses a spent daily quota (429 RESOURCE_EXHAUSTED with a per-day QuotaFailure and
 * RetryInfo's short delay, at most 60 s as the real API's retry hint) until the period ends.
 */
export const GeminiRateLimitsSchema = z.strictObject({
  requests: positiveCount(),
  reset_in_s: count().default(86_400),
});
export type GeminiRateLimits = z.infer<typeof GeminiRateLimitsSchema>;

export const RateLimitsSchema = z.strictObject({
  /** null: send no unified headers (as GLM). */
  anthropic: AnthropicRateLimitsSchema.nullable().prefault({}),
  codex: CodexRateLimitsSchema.nullable().prefault({}),
  /** null (the default): the Gemini API never refuses for a quota. */
  gemini: GeminiRateLimitsSchema.nullable().default(null),
});

export const ScriptSchema = z.strictObject({
  name: z.string({ error: 'expected a string' }).optional(),
  description: z.string({ error: 'expected a string' }).optional(),
  /**
   * How a request finds its step. `request`: the Nth model request plays steps[N-1]. `tool_results`: a request plays
   * steps[K], K = tool-result rounds already in its conversation, so parallel clients each walk their own loop.
   */
  step_by: z.enum(['request', 'tool_results'], { error: 'expected "request" or "tool_results"' }).default('request'),
  /** Past the last step: false repeats the last step, true starts again at the first. */
  loop: z.boolean({ error: 'expected true or false' }).default(false),
  /** `glm`: message_start carries zero usage and the real counts come in message_delta only. */
  usage_style: z.enum(USAGE_STYLES, { error: 'expected "anthropic" or "glm"' }).default('anthropic'),
  /** `unsupported`: /v1/messages/count_tokens answers 404, as GLM's endpoint does. */
  count_tokens: z.enum(['supported', 'unsupported'], { error: 'expected "supported" or "unsupported"' }).default('supported'),
  rate_limits: RateLimitsSchema.prefault({}),
  /** Ids listed by GET /v1/models. */
  models: z
    .array(z.string({ error: 'expected a model id' }))
    .min(1, { error: 'expected at least one model id' })
    .optional(),
  steps: z.array(StepSchema, { error: 'expected a list of steps' }).min(1, { error: 'expected at least one step' }),
});
/** A script as written (defaults optional). */
export type ScriptInput = z.input<typeof ScriptSchema>;
/** A validated script with every default filled in. */
export type Script = z.output<typeof ScriptSchema>;
