// Turns on an agent's own OpenTelemetry export to the arm's proxy, which takes it at /v1/logs and /v1/metrics (docs/otel.md).

/** The resource attributes that name an arm, from its attribution headers (x-tracker-window -> tracker.window_id, ...). */
const ATTRIBUTES: Record<string, string> = {
  'x-tracker-window': 'tracker.window_id',
  'x-tracker-provider': 'tracker.provider',
  'x-tracker-feature': 'tracker.feature_id',
  'x-tracker-agent': 'tracker.agent_id',
};

/**
 * Claude Code 2.1.329's switches (PRODUCT.md section 6; code.claude.com/docs/en/monitoring-usage): logs carry every API
 * request with its tokens, metrics the token and cost sums; it posts to `<endpoint>/v1/logs` and `/v1/metrics` and
 * copies OTEL_RESOURCE_ATTRIBUTES onto every record. At a run's proxy the endpoint is the arm's base URL, which decides
 * the window whatever the attributes say; they name it for a receiver without arm paths.
 */
export function buildClaudeOtelEnv(proxyUrl: string, headers: Record<string, string>): Record<string, string> {
  return {
    CLAUDE_CODE_ENABLE_TELEMETRY: '1',
    OTEL_LOGS_EXPORTER: 'otlp',
    OTEL_METRICS_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_ENDPOINT: proxyUrl,
    OTEL_RESOURCE_ATTRIBUTES: formatResourceAttributes(headers),
  };
}

/** The variables buildClaudeOtelEnv sets: the driver owns them (passEnv may not send the agent's telemetry elsewhere). */
export const CLAUDE_OTEL_VARIABLES = [
  'CLAUDE_CODE_ENABLE_TELEMETRY',
  'OTEL_LOGS_EXPORTER',
  'OTEL_METRICS_EXPORTER',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_RESOURCE_ATTRIBUTES',
] as const;

/**
 * `key=value,...` as the OpenTelemetry SDKs read OTEL_RESOURCE_ATTRIBUTES (the spec's W3C Baggage-like format: values
 * percent-encoded, so a "," or "=" in one cannot start another pair).
 */
export function formatResourceAttributes(headers: Record<string, string>): string {
  return Object.entries(headers)
    .filter(([name]) => ATTRIBUTES[name.toLowerCase()] !== undefined)
    .map(([name, value]) => `${ATTRIBUTES[name.toLowerCase()]}=${encodeURIComponent(value)}`)
    .sort()
    .join(',');
}

/**
 * Codex 0.169's `[otel]` table (codex-rs/otel config: `exporter = { otlp-http = { endpoint, protocol } }`; its exporter
 * posts to the endpoint as given, so the path is spelled out). Codex ignores OTEL_RESOURCE_ATTRIBUTES: its rows are the
 * arm's by the base URL (and carry its conversation.id, the thread_id of `exec --json`). Metrics stay off: they are
 * Codex's internals (632 KB of histograms per export here), not usage; prompts are never logged.
 */
export function buildCodexOtelToml(proxyUrl: string, formatString: (text: string) => string): string[] {
  return [
    '[otel]',
    'log_user_prompt = false',
    `exporter = { otlp-http = { endpoint = ${formatString(`${proxyUrl}/v1/logs`)}, protocol = "binary" } }`,
    'metrics_exporter = "none"',
  ];
}

/**
 * Gemini CLI 0.61.0's switches (its telemetry config reads GEMINI_TELEMETRY_* before settings.json): OTLP over HTTP to
 * `<endpoint>/v1/logs`, `/v1/metrics` and `/v1/traces`, the path kept (so an arm's URL works); its `gemini_cli.api_response`
 * log records carry each request's tokens. Prompts are not logged; the receiver drops them anyway (docs/otel.md).
 */
export function buildGeminiOtelEnv(proxyUrl: string, headers: Record<string, string>): Record<string, string> {
  return {
    GEMINI_TELEMETRY_ENABLED: 'true',
    GEMINI_TELEMETRY_TARGET: 'local',
    GEMINI_TELEMETRY_OTLP_ENDPOINT: proxyUrl,
    GEMINI_TELEMETRY_OTLP_PROTOCOL: 'http',
    GEMINI_TELEMETRY_LOG_PROMPTS: 'false',
    OTEL_RESOURCE_ATTRIBUTES: formatResourceAttributes(headers),
  };
}

/** The variables buildGeminiOtelEnv sets: the driver owns them. */
export const GEMINI_OTEL_VARIABLES = [
  'GEMINI_TELEMETRY_ENABLED',
  'GEMINI_TELEMETRY_TARGET',
  'GEMINI_TELEMETRY_OTLP_ENDPOINT',
  'GEMINI_TELEMETRY_OTLP_PROTOCOL',
  'GEMINI_TELEMETRY_LOG_PROMPTS',
  'GEMINI_TELEMETRY_OUTFILE',
  'GEMINI_TELEMETRY_USE_COLLECTOR',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_RESOURCE_ATTRIBUTES',
] as const;
