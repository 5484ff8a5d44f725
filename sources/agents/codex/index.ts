// Codex's pure parts: OpenAI's Responses, its `[otel]` table, its rollout line parser, its exec_command tool.
import { readRolloutLine } from '../../parsers/codex-rollout-line.js';
import type { AgentCli, OtelExporter } from '../agent-cli.js';

/**
 * Codex 0.169's `[otel]` table (codex-rs/otel config: `exporter = { otlp-http = { endpoint, protocol } }`; its exporter
 * posts to the endpoint as given, so the path is spelled out). Codex ignores OTEL_RESOURCE_ATTRIBUTES: its rows are the
 * arm's by the base URL (and carry its conversation.id, the thread_id of `exec --json`). Metrics stay off: they are
 * Codex's internals (632 KB of histograms per export here), not usage; prompts are never logged.
 */
const exporter: OtelExporter = {
  variables: [],
  buildEnv: () => ({}),
  buildConfig: (proxyUrl, quote) => [
    '[otel]',
    'log_user_prompt = false',
    `exporter = { otlp-http = { endpoint = ${quote(`${proxyUrl}/v1/logs`)}, protocol = "binary" } }`,
    'metrics_exporter = "none"',
  ],
};

/** Codex 0.169 names itself `codex_exec`, `codex-tui`, ... in OpenTelemetry. */
export const CODEX_CLI: AgentCli = {
  agent: 'codex',
  protocols: ['openai-responses'],
  homeProvider: 'codex',
  otel: { service: /^codex(?:[-_]|$)/, usageEvent: 'codex.sse_event', exporter },
  sessionLine: readRolloutLine,
  writeTool: 'exec_command',
  subagents: false,
};
