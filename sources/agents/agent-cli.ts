// What an agent CLI is apart from any provider: the protocols it speaks, its OpenTelemetry names and exporter, its parsers.
import type { ProtocolId } from '../../ledger/vocabulary/index.js';

/**
 * How a CLI's own OpenTelemetry export is turned on to the arm's proxy (docs/otel.md): by variables, by lines of its
 * config file, or both. Every part is required, so an entry that forgets its exporter does not compile.
 */
export interface OtelExporter {
  /** The variables its exporter reads: the driver owns them, so passEnv may not send the agent's telemetry elsewhere. */
  variables: readonly string[];
  /** The variables that send its export to the proxy (none when its config file does it). */
  buildEnv(proxyUrl: string, headers: Record<string, string>): Record<string, string>;
  /** The lines of its config file that send its export to the proxy (none when variables do it). */
  buildConfig(proxyUrl: string, quote: (text: string) => string): string[];
}

/** One agent CLI's pure parts. A provider says what it speaks; a profile pairs one of these with a provider that fits. */
export interface AgentCli {
  /** The agent name it gives itself (a ledger row's agent, `claude-code`). */
  agent: string;
  /** The protocols it can speak, its default (what it speaks to the scripted server) first. */
  protocols: readonly [ProtocolId, ...ProtocolId[]];
  /** The provider its sessions are charged to when nothing else says (the maker's own), or null when it has none. */
  homeProvider: string | null;
  /** Its own OpenTelemetry: the sender name, the event with a request's tokens, how its export is turned on. */
  otel: {
    /** The OpenTelemetry `service.name` values it sends. */
    service: RegExp;
    /** The log event whose attributes carry one request's tokens (sources/parsers/otlp reads it). */
    usageEvent: string;
    exporter: OtelExporter;
  };
  /** Reads one line of its session files (tracker ingest), or null when it keeps none tracker reads. */
  sessionLine: ((line: string) => unknown) | null;
  /** The tool it offers that the scripted solver writes a file with. */
  writeTool: string;
  /** Whether it sends sub-agents' requests at a tier the proxy can route (Claude Code's haiku tier). */
  subagents: boolean;
}
