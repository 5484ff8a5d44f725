// API error bodies as each API wraps them: Anthropic {type:"error",error:{type,message}}, OpenAI {error:{type,message,code}}.

const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const ANTHROPIC_MESSAGES: Record<string, string> = {
  overloaded_error: 'Overloaded',
  rate_limit_error: "This request would exceed your account's rate limit. Please try again later.",
  api_error: 'Internal server error',
  not_found_error: 'Not found',
  invalid_request_error: 'Invalid request',
};

export interface ApiErrorSpec {
  status: number;
  type?: string | undefined;
  message?: string | undefined;
  code?: string | undefined;
  /** Google's `error.details`, sent as given. */
  details?: readonly Record<string, unknown>[] | undefined;
}

export function anthropicErrorType(spec: ApiErrorSpec): string {
  return spec.type ?? ANTHROPIC_TYPES[spec.status] ?? (spec.status >= 500 ? 'api_error' : 'invalid_request_error');
}

/** The error object, as a body's `error` and as a stream's `event: error` data. */
export function buildAnthropicError(spec: ApiErrorSpec, requestId?: string): Record<string, unknown> {
  const type = anthropicErrorType(spec);
  return {
    type: 'error',
    error: { type, message: spec.message ?? ANTHROPIC_MESSAGES[type] ?? `scripted ${spec.status} error` },
    ...(requestId ? { request_id: requestId } : {}),
  };
}

function openAiType(spec: ApiErrorSpec): string {
  if (spec.type) return spec.type;
  if (spec.status === 429) return 'rate_limit_exceeded';
  if (spec.status === 404) return 'not_found';
  return spec.status >= 500 ? 'server_error' : 'invalid_request_error';
}

export function buildOpenAiError(spec: ApiErrorSpec): Record<string, unknown> {
  const type = openAiType(spec);
  const message =
    spec.message ??
    (spec.status >= 500 ? 'The server had an error while processing your request. Sorry about that!' : `scripted ${spec.status} error`);
  return { error: { message, type, param: null, code: spec.code ?? (spec.status === 429 ? 'rate_limit_exceeded' : null) } };
}
