// The field rules of a telemetry event: what each must be, which emitter habits are tolerated, and likely renames.

/** Present on every event (null allowed where the contract allows it), so a renamed field is caught, not defaulted. */
export const REQUIRED_EVENT_FIELDS = [
  'timestamp',
  'session_id',
  'subagent_id',
  'backend_provider',
  'model',
  'prompt_tokens',
  'completion_tokens',
  'latency_ms',
  'status',
  'trace_id',
] as const;

const COUNT_FIELDS = ['prompt_tokens', 'completion_tokens', 'cache_read_tokens', 'cache_creation_tokens'];
const TIME_FIELDS = ['latency_ms', 'ttft_ms'];
const TEXT_FIELDS = [
  'session_id',
  'subagent_id',
  'model',
  'requested_model',
  'route',
  'error_type',
  'feature_id',
  'command',
  'rate_limit_status',
  'window_id',
];

const EXPECTATIONS: Record<string, string> = {
  timestamp: 'expected an ISO-8601 time with a zone (2026-11-21T08:00:00Z) or epoch seconds or milliseconds',
  backend_provider: 'expected the name of the back end that answered (anthropic, glm, openai, ...)',
  latency_ms: 'expected a non-negative number of milliseconds',
  ttft_ms: 'expected a non-negative number of milliseconds or null',
  status: 'expected an HTTP status from 0 to 999 (0 when the client got no response)',
  trace_id: 'expected a non-empty string',
  method: 'expected a non-empty string',
  path: 'expected a non-empty string',
  stream: 'expected true or false',
  aborted: 'expected true or false',
  window_id: 'expected a window id (letters, digits, ".", "_", ":" or "-", max 128) or null',
  rate_limits: 'expected an object of bars (five_hour, weekly, weekly_sonnet) or null',
};

/** What a field must hold, in words, for a reason line. */
export function describeField(field: string): string | null {
  if (COUNT_FIELDS.includes(field)) return 'expected a non-negative integer or null';
  if (TEXT_FIELDS.includes(field)) return EXPECTATIONS[field] ?? 'expected a non-empty string or null';
  return EXPECTATIONS[field] ?? null;
}

const RENAMES: Record<string, string[]> = {
  timestamp: ['ts', 'time', 'started_at', 'start_time', 'created_at'],
  session_id: ['session', 'sessionId'],
  subagent_id: ['subagent', 'sub_agent', 'subagentId'],
  backend_provider: ['backend', 'provider', 'upstream'],
  model: ['model_name', 'upstream_model'],
  prompt_tokens: ['input_tokens', 'promptTokens'],
  completion_tokens: ['output_tokens', 'completionTokens'],
  latency_ms: ['latency', 'duration_ms', 'elapsed_ms'],
  status: ['status_code', 'http_status'],
  trace_id: ['request_id', 'traceId', 'id'],
};

/** A field the event has that is probably `missing` under another name. */
export function suggestRename(missing: string, fields: Record<string, unknown>): string | null {
  return RENAMES[missing]?.find((name) => name in fields) ?? null;
}

const EPOCH_MS_FROM = Date.UTC(2000, 0, 1);
const EPOCH_MS_UNTIL = Date.UTC(2100, 0, 1);
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const DIGITS = /^\d+$/;
const DECIMAL = /^\d+(?:\.\d+)?$/;

/**
 * Turns what emitters plausibly send into the contract's types before validation: epoch timestamps to ISO
 * (UTC), digit strings to numbers, "" to null for text, backend names to lower case. Anything else is left
 * for the schema to refuse.
 */
export function coerceEventFields(fields: Record<string, unknown>): { fields: Record<string, unknown> } | { reason: string } {
  const out: Record<string, unknown> = { ...fields };
  const timestamp = coerceTimestamp(fields.timestamp);
  if (typeof timestamp === 'object') return timestamp;
  out.timestamp = timestamp;
  for (const field of COUNT_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string' && DIGITS.test(value) && Number.isSafeInteger(Number(value))) out[field] = Number(value);
  }
  for (const field of TIME_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string' && DECIMAL.test(value)) out[field] = Number(value);
  }
  if (typeof fields.status === 'string' && DIGITS.test(fields.status)) out.status = Number(fields.status);
  for (const field of TEXT_FIELDS) if (fields[field] === '') out[field] = null;
  if (typeof fields.backend_provider === 'string') out.backend_provider = fields.backend_provider.trim().toLowerCase();
  return { fields: out };
}

/** ISO with a zone, or epoch seconds (below 1e11) or milliseconds, as a number or digits; always returned as UTC ISO. */
function coerceTimestamp(value: unknown): string | { reason: string } {
  let ms: number;
  if (typeof value === 'number' || (typeof value === 'string' && DECIMAL.test(value))) {
    const number = Number(value);
    ms = number < 1e11 ? number * 1000 : number;
  } else if (typeof value === 'string' && ISO_WITH_ZONE.test(value.trim())) {
    ms = Date.parse(value.trim().replace(' ', 'T'));
  } else if (typeof value === 'string' && ISO_WITHOUT_ZONE.test(value.trim())) {
    return { reason: `timestamp: ${JSON.stringify(value)} has no time zone (add Z if it is UTC, or an offset such as +01:00)` };
  } else {
    return { reason: `timestamp: ${EXPECTATIONS.timestamp}, got ${JSON.stringify(value) ?? 'nothing'}` };
  }
  if (!Number.isFinite(ms) || ms < EPOCH_MS_FROM || ms >= EPOCH_MS_UNTIL) {
    return {
      reason: `timestamp: ${JSON.stringify(value)} is not a time between 2000 and 2100 (epoch numbers are read as seconds below 1e11, else milliseconds)`,
    };
  }
  return new Date(ms).toISOString();
}
