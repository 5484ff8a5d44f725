// Claude Code's pure parts: Anthropic's Messages, its OpenTelemetry switches, its transcript line parser, its Write tool.
import { readClaudeTranscriptLine } from '../../parsers/claude-transcript-line.js';
import type { AgentCli, OtelExporter } from '../agent-cli.js';
import { formatResourceAttributes } from '../otel-resource-attributes.js';

/**
 * Claude Code 2.1.329's switches (PRODUCT.md section 6; code.claude.com/docs/en/monitoring-usage): logs carry every API
 * request with its tokens, metrics the token and cost sums; it posts to `<endpoint>/v1/logs` and `/v1/metrics` and
 * copies OTEL_RESOURCE_ATTRIBUTES onto every record. At a run's proxy the endpoint is the arm's base URL, which decides
 * the window whatever the attributes say; they name it for a receiver without arm paths.
 */
const exporter: OtelExporter = {
  variables: [
    'CLAUDE_CODE_ENABLE_TELEMETRY',
    'OTEL_LOGS_EXPORTER',
    'OTEL_METRICS_EXPORTER',
    'OTEL_EXPORTER_OTLP_PROTOCOL',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    'OTEL_RESOURCE_ATTRIBUTES',
  ],
  buildEnv: (proxyUrl, headers) => ({
    CLAUDE_CODE_ENABLE_TELEMETRY: '1',
    OTEL_LOGS_EXPORTER: 'otlp',
    OTEL_METRICS_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_ENDPOINT: proxyUrl,
    OTEL_RESOURCE_ATTRIBUTES: formatResourceAttributes(headers),
  }),
  buildConfig: () => [],
};

export const CLAUDE_CLI: AgentCli = {
  agent: 'claude-code',
  protocols: ['anthropic-messages'],
  homeProvider: 'claude',
  otel: { service: /^claude-code$/, usageEvent: 'claude_code.api_request', exporter },
  sessionLine: readClaudeTranscriptLine,
  writeTool: 'Write',
  // Its Agent tool sends sub-agents' requests at the haiku tier, which the proxy can route.
  subagents: true,
};
