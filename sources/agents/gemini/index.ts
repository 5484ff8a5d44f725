// Gemini CLI's pure parts: Gemini's generateContent, its telemetry switches, its session line parser, its write_file tool.
import { readGeminiSessionLine } from '../../parsers/gemini-session-line.js';
import type { AgentCli, OtelExporter } from '../agent-cli.js';
import { formatResourceAttributes } from '../otel-resource-attributes.js';

/**
 * Gemini CLI 0.61.0's switches (its telemetry config reads GEMINI_TELEMETRY_* before settings.json): OTLP over HTTP to
 * `<endpoint>/v1/logs`, `/v1/metrics` and `/v1/traces`, the path kept (so an arm's URL works); its `gemini_cli.api_response`
 * log records carry each request's tokens. Prompts are not logged; the receiver drops them anyway (docs/otel.md).
 */
const exporter: OtelExporter = {
  variables: [
    'GEMINI_TELEMETRY_ENABLED',
    'GEMINI_TELEMETRY_TARGET',
    'GEMINI_TELEMETRY_OTLP_ENDPOINT',
    'GEMINI_TELEMETRY_OTLP_PROTOCOL',
    'GEMINI_TELEMETRY_LOG_PROMPTS',
    'GEMINI_TELEMETRY_OUTFILE',
    'GEMINI_TELEMETRY_USE_COLLECTOR',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    'OTEL_RESOURCE_ATTRIBUTES',
  ],
  buildEnv: (proxyUrl, headers) => ({
    GEMINI_TELEMETRY_ENABLED: 'true',
    GEMINI_TELEMETRY_TARGET: 'local',
    GEMINI_TELEMETRY_OTLP_ENDPOINT: proxyUrl,
    GEMINI_TELEMETRY_OTLP_PROTOCOL: 'http',
    GEMINI_TELEMETRY_LOG_PROMPTS: 'false',
    OTEL_RESOURCE_ATTRIBUTES: formatResourceAttributes(headers),
  }),
  buildConfig: () => [],
};

/** Signed in with Google it speaks Code Assist (Gemini's requests wrapped) instead: the login decides, not the CLI. */
export const GEMINI_CLI: AgentCli = {
  agent: 'gemini-cli',
  protocols: ['gemini-generate-content', 'code-assist'],
  homeProvider: 'gemini',
  otel: { service: /^gemini-cli$/, usageEvent: 'gemini_cli.api_response', exporter },
  sessionLine: readGeminiSessionLine,
  writeTool: 'write_file',
  subagents: false,
};
