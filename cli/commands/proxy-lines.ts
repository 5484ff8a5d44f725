// The lines `tracker proxy` writes as it serves: how to reach it, failover moves, one request for --verbose.
import type { TelemetryRow } from '../../ledger/index.js';
import type { FailoverEvent, KeptStartPath } from '../../proxy/index.js';
import { describeKeptStartPath } from './start-path-option.js';

/** What a client sets to use the proxy at its secret base URL, said once at the start. */
export function describeStartPath(url: string, kept: KeptStartPath): string {
  return [
    describeKeptStartPath(kept).trimEnd(),
    `  ANTHROPIC_BASE_URL=${url} claude`,
    `  codex -c model_provider=tracker -c 'model_providers.tracker={name="tracker",base_url="${url}/v1",wire_api="responses"}'`,
    `  OTEL_EXPORTER_OTLP_ENDPOINT=${url} (the agents' own OpenTelemetry)`,
    '',
  ].join('\n');
}

/** One stderr line when work moves on and when it comes back. */
export function describeFailoverEvent(event: FailoverEvent): string {
  const { bar, used_pct: used, resets_at: resets, trigger, clamped_from: given } = event.window;
  const why = trigger === 'rejected' ? `refused for its ${bar} window (${used}%)` : `${bar} bar at ${used}%`;
  // A reset past what the bar's period allows is the proxy's bound, not the vendor's word: the line says so.
  const clamped = given === undefined ? '' : ` (clamped: it named ${given}, past what a ${bar} window allows)`;
  return event.kind === 'move'
    ? `tracker proxy: moved work from ${event.from} to ${event.to}: ${event.from} ${why}; back to it at its reset, ${resets}${clamped}\n`
    : `tracker proxy: work is back on ${event.to} (its ${bar} window reset at ${resets}); it had moved to ${event.from}\n`;
}

/** One proxied request on one line, for --verbose. */
export function describeTelemetryRow(row: TelemetryRow): string {
  const error = row.error_type ? ` ${row.error_type}` : '';
  return `${row.timestamp} ${row.status} ${row.route}->${row.backend_provider} ${row.model ?? '-'} in=${row.prompt_tokens ?? '-'} out=${row.completion_tokens ?? '-'} ${row.latency_ms}ms${error}\n`;
}
